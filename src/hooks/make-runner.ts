/**
 * Makes a hooked function's call path on its first call (or after a change): the function
 * itself when no hook is in place, else generated code or the reference loop. Loaded on
 * first use with the rest of the first-call code (see first-call-code.ts).
 */
import { callWithLoop } from "./call-loop.js";
import { type CallPlan, makeCallPlan, type RunHook } from "./call-plan.js";
import { generateRunner, MAX_GENERATED_ARITY } from "./codegen.js";
import type { CallPaths } from "./hooked-function.js";
import { isTraced } from "./tracing.js";
import type { AnyFunction } from "./types.js";

export function makeRunner(
  state: CallPaths,
  hooks: readonly RunHook[],
  arity: number,
): AnyFunction {
  const { source, target, name } = state;
  const plan: CallPlan = makeCallPlan(
    {
      hookName: name,
      group: source.group,
      target,
      logger: source.logger,
      hookTimeout: source.hookTimeout,
      ...state.options,
    },
    hooks,
  );
  // No hooks: the call path is the function itself, through the intrinsic `call` bound to
  // it (`path(self, a0)` is `target.call(self, a0)` without reading a `call` property).
  // Nothing is compiled, and V8 inlines through it to the function.
  if (plan.pres.length === 0 && plan.posts.length === 0) return callAsItself(target);
  // While a tracing subscriber listens, the loop runs (it publishes each hook run); the
  // call paths are rebuilt when tracing starts or stops (see trackForTracing).
  const useLoop = isTraced();
  if (source.codegen && !useLoop && arity <= MAX_GENERATED_ARITY) {
    const generated = generateRunner(plan, arity);
    if (generated !== undefined) return generated;
    source.logger.debug("code generation is not allowed here; hooked calls use the loop (slower)");
  }
  return (self: unknown, ...args: unknown[]) => callWithLoop(plan, self, args);
}

// The intrinsics, taken at load: a later patch of Function.prototype changes nothing here.
const { bind, call } = Function.prototype;
const callAsItself = (target: AnyFunction): AnyFunction =>
  Reflect.apply(bind, call, [target]) as AnyFunction;
