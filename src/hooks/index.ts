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
  AddHookOptionsFor,
  AnyFunction,
  AnyHookMap,
  CreateHooksOptions,
  HookDecorator,
  HookFor,
  HookMap,
  HookName,
  HookObject,
  HookOf,
  HookReturn,
  HookSignature,
  Hooks,
  LoadedHook,
  LoadReport,
  Logger,
  MethodHookFor,
  PassFunction,
  PassFunctionHookFor,
  SignatureOf,
  TypedHookDecorator,
} from "./types.js";
