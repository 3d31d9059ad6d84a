import type { Dirent } from "node:fs";
import { dirname, sep } from "node:path";
import { fs } from "../builtins.js";

const { existsSync, readdirSync, realpathSync } = fs;

/**
 * One package folder in a `node_modules` folder: its path (from the folder's real path),
 * and whether the entry is a symlink (pnpm, workspaces, `npm link`), which must be resolved
 * to its real path. One object per folder entry, made once: every resolution to it hands
 * out the same path string, so sets and maps hash it once.
 */
export interface PackageEntry {
  readonly path: string;
  readonly isLink: boolean;
  /** The folder the package folder is in: the `node_modules` folder, or its `@scope`. */
  readonly parent: string;
  /** Set by a walk once it has queued this entry: later edges to it cost a property read. */
  queued: boolean;
}

/** The packages of one `node_modules` folder, by name (`x` or `@scope/x`). */
type Listing = ReadonlyMap<string, PackageEntry>;

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
export interface Chain {
  /** `<directory>/node_modules`, or undefined when the directory is itself `node_modules`. */
  readonly nodeModules: string | undefined;
  /** That folder, once listed. */
  folder: Folder | undefined;
  readonly next: Chain | undefined;
}

const EMPTY: Listing = new Map();
const EMPTY_NAMES: ReadonlyMap<string, boolean> = new Map();
const NODE_MODULES = `${sep}node_modules`;

/** `base` + separator + `name`, for a name that may be scoped (`@s/x`). */
const childPath = (base: string, name: string): string =>
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

  #folder(nodeModules: string): Folder {
    let folder = this.#folders.get(nodeModules);
    if (folder === undefined) {
      folder = readFolder(nodeModules);
      this.#folders.set(nodeModules, folder);
    }
    return folder;
  }

  #chain(directory: string): Chain | undefined {
    let chain = this.#chains.get(directory);
    if (chain !== undefined || this.#chains.has(directory)) return chain;
    const parent = dirname(directory);
    chain = {
      nodeModules: directory.endsWith(NODE_MODULES)
        ? undefined
        : `${trimSep(directory)}${NODE_MODULES}`,
      folder: undefined,
      next: parent === directory ? undefined : this.#chain(parent),
    };
    this.#chains.set(directory, chain);
    return chain;
  }

  /**
   * The package folders in `<directory>/node_modules`: real paths, except for entries that
   * are symlinks themselves (`isLink`), which the caller resolves.
   */
  packagesIn(directory: string): PackageEntry[] {
    return [...this.#folder(`${trimSep(directory)}${NODE_MODULES}`).listing.values()];
  }

  /** The `node_modules` folders searched from `directory`, nearest first. */
  chainOf(directory: string): Chain | undefined {
    return this.#chain(directory);
  }

  /**
   * The chain of a package folder listed in `parent` (see {@link PackageEntry.parent}): its
   * own `node_modules`, then the chain of `parent`, which all the packages there share.
   */
  packageChain(directory: string, parent: string): Chain | undefined {
    // A folder named node_modules is never searched inside (Node skips node_modules/node_modules).
    if (directory.endsWith(NODE_MODULES)) return this.#chain(directory);
    return {
      nodeModules: `${directory}${NODE_MODULES}`,
      folder: undefined,
      next: this.#chain(parent),
    };
  }

  /**
   * Where `require(name)` finds the package's folder from a directory whose chain is
   * `start`, or undefined. Like Node, it never looks in `node_modules/node_modules`.
   */
  resolve(name: string, start: Chain | undefined): PackageEntry | undefined {
    for (let chain = start; chain !== undefined; chain = chain.next) {
      if (chain.nodeModules === undefined) continue;
      chain.folder ??= this.#folder(chain.nodeModules);
      const entry = chain.folder.listing.get(name);
      if (entry !== undefined) return entry;
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

/** Lists a `node_modules` folder; one realpath per non-empty folder, not one per package. */
function readFolder(nodeModules: string): Folder {
  const names = readListing(nodeModules);
  if (names.size === 0) return { path: nodeModules, real: nodeModules, listing: EMPTY };
  const real = realDirectory(nodeModules) ?? nodeModules;
  const listing = new Map<string, PackageEntry>();
  const scopes = new Map<string, string>();
  for (const [name, isLink] of names) {
    const slash = name.indexOf("/");
    let parent = real;
    if (slash !== -1) {
      const scope = name.slice(0, slash);
      parent = scopes.get(scope) ?? `${real}${sep}${scope}`;
      scopes.set(scope, parent);
    }
    listing.set(name, { path: childPath(real, name), isLink, parent, queued: false });
  }
  return { path: nodeModules, real, listing };
}

function readListing(nodeModules: string): ReadonlyMap<string, boolean> {
  // Most packages have no node_modules of their own. An existence check that does not throw
  // is much cheaper than a readdir that fails: Node builds an Error (with its stack) for
  // each, and resolving dependencies probes one such folder per package.
  if (!existsSync(nodeModules)) return EMPTY_NAMES;
  let entries: Dirent[];
  try {
    entries = readdirSync(nodeModules, { withFileTypes: true });
  } catch {
    return EMPTY_NAMES; // not a folder, or unreadable: nothing to find
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

// realpath(3) in one call, where it agrees with Node's own resolution (not on Windows, where
// the native call can spell substituted drives and network paths differently from the
// loader): Node's JavaScript realpathSync lstat's every path component.
const realpath = process.platform === "win32" ? realpathSync : realpathSync.native;

/** The real path of a folder, or undefined for a dangling link or a symlink loop. */
export function realDirectory(path: string): string | undefined {
  try {
    return realpath(path);
  } catch {
    return undefined;
  }
}
