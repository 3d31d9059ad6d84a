// A plugin is a plain module: plughooks instantiates each exported class with no arguments.

/** Logs each resize before and after it happens. */
export class ResizeAudit {
  pre(manager, instanceId, size) {
    console.log(`  [audit] ${manager.name}: resizing ${instanceId} to ${size} GB`);
  }
  post(ok, manager, instanceId) {
    console.log(
      `  [audit] ${manager.name}: resize of ${instanceId} ${ok ? "succeeded" : "failed"}`,
    );
  }
}

/** Times each build: an async hook point, so these may be async too. */
export class BuildTimer {
  #started = new Map();
  async pre(_manager, spec) {
    this.#started.set(spec, performance.now());
  }
  post(image, _manager, spec) {
    const ms = (performance.now() - this.#started.get(spec)).toFixed(1);
    console.log(`  [timer] built ${image} for ${spec.name} in ${ms} ms`);
  }
}
