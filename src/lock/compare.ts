import { relative, sep } from "node:path";
import type { EntryPoint } from "../entry-points/types.js";
import { PlughooksError, type Problem, problem } from "../errors/index.js";
import { siteOf } from "../loading/resolve-module.js";
import { type LockEntry, type LockedPackage, type LockFile, lockKey } from "./format.js";
import {
  diffPins,
  type FilePins,
  type PinDifference,
  type PinnedPackage,
  pinFiles,
  pinPackage,
  samePins,
} from "./pin.js";
import { StampedHasher } from "./stamp-cache.js";

/**
 * Resolves the module file an entry point loads, as an absolute path, without importing it.
 * Throws when it cannot be resolved.
 */
export type ModuleResolver = (entryPoint: EntryPoint) => string;

/**
 * The identity a package is locked under. The load manager decides what identifies a package
 * (its install path, its name, an npm alias); the lock keys by whatever string it is given.
 * Default: the package.json name.
 */
export type IdentityOf = (entryPoint: EntryPoint) => string;

/** The default {@link IdentityOf}: the package.json name. */
export const byPackageName: IdentityOf = (entryPoint) => entryPoint.package;

/** One way an installed entry point differs from its lock entry. */
export type LockChange =
  | "version"
  | "reference"
  | "directory"
  | "module"
  | "package-json"
  | "files"
  | "unresolvable"
  | "unreadable";

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
  /** The package's files that changed, were added or were removed (paths in the package). */
  readonly files?: PinDifference;
  /** What differs, in words: `"new plugin"`, `"changed file dist/util.js"`... */
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
  /** The application root (real path): lock paths are relative to it. */
  readonly root: string;
  /** Finds the module file of an entry point (the loading layer's resolver). */
  readonly resolveModule: ModuleResolver;
  /** Compare only this group; lock entries of other groups are ignored. Default: all. */
  readonly group?: string;
  /** The identity to lock each package under. Default: its name. */
  readonly identityOf?: IdentityOf;
  /** Hashes files (and remembers them by stat stamp). Default: a fresh in-memory one. */
  readonly hasher?: StampedHasher;
}

/** What {@link createLockEntries} built: the lock's content, and what could not be locked. */
export interface CreatedLock {
  readonly entries: readonly LockEntry[];
  readonly packages: Readonly<Record<string, LockedPackage>>;
  readonly problems: readonly Problem[];
}

/** A path relative to the root, with `/`, for the lock and for people. */
function toLockPath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}

/** Pins the package of an entry point whose module is `file` (see {@link pinnerFor}). */
export type Pinner = (
  entryPoint: EntryPoint,
  file: string | undefined,
  root: string,
) => PinnedPackage;

/**
 * Pins a package's folder, or, for the application's own package (its folder is the root),
 * only its package.json and the entry point's module (see `pinFiles`). With `memo`, each
 * folder is walked once per pinner: many entry points share a package, and in one `lock` or
 * `verify` run all of them must see the same files.
 */
export function pinnerFor(hasher: StampedHasher, memo: boolean): Pinner {
  const hash = (file: string) => hasher.hash(file);
  const pinned = new Map<string, PinnedPackage>();
  return (entryPoint, file, root) => {
    const directory = entryPoint.directory;
    if (directory === root) {
      const files = file === undefined ? [] : [toLockPath(root, file)];
      return pinFiles(directory, ["package.json", ...files], hash);
    }
    let found = memo ? pinned.get(directory) : undefined;
    if (found === undefined) {
      found = pinPackage(directory, hash);
      if (memo) pinned.set(directory, found);
    }
    return found;
  };
}

/**
 * Builds the lock for installed entry points: each entry point, and every file of each
 * package (see `FilePins`). Entry points whose module cannot be resolved, or whose package
 * cannot be read, are reported, not locked.
 *
 * @example
 * ```ts
 * const { entries, packages } = createLockEntries(found.entryPoints, { root: found.root, resolveModule });
 * writeFileSync(join(found.root, LOCK_FILE_NAME), serializeLock(entries, packages));
 * ```
 */
