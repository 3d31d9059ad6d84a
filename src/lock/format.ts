import { PlughooksError } from "../errors/index.js";

/** The lock file's name in the application root. */
export const LOCK_FILE_NAME = "plughooks.lock.json";

/** The version of the lock file format this code reads and writes. */
const LOCK_SCHEMA_VERSION = 1;

/** One approved entry point: what was installed when `plughooks lock` ran. */
export interface LockEntry {
  /** The entry-point group, e.g. `"nova.hooks"`. */
  readonly group: string;
  /** The entry-point name (the hook name). */
  readonly name: string;
  /** The declaring package's name. */
  readonly package: string;
  /** The declaring package's version. */
  readonly version: string;
  /** The reference as written in package.json. */
  readonly reference: string;
  /** The module file the reference loads, relative to the root, with `/` (for people). */
  readonly file: string;
  /** SHA-256 (hex) of that module file's bytes. */
  readonly moduleSha256: string;
  /** SHA-256 (hex) of the package's package.json bytes. */
  readonly packageJsonSha256: string;
}

/** The content of `plughooks.lock.json`. */
export interface LockFile {
  /** Always {@link LOCK_SCHEMA_VERSION} for files this version writes. */
  readonly schemaVersion: number;
  /** Approved entry points, sorted by group, name, then package. */
  readonly entryPoints: readonly LockEntry[];
}

const STRING_FIELDS = [
  "group",
  "name",
  "package",
  "version",
  "reference",
  "file",
  "moduleSha256",
  "packageJsonSha256",
] as const;

/** The identity of an entry point in a lock: one package has one object per group and name. */
export function lockKey(entry: {
  readonly group: string;
  readonly name: string;
  readonly package: string;
}): string {
  // NUL cannot appear in a package name, group or JSON key a person typed.
  return `${entry.group}\0${entry.name}\0${entry.package}`;
}

/**
 * Parses and validates the text of a lock file. Throws a {@link PlughooksError} with code
 * `ERR_PLUGIN_LOCKED_OUT` when it is not a lock this version understands: a lock that cannot
 * be read must refuse everything, never allow everything.
 *
 * @example
 * ```ts
 * const lock = parseLock(readFileSync("plughooks.lock.json", "utf8"), "plughooks.lock.json");
 * ```
 */
export function parseLock(text: string, path: string): LockFile {
  const fail = (why: string): never => {
    throw new PlughooksError("ERR_PLUGIN_LOCKED_OUT", `lock file ${path} is invalid: ${why}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return fail("not an object");
  const record = data as Record<string, unknown>;
  if (record.schemaVersion !== LOCK_SCHEMA_VERSION) {
    return fail(
      `schemaVersion ${JSON.stringify(record.schemaVersion)} is not ${LOCK_SCHEMA_VERSION}`,
    );
  }
  if (!Array.isArray(record.entryPoints)) return fail('"entryPoints" is not an array');
  const entries: LockEntry[] = [];
  for (const [index, item] of record.entryPoints.entries()) {
    if (typeof item !== "object" || item === null)
      return fail(`entryPoints[${index}] is not an object`);
    const fields = item as Record<string, unknown>;
    for (const field of STRING_FIELDS) {
      if (typeof fields[field] !== "string")
        return fail(`entryPoints[${index}].${field} is not a string`);
    }
    entries.push(item as LockEntry);
  }
  return { schemaVersion: LOCK_SCHEMA_VERSION, entryPoints: entries };
}

/**
 * Serialises a lock deterministically (sorted entries, fixed key order, 2-space indent,
 * final newline) so that the file diffs well in code review.
 */
export function serializeLock(entries: readonly LockEntry[]): string {
  const sorted = [...entries].sort((a, b) => compareStrings(lockKey(a), lockKey(b)));
  const ordered = sorted.map((e) => Object.fromEntries(STRING_FIELDS.map((f) => [f, e[f]])));
  return `${JSON.stringify({ schemaVersion: LOCK_SCHEMA_VERSION, entryPoints: ordered }, null, 2)}\n`;
}

/** Code-unit order, independent of the locale, so every machine writes the same file. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
