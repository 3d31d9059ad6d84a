import { join, relative, sep } from "node:path";
import type { EntryPoint } from "../entry-points/types.js";
import { PlughooksError, type Problem, problem } from "../errors/index.js";
import { type LockEntry, type LockFile, lockKey } from "./format.js";
import { sha256File } from "./hash.js";

/**
 * Resolves the module file an entry point loads, as an absolute path, without importing it.
 * Throws when it cannot be resolved.
 */
export type ModuleResolver = (entryPoint: EntryPoint) => string;

/** One way an installed entry point differs from its lock entry. */
export type LockChange = "version" | "reference" | "module" | "package-json" | "unresolvable";

/** An installed entry point the lock does not approve, or a locked one no longer installed. */
export interface LockDifference {
  /** `new`: not in the lock; `changed`: in it, but not the same; `missing`: locked, not installed. */
  readonly kind: "new" | "changed" | "missing";
  readonly group: string;
  readonly name: string;
  readonly package: string;
  /** The installed entry point (absent for `missing`). */
  readonly entryPoint?: EntryPoint;
  /** The lock entry (absent for `new`). */
  readonly locked?: LockEntry;
  /** What changed, for `changed`. */
  readonly changes: readonly LockChange[];
  /** What differs, in words: `"new plugin"`, `"changed version (1.0.0 -> 1.1.0)"`... */
  readonly detail: string;
}

/** What {@link compareWithLock} found. */
export interface LockComparison {
  /** Installed entry points whose lock entry matches: these may be loaded. */
  readonly matched: readonly EntryPoint[];
  /** Every difference, in the order of the installed entry points, then missing ones. */
  readonly differences: readonly LockDifference[];
}

/** Options of {@link compareWithLock} and {@link createLockEntries}. */
export interface LockHashOptions {
  /** The application root (real path): lock `file` paths are relative to it. */
  readonly root: string;
  /** Finds the module file of an entry point (the loading layer's resolver). */
  readonly resolveModule: ModuleResolver;
  /** Compare only this group; lock entries of other groups are ignored. Default: all. */
  readonly group?: string;
}

/** Hashes each package.json once per hasher: many entry points share a package. */
export function packageJsonHasher(): (directory: string) => string {
  const cache = new Map<string, string>();
  return (directory) => {
    let hash = cache.get(directory);
    if (hash === undefined) {
      hash = sha256File(join(directory, "package.json"));
      cache.set(directory, hash);
    }
    return hash;
  };
}

function toLockPath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}

/**
 * Builds the lock entries for installed entry points, hashing each module file and
 * package.json. Entry points whose module cannot be resolved are reported, not locked.
 *
 * @example
 * ```ts
 * const { entries } = createLockEntries(found.entryPoints, { root: found.root, resolveModule });
 * writeFileSync(join(found.root, LOCK_FILE_NAME), serializeLock(entries));
 * ```
 */
export function createLockEntries(
  entryPoints: readonly EntryPoint[],
  options: LockHashOptions,
): { readonly entries: readonly LockEntry[]; readonly problems: readonly Problem[] } {
  const hashPackageJson = packageJsonHasher();
  const entries: LockEntry[] = [];
  const problems: Problem[] = [];
  for (const ep of entryPoints) {
    if (options.group !== undefined && ep.group !== options.group) continue;
    let file: string;
    let moduleSha256: string;
    try {
      file = options.resolveModule(ep);
      moduleSha256 = sha256File(file);
    } catch (error) {
      const known = error instanceof PlughooksError;
      const code = known ? error.code : "ERR_MODULE_NOT_FOUND";
      const why = known ? error.message : `module file cannot be read: ${(error as Error).message}`;
      problems.push(problem(code, siteOf(ep), why, error));
      continue;
    }
    entries.push({
      group: ep.group,
      name: ep.name,
      package: ep.package,
      version: ep.version,
      reference: ep.reference,
      file: toLockPath(options.root, file),
      moduleSha256,
      packageJsonSha256: hashPackageJson(ep.directory),
    });
  }
  return { entries, problems };
}

/**
 * How one installed entry point differs from its lock entry (`undefined`: not in the lock),
 * or `undefined` when it matches. Cheap fields first; the files are hashed only to name every
 * change (a lock check at start-up with no change hashes each file once).
 */
