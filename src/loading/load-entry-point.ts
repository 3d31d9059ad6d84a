import type { EntryPoint } from "../entry-points/index.js";
import { PlughooksError, type Problem, problem } from "../errors/index.js";
import { briefly } from "../text/briefly.js";
import { type CompileGuard, importModule } from "./import-module.js";
import { pickExport } from "./pick-export.js";
import { resolveModuleFile, siteOf } from "./resolve-module.js";
import { type HookInstance, toHookObject } from "./to-hook-object.js";

/** The outcome of loading one entry point: a hook object, or the problem that stopped it. */
export type LoadOutcome =
  | {
      readonly ok: true;
      readonly entryPoint: EntryPoint;
      readonly file: string;
      readonly instance: HookInstance;
    }
  | { readonly ok: false; readonly entryPoint: EntryPoint; readonly problem: Problem };

/**
 * Loads one entry point, like stevedore's extension loading: resolve its module inside the
 * package, load it synchronously (ESM or CommonJS), read the export, and instantiate a
 * class. Never throws: any failure, including one in the plugin's own code, comes back as a
 * {@link Problem} naming the package and the entry point.
 *
 * @param resolvedFile - the module file, when the caller already has it from
 *   {@link resolveModuleFile} (the plugin lock does: it hashes the file before the import).
 * @param guard - checks each file's source before Node compiles it (the plugin lock's
 *   verdict carries one): a refusal fails the load with the guard's code.
 *
 * @example
 * ```ts
 * import { entryPoints } from "plughooks/entry-points";
 * import { loadEntryPoint } from "plughooks/loading";
 *
 * for (const ep of entryPoints({ group: "nova.hooks" }).entryPoints) {
 *   const outcome = loadEntryPoint(ep);
 *   console.log(ep.name, outcome.ok ? "loaded" : outcome.problem.message);
 * }
 * ```
 */
export function loadEntryPoint(
  entryPoint: EntryPoint,
  resolvedFile?: string,
  guard?: CompileGuard,
): LoadOutcome {
  const site = siteOf(entryPoint);
  try {
    // `resolvedFile`: what resolveModuleFile() returned to a caller that already needed it
    // (the plugin lock hashes that file): import exactly it, without resolving twice.
    const file = resolvedFile ?? resolveModuleFile(entryPoint);
    const loaded = importModule(file, site, guard);
    const value = pickExport(loaded, entryPoint.exportPath, site);
    return { ok: true, entryPoint, file, instance: toHookObject(value, site) };
  } catch (error) {
    if (isPlughooksError(error)) {
      const cause = error.cause;
      return { ok: false, entryPoint, problem: problem(error.code, site, error.message, cause) };
    }
    // A plugin's getter or proxy threw: `briefly`, not String(), which throws for values
    // such as Object.create(null) and would break the "never throws" promise above.
    return {
      ok: false,
      entryPoint,
      problem: problem("ERR_MODULE_THREW", site, `the plugin threw: ${briefly(error)}`, error),
    };
  }
}

/** `instanceof` that cannot throw (a plugin can throw a revoked proxy). */
function isPlughooksError(error: unknown): error is PlughooksError {
  try {
    return error instanceof PlughooksError;
  } catch {
    return false;
  }
}
