import { createRequire } from "node:module";
import { PlughooksError, type ProblemSite } from "../errors/index.js";

const require = createRequire(import.meta.url);

/** A loaded module: an ES module namespace, or a CommonJS `module.exports`. */
export interface LoadedModule {
  readonly exports: unknown;
  readonly isEsm: boolean;
}

/**
 * Loads a module synchronously with `require()`, which loads ES modules too from Node
 * 20.19 and 22.12 on: sync hooked functions can then load their plugins on first call.
 * A module with top-level await cannot be loaded this way and is reported as such.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_TOP_LEVEL_AWAIT` or `ERR_MODULE_THREW`.
 */
export function importModule(file: string, site: ProblemSite): LoadedModule {
  let exports: unknown;
  try {
    exports = require(file);
  } catch (error) {
    if (codeOf(error) === "ERR_REQUIRE_ASYNC_MODULE") {
      throw new PlughooksError(
        "ERR_TOP_LEVEL_AWAIT",
        "the module uses top-level await, so it cannot be loaded synchronously; move the await into pre/post",
        { site, cause: error },
      );
    }
    throw new PlughooksError(
      "ERR_MODULE_THREW",
      `the module threw while loading: ${briefly(error)}`,
      { site, cause: error },
    );
  }
  const isEsm = Object.prototype.toString.call(exports) === "[object Module]";
  return { exports, isEsm };
}

/** The `code` of a thrown value; reading it can throw (a revoked proxy, a getter). */
function codeOf(error: unknown): unknown {
  try {
    return (error as { code?: unknown } | null)?.code;
  } catch {
    return undefined;
  }
}

/** The first line of an error's message, safe for any thrown value. */
export function briefly(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${String(error.message).split("\n")[0]}`;
    return String(error).split("\n")[0] ?? "";
  } catch {
    return "(an unprintable value)";
  }
}
