import { HookRegistry } from "./registry.js";
import type { AnyHookMap, CreateHooksOptions, HookMap, Hooks } from "./types.js";

/**
 * Creates an application's hook registry for one entry-point group. Nothing is discovered or
 * loaded until a hooked function is first called (or {@link Hooks.load} is).
 *
 * Give it the application's hook map (`createHooks<AppHooks>(...)`, see {@link HookMap}) and
 * every `addHook` name, decorated signature and `register` call is type-checked against it;
 * publish the same map for plugin authors, who type their hooks with {@link HookOf}.
 * Without a map, any name and any function are accepted.
 *
 * @example
 * ```ts
 * // src/hooks.ts of the application
 * import { createHooks } from "plughooks";
 * import type { AppHooks } from "./hook-types.js";
 *
 * export const hooks = createHooks<AppHooks>({ group: "nova.hooks", root: import.meta.url });
 *
 * // anywhere in the application
 * class ComputeManager {
 *   @hooks.addHook("resize_hook") // checked: a name of AppHooks, and its signature
 *   resizeInstance(instanceId: string, size: number) {
 *     return true;
 *   }
 * }
 * ```
 */
export function createHooks<H extends HookMap<H> = AnyHookMap>(
  options: CreateHooksOptions,
): Hooks<H> {
  // The map is type-only: at run time every registry is the same.
  return new HookRegistry(options) as Hooks as unknown as Hooks<H>;
}
