import { type Dirent, readdirSync, realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * The packages of one `node_modules` folder: name (`x` or `@scope/x`) to whether the entry
 * is a symlink (pnpm, workspaces, `npm link`), which must be resolved to its real path.
 */
type Listing = ReadonlyMap<string, boolean>;

const EMPTY: Listing = new Map();

/**
 * Resolves package folders the way Node does for a bare specifier from a directory, with
 * each `node_modules` folder listed once and cached: after the first lookup in a folder,
 * resolving is a map lookup instead of a failed `stat` per candidate.
 */
export class NodeModulesResolver {
  readonly #listings = new Map<string, Listing>();

  /** The packages directly in `<directory>/node_modules`. */
  list(nodeModules: string): Listing {
    let listing = this.#listings.get(nodeModules);
    if (listing === undefined) {
      listing = readListing(nodeModules);
      this.#listings.set(nodeModules, listing);
    }
    return listing;
  }

  /** The package folders in `<directory>/node_modules`, as paths (not yet real paths). */
  packagesIn(directory: string): { path: string; isLink: boolean }[] {
    const nodeModules = join(directory, "node_modules");
    return [...this.list(nodeModules)].map(([name, isLink]) => ({
      path: join(nodeModules, name),
      isLink,
    }));
  }

  /**
   * Where `require(name)` from a file in `fromDirectory` finds the package's folder, or
   * undefined. Like Node, it never looks in `node_modules/node_modules`.
   */
  resolve(name: string, fromDirectory: string): { path: string; isLink: boolean } | undefined {
    let directory = fromDirectory;
    for (;;) {
      if (basename(directory) !== "node_modules") {
        const nodeModules = join(directory, "node_modules");
        const isLink = this.list(nodeModules).get(name);
        if (isLink !== undefined) return { path: join(nodeModules, name), isLink };
      }
      const parent = dirname(directory);
      if (parent === directory) return undefined;
      directory = parent;
    }
  }
}

function readListing(nodeModules: string): Listing {
  let entries: Dirent[];
  try {
    entries = readdirSync(nodeModules, { withFileTypes: true });
  } catch {
    return EMPTY; // no node_modules here, or unreadable: nothing to find
  }
  const listing = new Map<string, boolean>();
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith(".")) continue; // .bin, .cache, .pnpm, .package-lock.json...
    if (name.startsWith("@")) {
      const scopeDir = join(nodeModules, name);
      let scoped: Dirent[];
      try {
        scoped = readdirSync(scopeDir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const inner of scoped) {
        if (isPackageEntry(inner))
          listing.set(`${name}/${inner.name}`, inner.isSymbolicLink() || entry.isSymbolicLink());
      }
    } else if (isPackageEntry(entry)) {
      listing.set(name, entry.isSymbolicLink());
    }
  }
  return listing;
}

const isPackageEntry = (entry: Dirent): boolean =>
  !entry.name.startsWith(".") && (entry.isDirectory() || entry.isSymbolicLink());

/** The real path of a folder, or undefined for a dangling link or a symlink loop. */
export function realDirectory(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