export function differenceOf(
  ep: EntryPoint,
  entry: LockEntry | undefined,
  resolveModule: ModuleResolver,
  hashPackageJson: (directory: string) => string = (directory) =>
    sha256File(join(directory, "package.json")),
): LockDifference | undefined {
  if (entry === undefined) {
    return { ...idOf(ep), kind: "new", entryPoint: ep, changes: [], detail: "new plugin" };
  }
  const changes: LockChange[] = [];
  const details: string[] = [];
  if (ep.version !== entry.version) {
    changes.push("version");
    details.push(`changed version (${entry.version} -> ${ep.version})`);
  }
  if (ep.reference !== entry.reference) {
    changes.push("reference");
    details.push(`changed reference (${entry.reference} -> ${ep.reference})`);
  }
  let moduleHash: string | undefined;
  try {
    moduleHash = sha256File(resolveModule(ep));
  } catch {
    changes.push("unresolvable");
    details.push("module file cannot be resolved");
  }
  if (moduleHash !== undefined && moduleHash !== entry.moduleSha256) {
    changes.push("module");
    details.push(`changed file (${entry.file})`);
  }
  let packageHash: string | undefined;
  try {
    packageHash = hashPackageJson(ep.directory);
  } catch {
    // Discovery just read it; losing it now is a change like any other.
  }
  if (packageHash !== entry.packageJsonSha256) {
    changes.push("package-json");
    details.push("changed package.json");
  }
  if (changes.length === 0) return undefined;
  return {
    ...idOf(ep),
    kind: "changed",
    entryPoint: ep,
    locked: entry,
    changes,
    detail: details.join(", "),
  };
}

/** The lock's entries by {@link lockKey}, optionally of one group only. */
export function indexLock(lock: LockFile, group?: string): Map<string, LockEntry> {
  const index = new Map<string, LockEntry>();
  for (const entry of lock.entryPoints) {
    if (group === undefined || entry.group === group) index.set(lockKey(entry), entry);
  }
  return index;
}

/**
 * Compares installed entry points with a lock, without importing anything: an entry point
 * matches when its package, version, reference, module file hash and package.json hash all
 * equal its lock entry's. Locked entry points that are not installed are differences too.
 *
 * @example
 * ```ts
 * const { matched, differences } = compareWithLock(found.entryPoints, lock, { root, resolveModule });
 * for (const d of differences) console.error(`${d.package} ${d.group}:${d.name}: ${d.detail}`);
 * ```
 */
export function compareWithLock(
  entryPoints: readonly EntryPoint[],
  lock: LockFile,
  options: LockHashOptions,
): LockComparison {
  const locked = indexLock(lock, options.group);
  const hashPackageJson = packageJsonHasher();
  const matched: EntryPoint[] = [];
  const differences: LockDifference[] = [];
  const seen = new Set<string>();
  for (const ep of entryPoints) {
    if (options.group !== undefined && ep.group !== options.group) continue;
    const key = lockKey(ep);
    seen.add(key);
    const difference = differenceOf(ep, locked.get(key), options.resolveModule, hashPackageJson);
    if (difference === undefined) matched.push(ep);
    else differences.push(difference);
  }
  for (const [key, entry] of locked) {
    if (seen.has(key)) continue;
    const id = { group: entry.group, name: entry.name, package: entry.package };
    differences.push({
      ...id,
      kind: "missing",
      locked: entry,
      changes: [],
      detail: "locked plugin not installed",
    });
  }
  return { matched, differences };
}

/**
 * Turns a difference into a {@link Problem} with code `ERR_PLUGIN_LOCKED_OUT`, naming the
 * package, the entry point, the lock file and what differs.
 */
export function lockProblem(difference: LockDifference, lockPath: string): Problem {
  const site =
    difference.entryPoint !== undefined
      ? siteOf(difference.entryPoint)
      : {
          package: difference.package,
          group: difference.group,
          entryPoint: difference.name,
          ...(difference.locked ? { reference: difference.locked.reference } : {}),
        };
  const verb = difference.kind === "missing" ? "in" : "refused by";
  return problem(
    "ERR_PLUGIN_LOCKED_OUT",
    site,
    `${verb} the lock ${lockPath}: ${difference.detail}`,
  );
}

function idOf(ep: EntryPoint): { group: string; name: string; package: string } {
  return { group: ep.group, name: ep.name, package: ep.package };
}

function siteOf(ep: EntryPoint) {
  return {
    package: ep.package,
    directory: ep.directory,
    group: ep.group,
    entryPoint: ep.name,
    reference: ep.reference,
  };
}
