import { dirname, sep } from "node:path";
import type { Problem } from "../errors/index.js";
import { installNameOf } from "./install-name.js";
import type { PackageManifest } from "./manifest.js";
import { NodeModulesResolver, type PackageEntry, realDirectory } from "./node-modules.js";
import { isProblem, readManifest } from "./package-json.js";
import { findPnpApi, pnpPackageDirectories } from "./pnp.js";

/** What a walk of the installed packages found, and what it looked at to find it. */
export interface InstalledPackages {
  /** One manifest per package name, in the order found. */
  readonly packages: PackageManifest[];
  /**
   * The `node_modules` folders whose change could change the walk (see
   * {@link NodeModulesResolver.searchedFolders}); empty under Plug'n'Play.
   */
  readonly searched: readonly string[];
  /**
   * Links that led outside every `node_modules` folder (workspaces, `npm link`): the path
   * of the link, and the real folder it reached, in the order followed.
   */
  readonly links: readonly (readonly [link: string, real: string])[];
}

/**
 * Every package installed for the application whose root package is in `rootDirectory`:
 * the root itself, the packages in the `node_modules` folders on the root's resolution path,
 * and every package reachable from those through `dependencies` and `optionalDependencies`,
 * resolved the way Node resolves them from the dependent's folder. Under Yarn Plug'n'Play
 * the dependency tree comes from `pnpapi` instead.
 *
 * Each folder is read once (deduplicated by real path, so pnpm's symlinks, workspaces and
 * cycles are fine); a package name seen twice (npm nested duplicates) keeps the copy found
 * first, breadth-first from the root. The walk never throws: unreadable folders, dangling
 * links and symlink loops are skipped. Its cost is one read and parse per package.json, one
 * existence check per package with dependencies, and map lookups: no path is normalised.
 */
export function installedPackages(rootDirectory: string, problems: Problem[]): InstalledPackages {
  const pnp = findPnpApi(rootDirectory);
  const found = new Map<string, PackageManifest>();
  const visit = (directory: string): PackageManifest | undefined => {
    const manifest = readManifest(directory);
    if (manifest === undefined) return undefined;
    if (isProblem(manifest)) {
      problems.push(manifest);
      return undefined;
    }
    // Keyed by the name it is installed under, not the name its package.json claims: a
    // folder claiming another package's name must not hide that package (the load manager
    // then refuses the impostor, see src/loading/identity.ts).
    const key = installNameOf(manifest.directory) ?? manifest.name;
    if (!found.has(key)) found.set(key, manifest);
    return manifest;
  };

  if (pnp !== undefined) {
    for (const directory of pnpPackageDirectories(pnp, rootDirectory)) visit(directory);
    return { packages: [...found.values()], searched: [], links: [] };
  }

  const resolver = new NodeModulesResolver();
  const seen = new Set<string>();
  // The queue, as two parallel arrays (no object per package): each folder to read, and the
  // folder it was listed in (undefined for the root and for linked folders).
  const queue: string[] = [];
  const parents: (string | undefined)[] = [];
  const links: [string, string][] = [];
  const enqueue = (entry: PackageEntry) => {
    // Most dependencies resolve to an entry already queued: one property read.
    if (entry.queued) return;
    entry.queued = true;
    const real = entry.isLink ? realDirectory(entry.path) : entry.path;
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    queue.push(real);
    parents.push(entry.isLink ? undefined : entry.parent);
    if (entry.isLink && !`${real}${sep}`.includes(NODE_MODULES_SEGMENT))
      links.push([entry.path, real]);
  };

  seen.add(rootDirectory);
  queue.push(rootDirectory);
  parents.push(undefined);
  // The node_modules folders Node searches for a bare import from the root.
  for (let directory = rootDirectory; ; directory = dirname(directory)) {
    for (const entry of resolver.packagesIn(directory).sort(byPath)) enqueue(entry);
    if (dirname(directory) === directory) break;
  }
  // Breadth-first through dependencies: the queue grows while it is read.
  for (let index = 0; index < queue.length; index++) {
    const directory = queue[index]!;
    const manifest = visit(directory);
    if (manifest === undefined || manifest.dependencies.length === 0) continue;
    const parent = parents[index];
    const chain =
      parent === undefined ? resolver.chainOf(directory) : resolver.packageChain(directory, parent);
    for (const dependency of manifest.dependencies) {
      const resolved = resolver.resolve(dependency, chain);
      if (resolved !== undefined) enqueue(resolved);
    }
  }
  return { packages: [...found.values()], searched: resolver.searchedFolders(), links };
}

const NODE_MODULES_SEGMENT = `${sep}node_modules${sep}`;

const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
