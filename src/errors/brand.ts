/**
 * The brand every plughooks error carries, stable across copies and versions of plughooks.
 *
 * A plugin may resolve its own copy of plughooks (a devDependency for its types, a linked
 * folder, a bundle): its `FatalHookError` is then another class, and `instanceof` against the
 * application's class is false. The brand is a property keyed by a registered symbol (the
 * same in every copy, like `HOOK_NAME`), whose value is the error's code. It is the contract:
 * this key and these values do not change between versions.
 *
 * @example
 * ```ts
 * import { PLUGHOOKS_ERROR } from "plughooks";
 *
 * const code = (error as Record<symbol, unknown>)[PLUGHOOKS_ERROR]; // "ERR_FATAL_HOOK", ...
 * ```
 */
export const PLUGHOOKS_ERROR: unique symbol = Symbol.for("plughooks.error") as never;

/** The brand value of a {@link FatalHookError}, in every copy and version. */
export const FATAL_HOOK_CODE = "ERR_FATAL_HOOK";

/**
 * The brand of a value: its code, or `undefined` when it is not a plughooks error. Never
 * throws: a revoked proxy, or a getter that throws, is simply not branded.
 */
export function brandOf(value: unknown): string | undefined {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return;
  try {
    const brand = (value as Record<symbol, unknown>)[PLUGHOOKS_ERROR];
    return typeof brand === "string" ? brand : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a thrown value is a `FatalHookError` from any copy or version of plughooks: it
 * carries the brand `Symbol.for("plughooks.error")` with the value `"ERR_FATAL_HOOK"`. Never
 * throws, whatever the value (a revoked proxy is not fatal).
 *
 * @example
 * ```ts
 * try {
 *   await resizeInstance("vm-1", 4);
 * } catch (error) {
 *   if (isFatalHookError(error)) console.error("a plugin stopped the call:", error.message);
 * }
 * ```
 */
export function isFatalHookError(error: unknown): error is Error {
  return brandOf(error) === FATAL_HOOK_CODE;
}
