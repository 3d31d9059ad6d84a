import { pathToFileURL } from "node:url";
import type { EntryPoint } from "../entry-points/index.js";
import { resolveModuleFile } from "./resolve-module.js";

/**
 * Whether plugins must be imported asynchronously before the synchronous load: under Yarn
 * Plug'n'Play on Node < 22. There, `require()` of an ES module resolves that module's own
 * imports with Node's built-in ESM resolver, which PnP does not patch (its loader hook only
 * serves `import()`, and Node 20 has no synchronous `module.registerHooks`): an ES module
 * plugin that imports any package (plughooks itself, as a peer dependency) fails to load.
 * Found by the compat suite (test/compat, yarn-pnp on Node 20).
 *
 * @internal
 */
export function needsPreImport(
  versions: Readonly<Record<string, string | undefined>> = process.versions,
): boolean {
  return versions.pnp !== undefined && Number(versions.node?.split(".")[0]) < 22;
}

/**
 * Imports an entry point's module with `import()`, which PnP's loader serves, so that the
 * synchronous load that follows finds it in the module cache `require()` shares. Never
 * throws: a module that fails here fails again in the synchronous load, which reports it.
 * Call it only for entry points the operator's settings and the lock allow (it runs the
 * plugin's module code).
 *
 * @internal
 */
export async function preImport(entryPoint: EntryPoint, resolvedFile?: string): Promise<void> {
  try {
    await import(pathToFileURL(resolvedFile ?? resolveModuleFile(entryPoint)).href);
  } catch {
    // reported by the synchronous load
  }
}
