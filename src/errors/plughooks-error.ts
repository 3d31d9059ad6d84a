import { printable } from "../text/printable.js";
import { PLUGHOOKS_ERROR } from "./brand.js";

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
  | "ERR_RUNTIME_PERMISSION";

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
