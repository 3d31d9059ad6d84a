import type { Dirent } from "node:fs";
import { dirname, sep } from "node:path";
import { fs } from "../builtins.js";

const { existsSync, readdirSync, realpathSync } = fs;

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
  /** The `node_modules` folder's path as probed. */
  readonly path: string;
  readonly real: string;
  readonly listing: Listing;
}

/**
 * The `node_modules` folders Node searches from one directory, nearest first: a linked list
 * whose tails are shared, so each directory's chain is built once (memoised per folder:
 * resolving is a few map lookups, not a `path.join`/`dirname` per candidate).
 */
interface Chain {
  /** `<directory>/node_modules`, or undefined when the directory is itself `node_modules`. */
  readonly nodeModules: string | undefined;
  readonly next: Chain | undefined;
}

const EMPTY: Listing = new Map();
const NODE_MODULES = `${sep}node_modules`;

/** `base` + separator + `name`, for a name that may be scoped (`@s/x`). */
export const childPath = (base: string, name: string): string =>
  sep === "/" ? `${base}/${name}` : `${base}${sep}${name.replace("/", sep)}`;

/**
 * Resolves package folders the way Node does for a bare specifier from a directory, with
 * each `node_modules` folder listed once and cached: after the first lookup in a folder,
 * resolving is a map lookup instead of a failed `stat` per candidate.
 */
export class NodeModulesResolver {
  readonly #folders = new Map<string, Folder>();
  readonly #chains = new Map<string, Chain | undefined>();
  /** The `node_modules` folders searched by resolutions that found nothing. */
  readonly #missed = new Set<string>();

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
      folder = { path: nodeModules, real, listing };
      this.#folders.set(nodeModules, folder);
    }
    return folder;
  }

  #chain(directory: string): Chain | undefined {
    if (this.#chains.has(directory)) return this.#chains.get(directory);
    const parent = dirname(directory);
    const next = parent === directory ? undefined : this.#chain(parent);
    const chain = {
      nodeModules: directory.endsWith(NODE_MODULES)
        ? undefined
        : `${trimSep(directory)}${NODE_MODULES}`,
      next,
    };
    this.#chains.set(directory, chain);
    return chain;
  }

  /**
   * The package folders in `<directory>/node_modules`: real paths, except for entries that
   * are symlinks themselves (`isLink`), which the caller resolves.
   */
  packagesIn(directory: string): { path: string; isLink: boolean }[] {
    const { real, listing } = this.#folder(`${trimSep(directory)}${NODE_MODULES}`);
    const found: { path: string; isLink: boolean }[] = [];
    for (const [name, isLink] of listing) found.push({ path: childPath(real, name), isLink });
    return found;
  }

  /**
   * Where `require(name)` from a file in `fromDirectory` finds the package's folder, or
   * undefined. Like Node, it never looks in `node_modules/node_modules`.
   */
  resolve(name: string, fromDirectory: string): { path: string; isLink: boolean } | undefined {
    const start = this.#chain(fromDirectory);
    for (let chain = start; chain !== undefined; chain = chain.next) {
      if (chain.nodeModules === undefined) continue;
      const { real, listing } = this.#folder(chain.nodeModules);
      const isLink = listing.get(name);
      if (isLink !== undefined) return { path: childPath(real, name), isLink };
    }
    for (let chain = start; chain !== undefined; chain = chain.next)
      if (chain.nodeModules !== undefined) this.#missed.add(chain.nodeModules);
    return undefined;
  }

  /**
   * The `node_modules` folders whose change could change what was resolved: every one that
   * held packages, and every one searched in vain for a dependency (a package copied there
   * by hand later would be found). The discovery index stamps them.
   */
  searchedFolders(): string[] {
    const folders: string[] = [];
    for (const folder of this.#folders.values())
      if (folder.listing.size > 0 || this.#missed.has(folder.path)) folders.push(folder.path);
    return folders;
  }
}

/** A root folder (`/`, `C:\`) ends with the separator; any other folder does not. */
const trimSep = (directory: string) =>
  directory.endsWith(sep) ? directory.slice(0, -1) : directory;

function readListing(nodeModules: string): Listing {
  // Most packages have no node_modules of their own. An existence check that does not throw
  // is much cheaper than a readdir that fails: Node builds an Error (with its stack) for
  // each, and resolving dependencies probes one such folder per package.
  if (!existsSync(nodeModules)) return EMPTY;
  let entries: Dirent[];
  try {
    entries = readdirSync(nodeModules, { withFileTypes: true });
  } catch {
    return EMPTY; // not a folder, or unreadable: nothing to find
  }
  const listing = new Map<string, boolean>();
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith(".")) continue; // .bin, .cache, .pnpm, .package-lock.json...
    if (name.startsWith("@")) {
      let scoped: Dirent[];
      try {
        scoped = readdirSync(`${nodeModules}${sep}${name}`, { withFileTypes: true });
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
