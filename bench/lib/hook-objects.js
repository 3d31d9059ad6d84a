// Hook objects as plugins from separate packages are: each has its own class, compiled from
// its own source text, so V8 gives each its own hidden class and its own function code.
// N copies of one class would keep every call site monomorphic and measure a case that
// never happens in an application.

let serial = 0;

/**
 * Makes `n` hook objects, each an instance of a distinct class with `pre` and `post`.
 * `shape` "fn": pre(x), post(r, x); "method": pre(self, x), post(r, self, x) (hooks of a
 * method get the receiver first). Each method stores its argument in the object: work the
 * optimiser cannot drop (the object outlives the call), with no load-to-store chain through
 * memory from one call to the next, which would time the CPU's store forwarding rather than
 * the hook system.
 */
export function makeHooks(n, shape = "fn") {
  const hooks = [];
  for (let k = 0; k < n; k++) {
    const id = ++serial;
    const self = shape === "method" ? "self, " : "";
    // The id in the source makes every class a separate compilation (V8 caches by source).
    const Hook = new Function(`"use strict";
      return class PluginHook${id} {
        constructor() { this.s = -${id}; this.t = -${id}; }
        pre(${self}x) { this.s = x; }
        post(r, ${self}x) { this.t = r; }
      };`)();
    hooks.push(new Hook());
  }
  return hooks;
}

/**
 * Plain functions calling one hook's methods, for peers that take functions (tapable,
 * hookable, before-after-hook). Compiled per hook, so each has its own code and call site,
 * as a plugin's own tap function would.
 */
export function hookFunctions(hook) {
  const id = ++serial;
  return new Function(
    "h",
    `"use strict";
    return {
      pre: function pre${id}(x) { h.pre(x); },
      post: function post${id}(r, x) { h.post(r, x); },
    };`,
  )(hook);
}

/** Snapshot of every hook's state, to check after one call that each hook really ran. */
export function hookStates(hooks) {
  return hooks.map((h) => [h.s, h.t]);
}

/** Throws unless every hook's state changed since `before` (its pre and post ran). */
export function assertRan(label, hooks, before) {
  hooks.forEach((h, k) => {
    if (h.s === before[k][0] || h.t === before[k][1])
      throw new Error(`${label}: hook ${k} did not run`);
  });
}
