import { type CallPlan, isAsyncFunction, makeCallPlan, type RunHook } from "./call-plan.js";
import {
  callPathSlots,
  generateRunner,
  generateWrapper,
  loopRunner,
  MAX_GENERATED_ARITY,
  resetSlots,
} from "./codegen.js";
import type { AnyFunction, Logger } from "./types.js";

/**
 * The own, read-only property every hooked function carries with its hook name, as Nova's
 * `__hook_name__`. Read it with {@link hookNameOf}.
 */
export const HOOK_NAME: unique symbol = Symbol.for("plughooks.hookName");

const STATE = Symbol("plughooks.state");

/** What a hooked function needs from its registry. */
export interface HookSource {
  readonly group: string;
  readonly logger: Logger;
  readonly codegen: boolean;
  /** Milliseconds to wait for a hook's promise (the `hookTimeout` option), or undefined. */
  readonly hookTimeout: number | undefined;
  /** The hooks in place for `name`, discovering and loading them on first use. */
  hooksFor(name: string): readonly RunHook[];
  /** Remembers `state`, so that `reset()` and `register()` can drop its call paths. */
  track(name: string, state: HookedState): void;
}

/** The per-function state behind one hooked function, as its registry sees it. */
export interface HookedState {
  /** Drops the call paths built so far: the next call builds them again from the hooks in place. */
  invalidate(): void;
}

/** Options of {@link hookFunction}. */
export interface HookFunctionOptions {
  readonly passFunction: boolean;
  readonly passThis: boolean;
}

/**
 * Wraps `target` as the hook point `name`. The wrapper only picks the call path for the
 * number of arguments it got; everything else (which hooks, sync or async, what hooks
 * receive) was decided when that call path was made, on the first call.
 */
export function hookFunction<F extends AnyFunction>(
  source: HookSource,
  name: string,
  target: F,
  options: HookFunctionOptions,
): F {
  if (typeof target !== "function")
    throw new TypeError(`addHook("${name}") can only wrap a function`);
  // The call path per argument count, `undefined` until the first call with that count.
  // With no hooks in place, the entry is the target itself. Pre-filled so that the lookup
  // below stays an in-bounds load on a fixed-size array.
  const runners: (AnyFunction | undefined)[] = new Array(MAX_GENERATED_ARITY + 1).fill(undefined);
  // Calls with more arguments than that share one loop-based call path.
  let overflow: AnyFunction | undefined;
  const isAsync = isAsyncFunction(target);

  function firstCall(this: unknown): unknown {
    const arity = arguments.length;
    let run: AnyFunction;
    try {
      const hooks = source.hooksFor(name);
      if (arity < runners.length) {
        run = makeRunner(source, name, target, options, hooks, arity);
        runners[arity] = run;
        if (slots !== undefined) slots[`r${arity}`] = run;
      } else {
        overflow ??= makeRunner(source, name, target, options, hooks, arity);
        run = overflow;
        if (slots !== undefined) slots.rx = run;
      }
    } catch (error) {
      // strict mode: a load failure is the caller's error (a rejection, for async functions)
      if (isAsync) return Promise.reject(error);
      throw error;
    }
    return run.apply(this, arguments as unknown as unknown[]);
  }

  // A wrapper with its own compiled code where allowed (see generateWrapper: a shared one
  // goes megamorphic once several hooked functions run), else this shared closure.
  const slots = source.codegen ? callPathSlots(firstCall) : undefined;
  const hooked =
    (slots !== undefined ? generateWrapper(slots) : undefined) ??
    function (this: unknown) {
      // One `f.apply(this, arguments)` call site and no other use of `arguments`: V8 then
      // forwards the caller's arguments without allocating an arguments object. Passing
      // `arguments` anywhere else (even in a branch never taken) makes every call allocate.
      const run = runners[arguments.length] ?? firstCall;
      return run.apply(this, arguments as unknown as unknown[]);
    };
  Object.defineProperty(hooked, "name", { value: target.name, configurable: true });
  Object.defineProperty(hooked, "length", { value: target.length, configurable: true });
  Object.defineProperty(hooked, HOOK_NAME, {
    value: name,
    enumerable: false,
    writable: false,
    configurable: false,
  });
  const state: HookedState = {
    invalidate() {
      runners.fill(undefined);
      overflow = undefined;
      if (slots !== undefined) resetSlots(slots, firstCall);
    },
  };
  // The registry holds the state weakly (so dropped hooked functions can be collected);
  // the hooked function holds it strongly, so it lives exactly as long as the function.
  Object.defineProperty(hooked, STATE, { value: state });
  source.track(name, state);
  return hooked as unknown as F;
}

function makeRunner(
  source: HookSource,
  name: string,
  target: AnyFunction,
  options: HookFunctionOptions,
  hooks: readonly RunHook[],
  arity: number,
): AnyFunction {
  if (hooks.length === 0) return target; // nothing to run: the call goes straight through
  const plan: CallPlan = makeCallPlan(
    {
      hookName: name,
      group: source.group,
      target,
      logger: source.logger,
      hookTimeout: source.hookTimeout,
      ...options,
    },
    hooks,
  );
  if (plan.pres.length === 0 && plan.posts.length === 0) return target;
  if (source.codegen && arity <= MAX_GENERATED_ARITY) {
    const generated = generateRunner(plan, arity);
    if (generated !== undefined) return generated;
    source.logger.debug("code generation is not allowed here; hooked calls use the loop (slower)");
  }
  return loopRunner(plan);
}

/**
 * The hook name of a hooked function, or undefined for any other value. Lets an
 * application's tests assert that a function is hooked without calling it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hookNameOf } from "plughooks";
 *
 * assert.equal(hookNameOf(ComputeManager.prototype.resizeInstance), "resize_hook");
 * ```
 */
export function hookNameOf(fn: unknown): string | undefined {
  if (typeof fn !== "function") return undefined;
  const name = (fn as { [HOOK_NAME]?: unknown })[HOOK_NAME];
  return typeof name === "string" ? name : undefined;
}
