import { HookRegistry } from "./registry.js";
import type { CreateHooksOptions, Hooks } from "./types.js";

/**
 * Creates an application's hook registry for one entry-point group. Nothing is discovered or
 * loaded until a hooked function is first called (or {@link Hooks.load} is).
 *
 * @example
 * ```ts
 * // src/hooks.ts of the application
 * import { createHooks } from "plughooks";
 *
 * export const hooks = createHooks({ group: "nova.hooks", root: import.meta.url });
 *
 * // anywhere in the application
 * class ComputeManager {
 *   @hooks.addHook("resize_hook")
 *   resizeInstance(instanceId: string, size: number) {
 *     return true;
 *   }
 * }
 * ```
 */
export function createHooks(options: CreateHooksOptions): Hooks {
  return new HookRegistry(options);
}
