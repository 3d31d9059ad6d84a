// The application's hook map, as its package publishes it (a `types`-only export). Plugins
// import it with `import type`, so no application code is loaded.
import type { PassFunction } from "../../../src/index.js";
import type { ComputeManager } from "./compute-manager.js";

export type { ComputeManager };

export interface Spec {
  readonly name: string;
}

export interface AppHooks {
  /** A method of ComputeManager: hooks get the instance first. */
  resize_hook: (this: ComputeManager, instanceId: string, size: number) => boolean;
  /** A plain function. */
  build_hook: (spec: Spec, count: number) => number;
  /** An async plain function: post gets the awaited result. */
  fetch_hook: (id: string) => Promise<number>;
  /** A plain function hooked with { passFunction: true }. */
  timed_hook: PassFunction<(spec: Spec) => number>;
  /** A method hooked with { passFunction: true }. */
  timed_resize_hook: PassFunction<(this: ComputeManager, instanceId: string) => boolean>;
}
