/**
 * Thrown by a hook to stop the call it is attached to, like Nova's `FatalHookException`.
 *
 * Any other error a hook throws is logged and swallowed: the next hook and the hooked
 * function still run. A `FatalHookError` is logged and then re-thrown to the caller of the
 * hooked function. Thrown from `pre`, the hooked function does not run; thrown from `post`,
 * the function's result is lost to the caller (the error replaces it).
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
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FatalHookError";
  }
}