export function createLockEntries(
  entryPoints: readonly EntryPoint[],
  options: LockHashOptions,
): CreatedLock {
  const identityOf = options.identityOf ?? byPackageName;
  const pin = pinnerFor(options.hasher ?? new StampedHasher(), true);
  const entries: LockEntry[] = [];
  const packages: Record<string, LockedPackage> = Object.create(null);
  const problems: Problem[] = [];
  for (const ep of entryPoints) {
    if (options.group !== undefined && ep.group !== options.group) continue;
    const identity = identityOf(ep);
    let file: string;
    let pinned: PinnedPackage;
    try {
      file = options.resolveModule(ep);
      pinned = pin(ep, file, options.root);
    } catch (error) {
      const known = error instanceof PlughooksError;
      const code = known ? error.code : "ERR_PACKAGE_UNREADABLE";
      const why = known ? error.message : `the package cannot be read: ${(error as Error).message}`;
      problems.push(problem(code, siteOf(ep), why, error));
      continue;
    }
    const directory = toLockPath(options.root, ep.directory);
    const previous = packages[identity];
    if (previous !== undefined && previous.directory !== directory) {
      const why = `two folders have the identity ${JSON.stringify(identity)} (${previous.directory} and ${directory}); the lock keeps the first`;
      problems.push(problem("ERR_PLUGIN_LOCKED_OUT", siteOf(ep), why));
      continue;
    }
    packages[identity] = {
      package: ep.package,
      version: ep.version,
      directory,
      files: pinned.pins,
    };
    entries.push({
      group: ep.group,
      name: ep.name,
      package: ep.package,
      identity,
      version: ep.version,
      reference: ep.reference,
      file: toLockPath(options.root, file),
    });
  }
  return { entries, packages, problems };
}

/** What {@link differenceOf} needs besides the entry point and its lock entry. */
export interface DifferenceContext {
  readonly root: string;
  readonly resolveModule: ModuleResolver;
  /** Pins an entry point's package now (see {@link pinnerFor}). */
  readonly pin: Pinner;
}

/** The answer of {@link differenceOf} for a match: what was verified, for the import. */
export interface VerifiedEntryPoint {
  /** The module file, resolved once. */
  readonly file: string;
  /** The package's files as verified now. */
  readonly pinned: PinnedPackage;
}

const MAX_NAMED_FILES = 5;

/**
 * `changed file node_modules/a/x.js, added file ...`: paths from the root, so an operator can
 * open them; at most {@link MAX_NAMED_FILES} names (the JSON output of verify has them all).
 */
function describeFiles(diff: PinDifference, directory: string): string {
  const at = (file: string) => (directory === "" ? file : `${directory}/${file}`);
  const named = [
    ...diff.changed.map((f) => `changed file ${at(f)}`),
    ...diff.added.map((f) => `added file ${at(f)}`),
    ...diff.removed.map((f) => `removed file ${at(f)}`),
  ];
  const more = named.length - MAX_NAMED_FILES;
  return named.slice(0, MAX_NAMED_FILES).join(", ") + (more > 0 ? `, and ${more} more` : "");
}

/**
 * How one installed entry point differs from its lock entry and locked package (`entry`
 * undefined: not in the lock), or, when it matches, what was verified. Every file of the
 * package is compared (from the stamp cache when unchanged), so any change anywhere in the
 * package outside nested `node_modules` refuses it.
 */
