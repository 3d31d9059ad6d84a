import { dirname } from "node:path";
import type { Problem } from "../errors/index.js";
import { installNameOf } from "./install-name.js";
import type { PackageManifest } from "./manifest.js";
import { NodeModulesResolver, realDirectory } from "./node-modules.js";
import { isProblem, readManifest } from "./package-json.js";
import { findPnpApi, pnpPackageDirectories } from "./pnp.js";

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
 * links and symlink loops are skipped.
 */
export function installedPackages(rootDirectory: string, problems: Problem[]): PackageManifest[] {
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
    return [...found.values()];
  }

  const resolver = new NodeModulesResolver();
  const seen = new Set<string>();
  const queue: string[] = [];
  const enqueue = (path: string, isLink: boolean) => {
    const real = isLink ? realDirectory(path) : path;
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    queue.push(real);
  };

  enqueue(rootDirectory, false);
  // The node_modules folders Node searches for a bare import from the root.
  for (let directory = rootDirectory; ; directory = dirname(directory)) {
    for (const entry of resolver.packagesIn(directory).sort(byPath))
      enqueue(entry.path, entry.isLink);
    if (dirname(directory) === directory) break;
  }
  // Breadth-first through dependencies: the queue grows while it is read.
  for (let index = 0; index < queue.length; index++) {
    const directory = queue[index]!;
    const manifest = visit(directory);
    if (manifest === undefined) continue;
    for (const dependency of manifest.dependencies) {
      const resolved = resolver.resolve(dependency, directory);
      if (resolved !== undefined) enqueue(resolved.path, resolved.isLink);
    }
  }
  return [...found.values()];
}

const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
