import { util } from "../builtins.js";
import type { EntryPoint } from "../entry-points/index.js";
import type { HookInstance } from "../loading/index.js";
import type { AnyFunction, Logger } from "./types.js";

/** A hook in place for a name: a loaded or registered hook object, with where it came from. */
export interface RunHook extends HookInstance {
  /** The package it came from, or `"(registered)"`. */
  readonly package: string;
  readonly entryPoint: EntryPoint | undefined;
}

/**
 * Everything one hooked function needs to run its hooks, decided once when the hooks are
 * loaded, so that no call has to decide it again: which hooks have `pre` and `post` (in run
 * order), whether the function is async, and what the hooks receive.
 */
export interface CallPlan {
  readonly hookName: string;
  readonly group: string;
  /** The original (unwrapped) function. */
  readonly target: AnyFunction;
  /** The hooks with a `pre`, in run order. */
  readonly pres: readonly RunHook[];
  /** The hooks with a `post`, in run order (the same order as `pre`: Nova's final rule). */
  readonly posts: readonly RunHook[];
  readonly passFunction: boolean;
  readonly passThis: boolean;
  /** Declared `async`: its pre and post hooks are awaited when they return promises. */
  readonly isAsync: boolean;
  readonly logger: Logger;
  /** Milliseconds to wait for a hook's promise before giving up on it; undefined: forever. */
  readonly hookTimeout: number | undefined;
}

/** Whether a function is declared `async` (its hooks are then awaited). */
export const isAsyncFunction = (fn: AnyFunction): boolean =>
  (fn as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === "AsyncFunction";

/** Builds the plan of one hooked function for the hooks now in place. */
export function makeCallPlan(
  base: Omit<CallPlan, "pres" | "posts" | "isAsync">,
  hooks: readonly RunHook[],
): CallPlan {
  return {
    ...base,
    pres: hooks.filter((hook) => hook.hasPre),
    posts: hooks.filter((hook) => hook.hasPost),
    isAsync: isAsyncFunction(base.target),
  };
}

// Captured at load, so that a later change to the globals cannot change what counts as native.
const PromisePrototype = Promise.prototype;
const promiseThen = Promise.prototype.then;
const { getPrototypeOf } = Reflect;
const { hasOwn } = Object;
const isPromise = util.types.isPromise;

/**
 * Whether a sync function's result is a plain native promise: a real promise whose prototype
 * is `Promise.prototype` and that has no own properties (no own `then` or `constructor` that
 * would run code when plughooks waits for it; Node may add symbol-keyed bookkeeping). Only for such a value do `post` hooks wait for
 * settlement; a subclass (with `cancel()`, say) or any other thenable is returned as is and
 * its `post` hooks run at once. Reads nothing but the prototype (a Proxy's `getPrototypeOf`
 * trap is the one piece of a result's code this can run).
 */
export function isNativePromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    getPrototypeOf(value) === PromisePrototype &&
    isPromise(value) &&
    !hasOwn(value, "constructor")
  );
}

/**
 * Waits for a native promise with the intrinsic `then` (never a `then` the value or a patched
 * global could supply): the one way plughooks ever observes a function's promise.
 */
export function afterSettled<T, R>(
  promise: Promise<T>,
  onFulfilled: (value: T) => R | PromiseLike<R>,
): Promise<R> {
  return Reflect.apply(promiseThen, promise, [onFulfilled]) as Promise<R>;
}

/** The arguments hooks receive: the function (passFunction), the receiver (passThis), the call's arguments. */
export function hookArguments(plan: CallPlan, self: unknown, args: ArrayLike<unknown>): unknown[] {
  // The loop path allocates per call: no copy when hooks get exactly the call's arguments
  // (an array: hooks receive its elements through Reflect.apply, never the array). Built with
  // push, not `new Array(n)`: a holey array makes every Reflect.apply copy it.
  if (!plan.passFunction && !plan.passThis && Array.isArray(args)) return args;
  const list: unknown[] = [];
  if (plan.passFunction) list.push(plan.target);
  if (plan.passThis) list.push(self);
  for (let i = 0; i < args.length; i++) list.push(args[i]);
  return list;
}
