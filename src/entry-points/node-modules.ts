import type { Dirent } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fs } from "../builtins.js";

const { readdirSync, realpathSync, statSync } = fs;

/**
 * The packages of one `node_modules` folder: name (`x` or `@scope/x`) to whether the entry
 * is a symlink (pnpm, workspaces, `npm link`), which must be resolved to its real path.
 */
type Listing = ReadonlyMap<string, boolean>;

/**
 * A listing and the folder's real path. A `node_modules` folder can itself be a symlink
 * (a vendored or shared folder); the packages in it are then named from its real path, so
 * that every package folder handed on is a real path, as {@link EntryPoint.directory}
 * promises and the loader's "inside the package" check needs.
 */
interface Folder {
  readonly real: string;
  readonly listing: Listing;
}

const EMPTY: Listing = new Map();

/**
 * Resolves package folders the way Node does for a bare specifier from a directory, with
 * each `node_modules` folder listed once and cached: after the first lookup in a folder,
 * resolving is a map lookup instead of a failed `stat` per candidate.
 */
export class NodeModulesResolver {
  readonly #folders = new Map<string, Folder>();

  /** The packages directly in a `node_modules` folder. */
  list(nodeModules: string): Listing {
    return this.#folder(nodeModules).listing;
  }

  #folder(nodeModules: string): Folder {
    let folder = this.#folders.get(nodeModules);
    if (folder === undefined) {
      const listing = readListing(nodeModules);
      // One realpath per non-empty node_modules folder, not one per package.
      const real = listing.size === 0 ? nodeModules : (realDirectory(nodeModules) ?? nodeModules);
      folder = { real, listing };
      this.#folders.set(nodeModules, folder);
    }
    return folder;
  }

  /**
   * The package folders in `<directory>/node_modules`: real paths, except for entries that
   * are symlinks themselves (`isLink`), which the caller resolves.
   */
  packagesIn(directory: string): { path: string; isLink: boolean }[] {
    const { real, listing } = this.#folder(join(directory, "node_modules"));
    return [...listing].map(([name, isLink]) => ({ path: join(real, name), isLink }));
  }

  /**
   * Where `require(name)` from a file in `fromDirectory` finds the package's folder, or
   * undefined. Like Node, it never looks in `node_modules/node_modules`.
   */
  resolve(name: string, fromDirectory: string): { path: string; isLink: boolean } | undefined {
    let directory = fromDirectory;
    for (;;) {
      if (basename(directory) !== "node_modules") {
        const { real, listing } = this.#folder(join(directory, "node_modules"));
        const isLink = listing.get(name);
        if (isLink !== undefined) return { path: join(real, name), isLink };
      }
      const parent = dirname(directory);
      if (parent === directory) return undefined;
      directory = parent;
    }
  }
}

function readListing(nodeModules: string): Listing {
  // Most packages have no node_modules of their own. A stat that does not throw is much
  // cheaper than a readdir that fails: Node builds an Error (with its stack) for each, and
  // resolving dependencies probes one such folder per package (2,000 in a large app).
  if (statSync(nodeModules, { throwIfNoEntry: false }) === undefined) return EMPTY;
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
