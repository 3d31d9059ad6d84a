/**
 * The hooks layer: named hook points on an application's functions, fed by plugins.
 *
 * @packageDocumentation
 */
export { createHooks } from "./create-hooks.js";
export { HOOK_NAME, hookNameOf } from "./hooked-function.js";
export { type HookRunContext, TRACING_CHANNEL } from "./tracing.js";
export type {
  AddHookOptions,
  AnyFunction,
  CreateHooksOptions,
  HookDecorator,
  HookFor,
  HookObject,
  HookReturn,
  Hooks,
  LoadedHook,
  LoadReport,
  Logger,
  MethodHookFor,
  PassFunctionHookFor,
} from "./types.js";
