import { sep } from "node:path";
import { fs } from "../builtins.js";

const { readdirSync, realpathSync, statSync } = fs;

/**
 * What the lock pins of one package: every file under its folder except nested
 * `node_modules` folders, by path relative to the folder (with `/`), each with the SHA-256
 * of its bytes. Every file, not only `.js`/`.json`: `require()` runs a file of any extension
 * as JavaScript, so "what Node could load" is everything. Symlinks are followed (Node loads
 * what they point at); a file that is not a regular file is pinned by its kind, never read.
 */
export type FilePins = Readonly<Record<string, string>>;

/** Pins for a special file: its kind in brackets, never its content. */
const kindOf = (stat: import("node:fs").Stats): string =>
  stat.isFIFO()
    ? "(fifo)"
    : stat.isSocket()
      ? "(socket)"
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? "(device)"
        : "(other)";
const BROKEN_LINK = "(broken link)";

/** A package with more files than this is refused rather than pinned in part. */
const MAX_PINNED_FILES = 100_000;

/** A package folder, pinned: the pins, and each pinned file's real path with its hash. */
export interface PinnedPackage {
  readonly directory: string;
  readonly pins: FilePins;
  /** Real path of each regular file pinned → SHA-256: what the compile guard checks. */
  readonly real: ReadonlyMap<string, string>;
}

/**
 * Walks a package folder and hashes every file the lock pins (see {@link FilePins}). Nested
 * `node_modules` folders are other packages and are skipped, in any letter case. A symlinked
 * folder is walked once (cycles end). Synchronous, like the rest of the lock check.
 *
 * @throws an `Error` when the folder cannot be read or holds more than {@link MAX_PINNED_FILES}.
 *
 * @example
 * ```ts
 * const { pins } = pinPackage("/app/node_modules/acme", (file) => sha256File(file));
 * // { "package.json": "5e88...", "dist/hooks.js": "9f86...", "dist/util.js": "2c26..." }
 * ```
 */
export function pinPackage(directory: string, hash: (path: string) => string): PinnedPackage {
  // No prototype: a file may be called `__proto__`.
  const pins: Record<string, string> = Object.create(null);
  const real = new Map<string, string>();
  const walked = new Set<string>();
  let count = 0;
  const walk = (path: string, prefix: string, realPath: string): void => {
    if (walked.has(realPath)) return;
    walked.add(realPath);
    const entries = readdirSync(path, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.toLowerCase() === "node_modules") continue;
      if (++count > MAX_PINNED_FILES) {
        throw new Error(`more than ${MAX_PINNED_FILES} files to pin in ${directory}`);
      }
      // Concatenation, not join(): the parts are already normal, and join() showed in profiles.
      const child = path + sep + entry.name;
      const relative = prefix + entry.name;
      let stat: import("node:fs").Stats | undefined;
      if (entry.isSymbolicLink()) stat = statSync(child, { throwIfNoEntry: false });
      if (entry.isDirectory() || stat?.isDirectory()) {
        const childReal = stat === undefined ? realPath + sep + entry.name : realpathSync(child);
        walk(child, `${relative}/`, childReal);
      } else if (entry.isFile() || stat?.isFile()) {
        const digest = hash(child);
        pins[relative] = digest;
        real.set(stat === undefined ? realPath + sep + entry.name : realpathSync(child), digest);
      } else if (entry.isSymbolicLink() && stat === undefined) {
        pins[relative] = BROKEN_LINK;
      } else {
        pins[relative] = kindOf(stat ?? statSync(child));
      }
    }
  };
  walk(directory, "", directory);
  return { directory, pins, real };
}

/** How the files of a package differ from its pins. */
export interface PinDifference {
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** The files changed, added and removed since `locked` was taken, each sorted. */
export function diffPins(locked: FilePins, current: FilePins): PinDifference {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [path, digest] of Object.entries(current)) {
    const was = Object.hasOwn(locked, path) ? locked[path] : undefined;
    if (was === undefined) added.push(path);
    else if (was !== digest) changed.push(path);
  }
  for (const path of Object.keys(locked)) if (!Object.hasOwn(current, path)) removed.push(path);
  const sort = (list: string[]) => list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { changed: sort(changed), added: sort(added), removed: sort(removed) };
}

/** Whether a pin difference is empty. */
export const samePins = (d: PinDifference): boolean =>
  d.changed.length + d.added.length + d.removed.length === 0;

/**
 * Pins only the named files of a folder (paths relative to it, with `/`): for the
 * application's own package, which declares entry points too. Its folder is the whole
 * application (sources, build output, the lock itself), which is the application's code,
 * not plugin code that arrives with an install: the lock pins its package.json and the
 * modules its entry points load.
 */
export function pinFiles(
  directory: string,
  files: readonly string[],
  hash: (path: string) => string,
): PinnedPackage {
  const pins: Record<string, string> = Object.create(null);
  const real = new Map<string, string>();
  for (const file of files) {
    const path = directory + sep + file.split("/").join(sep);
    const digest = hash(path);
    pins[file] = digest;
    real.set(realpathSync(path), digest);
  }
  return { directory, pins, real };
}
