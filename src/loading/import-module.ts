import { createRequire } from "node:module";
import { fs } from "../builtins.js";
import { PlughooksError, type ProblemSite } from "../errors/index.js";
import { briefly } from "../text/briefly.js";

const require = createRequire(import.meta.url);

/**
 * A loaded module: an ES module namespace, or a CommonJS `module.exports`.
 *
 * @internal
 */
export interface LoadedModule {
  readonly exports: unknown;
  readonly isEsm: boolean;
}

/**
 * Checks the source of each file compiled while a plugin loads, before it runs. The plugin
 * lock passes one so that the bytes compiled are bytes it approved: a file swapped between
 * the lock's check and Node's read of it is refused, not run.
 *
 * @example
 * ```ts
 * import { loadEntryPoint, type CompileGuard } from "plughooks/loading";
 *
 * const noEval: CompileGuard = {
 *   verify(filename, source) {
 *     if (String(source).includes("eval(")) throw new Error(`${filename} uses eval`);
 *   },
 * };
 * const outcome = loadEntryPoint(entryPoint, undefined, noEval);
 * ```
 */
export interface CompileGuard {
  /**
   * Called with a file's path and the source Node is about to compile (a string) or, for
   * JSON, its bytes. Throws (a `PlughooksError`) to refuse it; ignores files it does not pin.
   */
  verify(filename: string, source: string | Uint8Array): void;
}

/**
 * Loads a module synchronously with `require()`, which loads ES modules too from Node
 * 20.19 and 22.12 on: sync hooked functions can then load their plugins on first call.
 * A module with top-level await cannot be loaded this way and is reported as such.
 *
 * With a `guard`, every CommonJS file and JSON file compiled during the load, and the entry
 * module itself (CommonJS or ES), is shown to it first; on Node 22.15 and later ES modules
 * the entry imports are too. What Node 20 compiles without a hook (the static imports of an
 * ES module, `.node` addons) is not.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_TOP_LEVEL_AWAIT`,
 *   `ERR_REQUIRE_ESM_UNSUPPORTED`, `ERR_MODULE_THREW`, or the guard's refusal.
 *
 * @example
 * ```ts
 * const { exports, isEsm } = importModule("/app/node_modules/acme/hooks.js", { package: "acme" });
 * ```
 *
 * @internal
 */
export function importModule(file: string, site: ProblemSite, guard?: CompileGuard): LoadedModule {
  let exports: unknown;
  const watch = guard === undefined ? undefined : guardCompiles(guard);
  try {
    exports = require(file);
  } catch (error) {
    if (watch?.refusal !== undefined) throw watch.refusal;
    const code = codeOf(error);
    if (code === "ERR_REQUIRE_ASYNC_MODULE") {
      throw new PlughooksError(
        "ERR_TOP_LEVEL_AWAIT",
        "the module uses top-level await, so it cannot be loaded synchronously; move the await into pre/post",
        { site, cause: error },
      );
    }
    if (code === "ERR_REQUIRE_ESM" && !canRequireEsm()) {
      throw new PlughooksError("ERR_REQUIRE_ESM_UNSUPPORTED", requireEsmAdvice(), {
        site,
        cause: error,
      });
    }
    throw new PlughooksError(
      "ERR_MODULE_THREW",
      `the module threw while loading: ${briefly(error)}`,
      { site, cause: error },
    );
  } finally {
    watch?.stop();
  }
  // The plugin may have caught the refusal of a file it required: the plugin is refused all
  // the same (the refused file did not run, but the plugin is not what the lock approved).
  if (watch?.refusal !== undefined) throw watch.refusal;
  const isEsm = Object.prototype.toString.call(exports) === "[object Module]";
  return { exports, isEsm };
}

/**
 * Whether this Node can `require()` an ES module: Node 20.19+ and 22.12+ can, unless
 * started with `--no-experimental-require-module`. `process.features.require_module` says
 * so where it exists (it is what the flag turns off); older versions do not have it.
 *
 * @internal
 */
