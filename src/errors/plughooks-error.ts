/**
 * The stable codes of every error plughooks reports. Tests and operators match on the
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
  | "ERR_PACKAGE_JSON_NOT_A_FILE"
  | "ERR_PACKAGE_JSON_TOO_LARGE"
  | "ERR_PLUGIN_LOCKED_OUT"
  | "ERR_LOAD_FAILED"
  | "ERR_INVALID_OPTION";

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

/** Formats a site as `package "x", entry point "nova.hooks:resize_hook" ("./a.js:A")`. */
export function describeSite(site: ProblemSite): string {
  let text = `package "${site.package}"`;
  if (site.entryPoint !== undefined) {
    text += `, entry point "${site.group ?? "?"}:${site.entryPoint}"`;
    if (site.reference !== undefined) text += ` (${JSON.stringify(site.reference)})`;
  } else if (site.group !== undefined) {
    text += `, group "${site.group}"`;
  }
  return text;
}
