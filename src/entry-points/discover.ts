import type { Problem } from "../errors/index.js";
import { withPermission } from "../runtime/permissions.js";
import type { CacheSettings } from "./cache-folder.js";
import { beginIndex, finishIndex, indexDisabled, readIndex } from "./index-cache.js";
import { installedPackages } from "./installed-packages.js";
import { readEntryPoints } from "./manifest.js";
import { findRootDirectory } from "./root.js";
import type { EntryPoint, EntryPointsOptions, EntryPointsResult } from "./types.js";

/**
 * Finds the entry points declared by the packages installed for an application, like
 * Python's `importlib.metadata.entry_points()`. Synchronous, so a sync hooked function can
 * discover on its first call. Never throws for bad input: every problem is in the result,
 * naming its package, group and entry point.
 *
 * @example
 * ```ts
 * import { entryPoints } from "plughooks/entry-points";
 *
 * const { entryPoints: found, problems } = entryPoints({ root: import.meta.url, group: "nova.hooks" });
 * for (const ep of found) console.log(`${ep.name} <- ${ep.package}@${ep.version} ${ep.reference}`);
 * for (const p of problems) console.warn(p.message);
 * ```
 */
export function entryPoints(options: EntryPointsOptions = {}): EntryPointsResult {
  const root = withPermission("--allow-read", "read the application's package.json", () =>
    findRootDirectory(options.root),
  );
  // The one place discovery looks at process.env: when its caller gave no env.
  const cache = {
    env: options.env ?? process.env,
    ...(options.cacheDirectory === undefined ? {} : { cacheDirectory: options.cacheDirectory }),
  };
  // A warm start reads the discovery index (one file and a few stats) instead of scanning.
  const useIndex = !indexDisabled(options.index, cache.env);
  const indexed = useIndex ? readIndex(root, options.group, cache) : undefined;
  return indexed ?? scan(root, options.group, useIndex ? cache : undefined);
}

/**
 * Discovers by reading every package.json, and indexes the result unless `cache` is
 * undefined. Its own function, so that a warm start in a fresh process never compiles it.
 */
function scan(
  root: string,
  group: string | undefined,
  cache: CacheSettings | undefined,
): EntryPointsResult {
  const index = cache === undefined ? undefined : beginIndex(root, group, cache);
  const problems: Problem[] = [];
  const installed = installedPackages(root, problems);
  const found: EntryPoint[] = [];
  for (const manifest of installed.packages) {
    // One push per entry point, never push(...many): a package may declare 100,000 names.
    for (const entryPoint of readEntryPoints(manifest, group, problems)) found.push(entryPoint);
  }
  found.sort(compareEntryPoints);
  const result = { root, entryPoints: found, problems, packagesScanned: installed.packages.length };
  if (index !== undefined) finishIndex(index, result, installed);
  return result;
}

/** The documented order: package name, then group, then entry-point name (code-unit order). */
export function compareEntryPoints(a: EntryPoint, b: EntryPoint): number {
  return compare(a.package, b.package) || compare(a.group, b.group) || compare(a.name, b.name);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