export function canRequireEsm(
  features: { readonly require_module?: boolean } = process.features as {
    readonly require_module?: boolean;
  },
): boolean {
  return features.require_module === true;
}

/**
 * What to tell a user whose Node cannot load an ES module plugin synchronously.
 *
 * @internal
 */
export function requireEsmAdvice(version: string = process.version): string {
  return `the module is an ES module, and Node ${version} cannot load ES modules synchronously: plughooks needs Node 20.19 or later (22.12 or later on Node 22), without --no-experimental-require-module`;
}

type ModuleInternals = {
  prototype: {
    _compile: (this: unknown, content: string, filename: string, ...rest: unknown[]) => unknown;
  };
  _extensions: Record<string, (module: { exports: unknown }, filename: string) => void>;
  registerHooks?: (hooks: {
    load: (
      url: string,
      context: unknown,
      nextLoad: (url: string, context: unknown) => { source?: unknown },
    ) => { source?: unknown };
  }) => { deregister(): void };
};

/** The guards of the loads under way (a plugin's load can start another plugin's). */
const active: { guard: CompileGuard; refusal?: unknown }[] = [];
let uninstall: (() => void) | undefined;

/**
 * Shows each file compiled from now until `stop()` to `guard`. Installed only for the
 * duration of one synchronous load: nothing else runs meanwhile, and the host's own
 * requires afterwards are untouched.
 */
function guardCompiles(guard: CompileGuard): { readonly refusal: unknown; stop(): void } {
  const watch: { guard: CompileGuard; refusal?: unknown } = { guard };
  active.push(watch);
  if (active.length === 1) uninstall = installHooks();
  return {
    get refusal() {
      return watch.refusal;
    },
    stop() {
      active.splice(active.indexOf(watch), 1);
      if (active.length === 0) {
        uninstall?.();
        uninstall = undefined;
      }
    },
  };
}

function verifyAll(filename: string, source: string | Uint8Array): void {
  for (const watch of active) {
    try {
      watch.guard.verify(filename, source);
    } catch (error) {
      watch.refusal ??= error;
      throw error;
    }
  }
}

function installHooks(): () => void {
  const Module = require("node:module") as ModuleInternals;
  const compile = Module.prototype._compile;
  const json = Module._extensions[".json"];
  // Every CommonJS file, and the entry module even when it is an ES module (require(esm)
  // hands Node's own `_compile` the source it read), goes through `_compile`: the source
  // checked is the source compiled.
  Module.prototype._compile = function (content, filename, ...rest) {
    verifyAll(filename, content);
    return compile.call(this, content, filename, ...rest);
  };
  // JSON is parsed, not compiled: read it once here, check those bytes, parse those bytes.
  Module._extensions[".json"] = (module, filename) => {
    const bytes = fs.readFileSync(filename);
    verifyAll(filename, bytes);
    const text = bytes.toString("utf8");
    try {
      module.exports = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      (error as Error).message = `${filename}: ${(error as Error).message}`;
      throw error;
    }
  };
  // Node >= 22.15 / 23.5: a synchronous load hook sees the source of ES modules too.
  const handle = Module.registerHooks?.({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      const source = result.source;
      if (url.startsWith("file:") && (typeof source === "string" || source instanceof Uint8Array)) {
        verifyAll(process.getBuiltinModule("node:url").fileURLToPath(url), source);
      }
      return result;
    },
  });
  return () => {
    Module.prototype._compile = compile;
    if (json !== undefined) Module._extensions[".json"] = json;
    handle?.deregister();
  };
}

/** The `code` of a thrown value; reading it can throw (a revoked proxy, a getter). */
function codeOf(error: unknown): unknown {
  try {
    return (error as { code?: unknown } | null)?.code;
  } catch {
    return undefined;
  }
}
