/**
 * The call loop: the one place that says how a hooked call runs, as plain loops. It is the
 * reference for every ordering and error rule (Nova's, made precise):
 *
 * 1. `pre` of each hook, in order. A {@link FatalHookError} is logged and re-thrown (the
 *    function does not run); any other error is logged and the next hook runs.
 * 2. The function itself, called as itself (`Reflect.apply`: never through a `call` or
 *    `apply` property it may have). If it throws, no `post` runs and the caller gets that
 *    error as is.
 * 3. `post(result, ...)` of each hook, in the same order as `pre`. Same error rules.
 * 4. The caller gets exactly what the function returned, the same object, with one
 *    exception: see below.
 *
 * Async functions await each hook that returns a promise, and nothing else: a hook that
 * returns a plain value costs no promise and no microtask. A sync function's hooks that
 * return promises are not awaited (that would make the function async); their rejections
 * are logged. When a sync function returns a plain native promise (see `isNativePromise`),
 * its `post` hooks run when that promise fulfils, and the caller gets a native promise of
 * the same outcome, settled after them. Any other value (a Promise subclass, a thenable such
 * as a query builder, a generator) is returned as is, its `post` hooks run at once, and
 * plughooks never calls its `then`.
 *
 * The generated code in `codegen.ts` is a faster, specialised copy of this loop for a fixed
 * hook list and argument count; it hands over to the continuations below when a hook returns
 * a promise, so the async rules live here only. Both are run by the same tests, and the
 * generated source is snapshot-tested.
 */
import {
  afterSettled,
  type CallPlan,
  hookArguments,
  isNativePromise,
  type RunHook,
} from "./call-plan.js";
import {
  hookFailed,
  hookTimedOut,
  isThenable,
  lateRejection,
  type Phase,
  strayPromise,
} from "./report.js";
import { traceHookCall } from "./tracing.js";

/** Runs a hooked call with plain loops: without code generation, while tracing, and beyond 8 arguments. */
export function callWithLoop(plan: CallPlan, self: unknown, args: ArrayLike<unknown>): unknown {
  const hookArgs = hookArguments(plan, self, args);
  const { pres } = plan;
  for (let index = 0; index < pres.length; index++) {
    const hook = pres[index]!;
    let returned: unknown;
    try {
      returned = traceHookCall(plan, hook, "pre", hookArgs);
    } catch (error) {
      if (hookFailed(plan, hook, "pre", error)) {
        if (plan.isAsync) return Promise.reject(error);
        throw error;
      }
      continue;
    }
    if (returned !== undefined && isThenable(returned)) {
      if (plan.isAsync) return continueAfterPre(plan, self, args, hookArgs, index, returned);
      strayPromise(plan, hook, "pre", returned);
    }
  }
  const result = Reflect.apply(plan.target, self, args as unknown[]);
  return runPosts(plan, hookArgs, result);
}

/** Runs the post hooks for a result: now, or when a returned promise settles. */
export function runPosts(plan: CallPlan, hookArgs: unknown[], result: unknown): unknown {
  if (plan.posts.length === 0) return result;
  if (isNativePromise(result)) {
    return afterSettled(result, (value) => postsFrom(plan, hookArgs, value, 0, undefined, true));
  }
  return postsFrom(plan, hookArgs, result, 0, undefined, false);
}

/**
 * Runs the post hooks from `start` on. With `awaits` (an async function, or one that
 * returned a promise) a hook's promise is waited for before the next hook, and `pending` is
 * the promise hook `start - 1` returned; without it, promises are reported, not awaited.
 */
export function postsFrom(
  plan: CallPlan,
  hookArgs: unknown[],
  value: unknown,
  start: number,
  pending: PromiseLike<unknown> | undefined,
  awaits: boolean,
): unknown {
  if (pending !== undefined) {
    const previous = plan.posts[start - 1]!;
    return Promise.resolve(withTimeout(plan, previous, "post", pending)).then(
      () => postsFrom(plan, hookArgs, value, start, undefined, true),
      (error: unknown) => {
        if (hookFailed(plan, previous, "post", error)) throw error;
        return postsFrom(plan, hookArgs, value, start, undefined, true);
      },
    );
  }
  const { posts } = plan;
  // The arguments of every post hook, built once for all of them.
  // (with passFunction the function stays first, then the result: Nova's post(f, rv, *args)).
  const postArgs = plan.passFunction
    ? [hookArgs[0], value, ...hookArgs.slice(1)]
    : [value, ...hookArgs];
  for (let index = start; index < posts.length; index++) {
    const hook = posts[index]!;
    let returned: unknown;
    try {
      returned = traceHookCall(plan, hook, "post", postArgs);
    } catch (error) {
      if (hookFailed(plan, hook, "post", error)) throw error;
      continue;
    }
    if (returned !== undefined && isThenable(returned)) {
      if (awaits) return postsFrom(plan, hookArgs, value, index + 1, returned, true);
      strayPromise(plan, hook, "post", returned);
    }
  }
  return value;
}

/**
 * Continues an async hooked call after `pre` hook `index` returned a promise: wait for it,
 * run the remaining `pre` hooks (awaiting those that return promises), the function, and
 * the `post` hooks.
 */
export async function continueAfterPre(
  plan: CallPlan,
  self: unknown,
  args: ArrayLike<unknown>,
  hookArgs: unknown[],
  index: number,
  pending: PromiseLike<unknown>,
): Promise<unknown> {
  const { pres } = plan;
  try {
    await withTimeout(plan, pres[index]!, "pre", pending);
  } catch (error) {
    if (hookFailed(plan, pres[index]!, "pre", error)) throw error;
  }
  for (let next = index + 1; next < pres.length; next++) {
    const hook = pres[next]!;
    try {
      const returned = traceHookCall(plan, hook, "pre", hookArgs);
      if (returned !== undefined && isThenable(returned)) {
        await withTimeout(plan, hook, "pre", returned);
      }
    } catch (error) {
      if (hookFailed(plan, hook, "pre", error)) throw error;
    }
  }
  const value = await Reflect.apply(plan.target, self, Array.from(args));
  return postsFrom(plan, hookArgs, value, 0, undefined, true);
}

/**
 * The promise a hook returned, bounded by `plan.hookTimeout` when one is set (off by
 * default, as in Nova, and then the hook's own promise is awaited: no timer, no cost). On
 * timeout the hook is reported and the wait resolves, so the call proceeds as after a
 * non-fatal failure. The hook cannot be cancelled; its late rejection is logged, never left
 * unhandled. Only continuations await hooks, so this is the one place a timeout can apply.
 */
function withTimeout(
  plan: CallPlan,
  hook: RunHook,
  phase: Phase,
  pending: PromiseLike<unknown>,
): PromiseLike<unknown> {
  const ms = plan.hookTimeout;
  if (ms === undefined) return pending;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    // Not unref'd: a caller is waiting on this call, so the process must live until it ends.
    const timer = setTimeout(() => {
      timedOut = true;
      hookTimedOut(plan, hook, phase, ms);
      resolve(undefined);
    }, ms);
    // Promise.resolve adopts any thenable, and turns a `then` that throws into a rejection.
    Promise.resolve(pending).then(
      (value) => {
        if (timedOut) return;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (timedOut) return lateRejection(plan, hook, phase, error);
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
