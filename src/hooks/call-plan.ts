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

/** The arguments hooks receive: the function (passFunction), the receiver (passThis), the call's arguments. */
export function hookArguments(plan: CallPlan, self: unknown, args: ArrayLike<unknown>): unknown[] {
  // The loop path allocates per call; keep it to one array of the exact size (or none: the
  // call's own argument array is passed to hooks by Reflect.apply, which copies it).
  if (!plan.passFunction && !plan.passThis && Array.isArray(args)) return args;
  const offset = (plan.passFunction ? 1 : 0) + (plan.passThis ? 1 : 0);
  const list: unknown[] = new Array(offset + args.length);
  if (plan.passFunction) list[0] = plan.target;
  if (plan.passThis) list[offset - 1] = self;
  for (let i = 0; i < args.length; i++) list[offset + i] = args[i];
  return list;
}