export function differenceOf(
  ep: EntryPoint,
  entry: LockEntry | undefined,
  locked: LockedPackage | undefined,
  context: DifferenceContext,
): LockDifference | VerifiedEntryPoint {
  if (entry === undefined || locked === undefined) {
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
  const directory = toLockPath(context.root, ep.directory);
  if (directory !== locked.directory) {
    changes.push("directory");
    details.push(`installed at ${directory}, locked at ${locked.directory}`);
  }
  let file: string | undefined;
  try {
    file = context.resolveModule(ep);
  } catch {
    changes.push("unresolvable");
    details.push("module file cannot be resolved");
  }
  if (file !== undefined && toLockPath(context.root, file) !== entry.file) {
    changes.push("module");
    details.push(`loads ${toLockPath(context.root, file)}, locked ${entry.file}`);
  }
  let pinned: PinnedPackage | undefined;
  let files: PinDifference | undefined;
  try {
    pinned = context.pin(ep, file, context.root);
    files = diffPinsOnce(lockedFiles(locked.files, ep, context.root, pinned), pinned.pins);
  } catch (error) {
    changes.push("unreadable");
    details.push(`the package cannot be read (${(error as Error).message})`);
  }
  if (files !== undefined && !samePins(files)) {
    const inPackage = file === undefined ? undefined : toLockPath(ep.directory, file);
    const all = [...files.changed, ...files.added, ...files.removed];
    if (inPackage !== undefined && all.includes(inPackage)) changes.push("module");
    if (all.includes("package.json")) changes.push("package-json");
    changes.push("files");
    details.push(describeFiles(files, directory));
  }
  if (changes.length === 0 && file !== undefined && pinned !== undefined) return { file, pinned };
  return {
    ...idOf(ep),
    kind: "changed",
    entryPoint: ep,
    locked: entry,
    changes: [...new Set(changes)],
    ...(files === undefined ? {} : { files }),
    detail: details.join(", "),
  };
}

/** The application's own package is compared on the files pinned for this entry point. */
// One comparison per package and walk: its entry points (100,000 hook names in one package)
// share the locked pins and the walk, and a comparison per entry point costs names x files.
const compared = new WeakMap<FilePins, WeakMap<FilePins, PinDifference>>();
function diffPinsOnce(locked: FilePins, current: FilePins): PinDifference {
  let byLocked = compared.get(current);
  if (byLocked === undefined) {
    byLocked = new WeakMap();
    compared.set(current, byLocked);
  }
  let difference = byLocked.get(locked);
  if (difference === undefined) {
    difference = diffPins(locked, current);
    byLocked.set(locked, difference);
  }
  return difference;
}

function lockedFiles(
  files: FilePins,
  ep: EntryPoint,
  root: string,
  pinned: PinnedPackage,
): FilePins {
  if (ep.directory !== root) return files;
  return Object.fromEntries(
    Object.keys(pinned.pins)
      .filter((path) => Object.hasOwn(files, path))
      .map((path) => [path, files[path] as string]),
  );
}

/** Whether {@link differenceOf} found a difference. */
export const isDifference = (
  result: LockDifference | VerifiedEntryPoint,
): result is LockDifference => "kind" in result;

/** The lock's entries by {@link lockKey}, optionally of one group only. */
export function indexLock(lock: LockFile, group?: string): Map<string, LockEntry> {
  const index = new Map<string, LockEntry>();
  for (const entry of lock.entryPoints) {
    if (group === undefined || entry.group === group) {
      index.set(lockKey(entry.group, entry.name, entry.identity), entry);
    }
  }
  return index;
}

/**
 * Compares installed entry points with a lock, without importing anything: an entry point
 * matches when its version, reference, module file and every file of its package equal the
 * lock's. Locked entry points that are not installed are differences too.
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
  const identityOf = options.identityOf ?? byPackageName;
  const locked = indexLock(lock, options.group);
  const context: DifferenceContext = {
    root: options.root,
    resolveModule: options.resolveModule,
    pin: pinnerFor(options.hasher ?? new StampedHasher(), true),
  };
  const matched: EntryPoint[] = [];
  const differences: LockDifference[] = [];
  const seen = new Set<string>();
  for (const ep of entryPoints) {
    if (options.group !== undefined && ep.group !== options.group) continue;
    const identity = identityOf(ep);
    const key = lockKey(ep.group, ep.name, identity);
    seen.add(key);
    const result = differenceOf(ep, locked.get(key), lock.packages[identity], context);
    if (isDifference(result)) differences.push(result);
    else matched.push(ep);
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
