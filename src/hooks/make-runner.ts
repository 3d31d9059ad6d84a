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
  const { source, target } = state;
  // No hook to run: the call path is the function itself, through the intrinsic `call` bound
  // to it (`path(self, a0)` is `target.call(self, a0)` without reading a `call` property).
  // Nothing is compiled, and V8 inlines through it to the function. Decided before a plan is
  // made: most hook points have no hook, and each of their first calls would pay for one.
  if (!hooks.some(runsAnything)) return callAsItself(target);
  const plan = planOf(state, hooks);
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

/**
 * The run of a hooked function's first call, when plugins (discovered hooks, not only
 * registered ones) are among its hooks and a call path would be compiled: the reference
 * loop, for this one call, and nothing compiled. That call has just loaded the plugins, and
 * compiling a call path for them (source, bindings, `new Function` and the first run of the
 * new code: about 1.4 ms at 20 hooks, against about 0.7 ms for one cold run of the loop)
 * would add to the start-up cost the first hooked call already pays; the next call builds
 * the call path to keep (see CallPaths.pathFor). `undefined` when {@link makeRunner} should build it now: no
 * plugin among the hooks, or the loop is the call path anyway (no code generation, tracing).
 */
export function runOnce(state: CallPaths, hooks: readonly RunHook[]): AnyFunction | undefined {
  if (!state.source.codegen || isTraced()) return undefined;
  if (!hooks.some((hook) => hook.entryPoint !== undefined)) return undefined;
  const plan = planOf(state, hooks);
  return (self: unknown, ...args: unknown[]) => callWithLoop(plan, self, args);
}

function planOf(state: CallPaths, hooks: readonly RunHook[]): CallPlan {
  const { source, target, name } = state;
  return makeCallPlan(
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
}

const runsAnything = (hook: RunHook): boolean => hook.hasPre || hook.hasPost;

// The intrinsics, taken at load: a later patch of Function.prototype changes nothing here.
const { bind, call } = Function.prototype;
const callAsItself = (target: AnyFunction): AnyFunction =>
  Reflect.apply(bind, call, [target]) as AnyFunction;
