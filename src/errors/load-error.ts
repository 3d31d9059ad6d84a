import { printable } from "../text/printable.js";
import {
  describeSite,
  PlughooksError,
  type PlughooksErrorCode,
  type PlughooksWarningCode,
  type ProblemSite,
} from "./plughooks-error.js";

/** One problem found while discovering or loading plugins, as data. */
export interface Problem extends ProblemSite {
  /** A stable code, e.g. `"ERR_MODULE_NOT_FOUND"`. */
  readonly code: PlughooksErrorCode;
  /** One line saying what is wrong and where. */
  readonly message: string;
  /** The underlying error, when there was one (its stack points into the plugin). */
  readonly cause?: unknown;
}

/**
 * Builds a {@link Problem} whose message starts with the package and entry point. The
 * message is one line, escaped: `what` may quote a package's own bytes (a JSON syntax
 * error shows the text around it), which must not start a forged log line.
 */
export function problem(
  code: PlughooksErrorCode,
  site: ProblemSite,
  what: string,
  cause?: unknown,
): Problem {
  const message = `${describeSite(site)}: ${printable(what)}`;
  return cause === undefined ? { ...site, code, message } : { ...site, code, message, cause };
}

/** One warning, as data: nothing was refused, but something is probably not as meant. */
export interface Warning extends ProblemSite {
  /** A stable code, e.g. `"WARN_UNKNOWN_PACKAGE_NAME"`. */
  readonly code: PlughooksWarningCode;
  /** One line saying what is wrong and where. */
  readonly message: string;
}

/** Builds a {@link Warning} whose message starts with the package (and entry point). */
export function warning(code: PlughooksWarningCode, site: ProblemSite, what: string): Warning {
  return { ...site, code, message: `${describeSite(site)}: ${what}` };
}

/**
 * Thrown in strict mode (`strict: true` or `PLUGHOOKS_STRICT=1`) when plugins failed to be
 * discovered or loaded. It lists every problem, not only the first.
 *
 * @example
 * ```ts
 * const hooks = createHooks({ group: "nova.hooks", strict: true });
 * try {
 *   await hooks.load();
 * } catch (error) {
 *   if (error instanceof PluginLoadError) for (const p of error.problems) console.error(p.message);
 * }
 * ```
 */
export class PluginLoadError extends PlughooksError {
  /** Every problem found, each with its package and entry point. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const lines = problems.map((p) => `  - [${p.code}] ${p.message}`).join("\n");
    super("ERR_LOAD_FAILED", `${problems.length} plugin problem(s):\n${lines}`);
    this.name = "PluginLoadError";
    this.problems = problems;
  }
}
