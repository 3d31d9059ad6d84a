import { brandOf, FATAL_HOOK_CODE, PLUGHOOKS_ERROR } from "./brand.js";

/**
 * Thrown by a hook to stop the call it is attached to, like Nova's `FatalHookException`.
 *
 * Any other error a hook throws is logged and swallowed: the next hook and the hooked
 * function still run. A `FatalHookError` is logged and then re-thrown to the caller of the
 * hooked function. Thrown from `pre`, the hooked function does not run; thrown from `post`,
 * the function's result is lost to the caller (the error replaces it).
 *
 * It is recognised by its brand, not by its class: a plugin that resolves another copy or
 * version of plughooks still stops the call, and `error instanceof FatalHookError` is true
 * for a `FatalHookError` of any copy (see {@link isFatalHookError}).
 *
 * @example
 * ```ts
 * import { FatalHookError } from "plughooks";
 *
 * export class QuotaGuard {
 *   pre(context: { project: string }) {
 *     if (overQuota(context.project)) throw new FatalHookError("quota exceeded");
 *   }
 * }
 * ```
 */
export class FatalHookError extends Error {
  /** The stable code of every `FatalHookError`: `"ERR_FATAL_HOOK"`. */
  readonly code = FATAL_HOOK_CODE;

  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FatalHookError";
  }

  /**
   * `instanceof FatalHookError` by brand, so that it holds across copies of plughooks.
   * A subclass keeps the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of instanceof
    if (this !== FatalHookError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return brandOf(value) === FATAL_HOOK_CODE;
  }
}

// On the prototype, not enumerable: every instance, and every subclass's, is branded.
Object.defineProperty(FatalHookError.prototype, PLUGHOOKS_ERROR, { value: FATAL_HOOK_CODE });
