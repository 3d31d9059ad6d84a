import { printable } from "../text/printable.js";
import { brandOf, FATAL_HOOK_CODE, PLUGHOOKS_ERROR } from "./brand.js";

/**
 * The stable codes of every error plughooks reports, one code per meaning. Tests and operators match on the
 * code, never on the wording of the message. The docs page "The entryPoints format" lists
 * what each one means.
 *
 * @example
 * ```ts
 * const report = await hooks.load();
 * const missing = report.problems.filter((p) => p.code === "ERR_MODULE_NOT_FOUND");
 * ```
 */
export type PlughooksErrorCode =
  | "ERR_INVALID_PACKAGE_JSON"
  | "ERR_INVALID_ENTRY_POINTS"
  | "ERR_INVALID_REFERENCE"
  | "ERR_REFERENCE_ESCAPES_PACKAGE"
  | "ERR_MODULE_NOT_FOUND"
  | "ERR_EXPORT_NOT_FOUND"
  | "ERR_MODULE_THREW"
  | "ERR_TOP_LEVEL_AWAIT"
  | "ERR_INVALID_HOOK_OBJECT"
  | "ERR_CONSTRUCTOR_THREW"
  | "ERR_PACKAGE_UNREADABLE"
  | "ERR_PACKAGE_IDENTITY_MISMATCH"
  | "ERR_PACKAGE_JSON_NOT_A_FILE"
  | "ERR_PACKAGE_JSON_TOO_LARGE"
  | "ERR_PLUGIN_LOCKED_OUT"
  | "ERR_LOCK_FILE_MISSING"
  | "ERR_LOCK_INVALID"
  | "ERR_LOCK_UNREADABLE"
  | "ERR_NOT_IN_PACKED_FILES"
  | "ERR_REQUIRE_ESM_UNSUPPORTED"
  | "ERR_LOAD_FAILED"
  | "ERR_INVALID_OPTION"
  | "ERR_EMPTY_HOOK_OBJECT"
  | "ERR_NO_ENTRY_POINTS"
  | "ERR_PACK_FAILED"
  | "ERR_FATAL_HOOK"
  | "ERR_HOOK_FAILED"
  | "ERR_HOOK_TIMEOUT"
  | "ERR_HOOK_LATE_REJECTION"
  | "ERR_HOOK_STRAY_PROMISE"
  | "ERR_HOOK_PROMISE_REJECTED"
  | "ERR_RUNTIME_PERMISSION"
  | "ERR_NOTIFICATION_INVALID_DEFINITION"
  | "ERR_NOTIFICATION_BREAKING_MINOR"
  | "ERR_NOTIFICATION_INVALID_PAYLOAD"
  | "ERR_NOTIFICATION_MALFORMED"
  | "ERR_NOTIFICATION_UNSUPPORTED_VERSION"
  | "ERR_NOTIFICATION_DRIVER_NOT_FOUND"
  | "ERR_NOTIFICATION_DRIVER_DENIED"
  | "ERR_NOTIFICATION_INVALID_DRIVER"
  | "ERR_NOTIFICATION_ROUTING_CONFIG"
  | "ERR_NOTIFICATION_CONNECTION"
  | "ERR_NOTIFICATION_NOT_CONFIRMED"
  | "ERR_NOTIFICATION_OUTBOX_FULL"
  | "ERR_NOTIFICATION_CLOSED";

/**
 * The stable codes of the warnings plughooks gives: something works, but probably not as the
 * operator or the plugin's author meant.
 *
 * @example
 * ```ts
 * const code: PlughooksWarningCode = "WARN_UNKNOWN_PACKAGE_NAME";
 * ```
 */
export type PlughooksWarningCode = "WARN_SEPARATE_PLUGHOOKS_COPY" | "WARN_UNKNOWN_PACKAGE_NAME";

/** Where a problem was found: the package, and the entry point when there is one. */
export interface ProblemSite {
  /** The package's `name` (or its folder when the package.json cannot be read). */
  readonly package: string;
  /** The package's folder (real path). */
  readonly directory?: string;
  /** The entry-point group, e.g. `"nova.hooks"`. */
  readonly group?: string;
  /** The entry-point name, which is the hook name. */
  readonly entryPoint?: string;
  /** The reference as written in package.json, e.g. `"./dist/hooks.js:Audit"`. */
  readonly reference?: string;
}

/**
 * The base class of every error plughooks creates. It carries a stable {@link code} and,
 * where one applies, the package and entry point it is about.
 *
 * @example
 * ```ts
 * try {
 *   await hooks.load();
 * } catch (error) {
 *   if (error instanceof PlughooksError && error.code === "ERR_LOAD_FAILED") process.exit(1);
 * }
 * ```
 */
export class PlughooksError extends Error {
  /** A stable, documented code such as `"ERR_INVALID_REFERENCE"`. */
  readonly code: PlughooksErrorCode;
  /** The package and entry point this error is about, when it is about one. */
  readonly site: ProblemSite | undefined;

  constructor(
    code: PlughooksErrorCode,
    message: string,
    options?: { site?: ProblemSite; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PlughooksError";
    this.code = code;
    this.site = options?.site;
  }

  /**
   * `instanceof PlughooksError` holds for a plughooks error from any copy of plughooks (a
   * plugin's own copy, the separately bundled `plughooks/notifications`), by its brand. A
   * subclass keeps the ordinary prototype check; a `FatalHookError` is not a PlughooksError.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of instanceof
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of instanceof
    if (this !== PlughooksError) return false;
    const brand = brandOf(value);
    return brand !== undefined && brand !== FATAL_HOOK_CODE;
  }
}

// The brand (`Symbol.for("plughooks.error")`): the code, readable across copies of plughooks.
// On the prototype, not enumerable, so errors print and serialise as before.
Object.defineProperty(PlughooksError.prototype, PLUGHOOKS_ERROR, {
  get(this: PlughooksError) {
    return this.code;
  },
});

/**
 * Formats a site as `package "x", entry point "nova.hooks:resize_hook" ("./a.js:A")`. The
 * fields come from package.json files, so control characters are escaped (a newline in a
 * name must not start a forged line).
 */
export function describeSite(site: ProblemSite): string {
  let text = `package "${printable(site.package)}"`;
  if (site.entryPoint !== undefined) {
    text += `, entry point "${printable(`${site.group ?? "?"}:${site.entryPoint}`)}"`;
    if (site.reference !== undefined) text += ` (${printable(JSON.stringify(site.reference))})`;
  } else if (site.group !== undefined) {
    text += `, group "${printable(site.group)}"`;
  }
  return text;
}
