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
  const isAsync = isAsyncFunction(target);
  // The call paths live in one store per hooked function: the slots `r0`..`r8`/`rx` of a
  // generated wrapper (see generateWrapper: a shared wrapper goes megamorphic once several
  // hooked functions run), or, where code generation is off or refused, an array read by a
  // shared closure. Each entry is `firstCall` until the first call with that argument count;
  // with no hooks in place it becomes the target itself.
  const slots = source.codegen ? callPathSlots(firstCall) : undefined;
  const generated = slots === undefined ? undefined : generateWrapper(slots);
  const runners: AnyFunction[] | undefined =
    generated === undefined ? new Array(MAX_GENERATED_ARITY + 2).fill(firstCall) : undefined;
  const OVERFLOW = MAX_GENERATED_ARITY + 1;

  function store(arity: number, run: AnyFunction): void {
    if (runners !== undefined) runners[Math.min(arity, OVERFLOW)] = run;
    else slots![arity < OVERFLOW ? `r${arity}` : "rx"] = run;
  }

  function firstCall(this: unknown): unknown {
    const arity = arguments.length;
    let run: AnyFunction;
    try {
      // Calls with more arguments than generated code covers share one loop-based path.
      run = makeRunner(source, name, target, options, source.hooksFor(name), arity);
      store(arity, run);
    } catch (error) {
      // strict mode: a load failure is the caller's error (a rejection, for async functions)
      if (isAsync) return Promise.reject(error);
      throw error;
    }
    return run.apply(this, arguments as unknown as unknown[]);
  }

  const hooked =
    generated ??
    function (this: unknown) {
      // One `f.apply(this, arguments)` call site and no other use of `arguments`: V8 then
      // forwards the caller's arguments without allocating an arguments object. Passing
      // `arguments` anywhere else (even in a branch never taken) makes every call allocate.
      const list = runners!;
      const run = list[arguments.length] ?? list[OVERFLOW]!;
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
      if (runners !== undefined) runners.fill(firstCall);
      else resetSlots(slots!, firstCall);
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
