import { createRequire } from "node:module";

/** The part of Yarn Plug'n'Play's `pnpapi` that discovery uses. */
interface PnpLocator {
  readonly name: string | null;
  readonly reference: string | null;
}
interface PnpPackageInformation {
  readonly packageLocation: string;
  readonly packageDependencies: ReadonlyMap<string, string | [string, string] | null>;
}
export interface PnpApi {
  findPackageLocator(location: string): PnpLocator | null;
  getPackageInformation(locator: PnpLocator): PnpPackageInformation | null;
}

const require = createRequire(import.meta.url);

/**
 * The Plug'n'Play API that governs `directory`, when the process runs under Yarn PnP
 * (`process.versions.pnp` is set by the PnP runtime); otherwise undefined.
 */
export function findPnpApi(directory: string): PnpApi | undefined {
  if (process.versions.pnp === undefined) return undefined;
  try {
    // The PnP runtime adds `findPnpApi` to node:module; older runtimes expose `pnpapi`.
    const moduleApi = require("node:module") as { findPnpApi?: (path: string) => PnpApi | null };
    return moduleApi.findPnpApi?.(directory) ?? (require("pnpapi") as PnpApi);
  } catch {
    return undefined;
  }
}

/**
 * The folders of every package reachable from the package at `rootDirectory` through its
 * dependencies, as Plug'n'Play resolves them (including the root itself).
 */
export function pnpPackageDirectories(pnp: PnpApi, rootDirectory: string): string[] {
  const start = pnp.findPackageLocator(`${rootDirectory}/`);
  if (start === null) return [];
  const seen = new Set<string>();
  const directories: string[] = [];
  const queue: PnpLocator[] = [start];
  for (let locator = queue.shift(); locator !== undefined; locator = queue.shift()) {
    const key = `${locator.name}@${locator.reference}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const info = pnp.getPackageInformation(locator);
    if (info === null) continue;
    directories.push(info.packageLocation.replace(/\/$/, ""));
    for (const [name, reference] of info.packageDependencies) {
      if (reference === null) continue; // an unmet optional or peer dependency
      queue.push(
        Array.isArray(reference)
          ? { name: reference[0], reference: reference[1] }
          : { name, reference },
      );
    }
  }
  return directories;
}
