import { PlughooksError } from "../errors/index.js";
import type { FilePins } from "./pin.js";
import { LOCK_FILE_NAME } from "./policy.js";

export { LOCK_FILE_NAME };

/**
 * The version of the lock file format this code reads and writes. Version 1 pinned only the
 * entry module and package.json; it is refused, not read as a weaker lock.
 */
const LOCK_SCHEMA_VERSION = 2;

/** One approved entry point: what was installed when `plughooks lock` ran. */
export interface LockEntry {
  /** The entry-point group, e.g. `"nova.hooks"`. */
  readonly group: string;
  /** The entry-point name (the hook name). */
  readonly name: string;
  /** The declaring package's name. */
  readonly package: string;
  /**
   * The package's identity, the key of its files in {@link LockFile.packages}: the string
   * the load manager identifies a package by (its name unless the caller says otherwise).
   */
  readonly identity: string;
  /** The declaring package's version. */
  readonly version: string;
  /** The reference as written in package.json. */
  readonly reference: string;
  /** The module file the reference loads, relative to the root, with `/` (for people). */
  readonly file: string;
}

/** One approved package: where it was installed and every file the lock pins. */
export interface LockedPackage {
  /** The package's name. */
  readonly package: string;
  /** The package's version. */
  readonly version: string;
  /** Its folder, relative to the root, with `/`. */
  readonly directory: string;
  /** Every file outside nested `node_modules`, with its SHA-256 (see `FilePins`). */
  readonly files: FilePins;
}

/** The content of `plughooks.lock.json`. */
export interface LockFile {
  /** Always {@link LOCK_SCHEMA_VERSION} for files this version writes. */
  readonly schemaVersion: number;
  /** Approved entry points, sorted by group, name, then identity. */
  readonly entryPoints: readonly LockEntry[];
  /** The approved packages, by identity. */
  readonly packages: Readonly<Record<string, LockedPackage>>;
}

const ENTRY_FIELDS = [
  "group",
  "name",
  "package",
  "identity",
  "version",
  "reference",
  "file",
] as const;
const PACKAGE_FIELDS = ["package", "version", "directory"] as const;
const PIN = /^(?:[0-9a-f]{64}|\((?:fifo|socket|device|other|broken link)\))$/;

/** The key of an entry point in a lock: one package has one object per group and name. */
export function lockKey(group: string, name: string, identity: string): string {
  // NUL cannot appear in a package name, group or JSON key a person typed.
  return `${group}\0${name}\0${identity}`;
}

/** A relative path with `/` that stays inside its folder. */
const isInsidePath = (path: string): boolean =>
  path !== "" &&
  !path.startsWith("/") &&
  !path.includes("\\") &&
  !path.includes("\0") &&
  path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");

/**
 * Parses and validates the text of a lock file. Throws a {@link PlughooksError} with code
 * `ERR_LOCK_INVALID` when it is not a lock this version understands: a lock that cannot be
 * read must refuse everything, never allow everything.
 *
 * @example
 * ```ts
 * const lock = parseLock(readFileSync("plughooks.lock.json", "utf8"), "plughooks.lock.json");
 * ```
 */
export function parseLock(text: string, path: string): LockFile {
  const fail = (why: string): never => {
    throw new PlughooksError("ERR_LOCK_INVALID", `lock file ${path} is invalid: ${why}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!isRecord(data)) return fail("not an object");
  if (data.schemaVersion === 1) {
    return fail(
      "schemaVersion 1 pins only entry modules; run plughooks lock again to pin every file",
    );
  }
  if (data.schemaVersion !== LOCK_SCHEMA_VERSION) {
    return fail(
      `schemaVersion ${JSON.stringify(data.schemaVersion)} is not ${LOCK_SCHEMA_VERSION}`,
    );
  }
  if (!isRecord(data.packages)) return fail('"packages" is not an object');
  const packages: Record<string, LockedPackage> = Object.create(null);
  for (const [identity, item] of Object.entries(data.packages)) {
    const where = `packages[${JSON.stringify(identity)}]`;
    if (!isRecord(item)) return fail(`${where} is not an object`);
    for (const field of PACKAGE_FIELDS) {
      if (typeof item[field] !== "string") return fail(`${where}.${field} is not a string`);
    }
    if (!isRecord(item.files)) return fail(`${where}.files is not an object`);
    const files: Record<string, string> = Object.create(null);
    for (const [file, pin] of Object.entries(item.files)) {
      if (!isInsidePath(file)) return fail(`${where}.files has the path ${JSON.stringify(file)}`);
      if (typeof pin !== "string" || !PIN.test(pin)) {
        return fail(`${where}.files[${JSON.stringify(file)}] is not a SHA-256`);
      }
      files[file] = pin;
    }
    packages[identity] = { ...(item as unknown as LockedPackage), files };
  }
  if (!Array.isArray(data.entryPoints)) return fail('"entryPoints" is not an array');
  const entries: LockEntry[] = [];
  for (const [index, item] of data.entryPoints.entries()) {
    if (!isRecord(item)) return fail(`entryPoints[${index}] is not an object`);
    for (const field of ENTRY_FIELDS) {
      if (typeof item[field] !== "string") {
        return fail(`entryPoints[${index}].${field} is not a string`);
      }
    }
    if (!Object.hasOwn(packages, item.identity as string)) {
      return fail(`entryPoints[${index}].identity has no entry in "packages"`);
    }
    entries.push(item as unknown as LockEntry);
  }
  return { schemaVersion: LOCK_SCHEMA_VERSION, entryPoints: entries, packages };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Serialises a lock deterministically (sorted entries, packages and files, fixed key order,
 * 2-space indent, final newline) so that the file diffs well in code review.
 */
export function serializeLock(
  entries: readonly LockEntry[],
  packages: Readonly<Record<string, LockedPackage>>,
): string {
  const key = (e: LockEntry) => lockKey(e.group, e.name, e.identity);
  const sorted = [...entries].sort((a, b) => compareStrings(key(a), key(b)));
  const ordered = sorted.map((e) => Object.fromEntries(ENTRY_FIELDS.map((f) => [f, e[f]])));
  const byIdentity = Object.keys(packages)
    .sort(compareStrings)
    .map((identity) => {
      const p = packages[identity] as LockedPackage;
      const files = Object.keys(p.files)
        .sort(compareStrings)
        .map((file) => [file, p.files[file]]);
      return [
        identity,
        {
          package: p.package,
          version: p.version,
          directory: p.directory,
          files: Object.fromEntries(files),
        },
      ];
    });
  const lock = {
    schemaVersion: LOCK_SCHEMA_VERSION,
    entryPoints: ordered,
    packages: Object.fromEntries(byIdentity),
  };
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/** Code-unit order, independent of the locale, so every machine writes the same file. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
