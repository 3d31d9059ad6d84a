import type { Stats } from "node:fs";
import { dirname } from "node:path";
import { fs } from "../builtins.js";
import { userCacheDirectory as userCacheFromEnvironment } from "../config/environment.js";

const { chmodSync, constants, lstatSync, mkdirSync, readFileSync } = fs;

/** The environment discovery reads: given by the caller, never `process.env` itself. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a discovery index may be kept, as the caller decided it. */
export interface CacheSettings {
  readonly env: Env;
  /**
   * The user cache folder (the index goes in its `plughooks` subfolder); `null`: none;
   * undefined: `$XDG_CACHE_HOME`, else `~/.cache`.
   */
  readonly cacheDirectory?: string | null | undefined;
}

/**
 * The user cache folder: the caller's choice, else what `src/config` reads from `env`
 * (`$XDG_CACHE_HOME`, else `$HOME/.cache`, else the account's home folder); undefined when
 * there is none (an unknown uid with no HOME, as in some containers: then discovery goes on
 * without a user cache).
 */
export function userCacheDirectory(settings: CacheSettings): string | undefined {
  if (settings.cacheDirectory === null) return undefined;
  if (settings.cacheDirectory !== undefined) return settings.cacheDirectory;
  return userCacheFromEnvironment(settings.env);
}

/**
 * Why a file or folder may not be trusted as part of the cache, as ssh checks its files: it
 * must belong to the current user and be writable by nobody else (not group- or
 * world-writable), or anyone who can write to it could steer discovery. Undefined: trusted.
 * Where the platform has no uid (Windows), ownership cannot be checked this way and only
 * the type is.
 */
function distrust(stats: Stats): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0)) return undefined;
  return whyDistrusted(stats, uid);
}

/** What {@link distrust} found wrong (its own function: see {@link readCacheFile}). */
function whyDistrusted(stats: Stats, uid: number): string {
  if (stats.uid !== uid) return `owned by uid ${stats.uid}, not by the current user (${uid})`;
  return `writable by ${(stats.mode & 0o002) !== 0 ? "anyone" : "its group"} (mode ${(stats.mode & 0o777).toString(8)})`;
}

// O_NOFOLLOW: never read through a link; O_NONBLOCK: never wait on a FIFO.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file kept in the cache, or says why it may not be trusted; undefined when there
 * is none. The file must be a regular file (not a link), ours, writable by nobody else and
 * at most `maxBytes`; its folder must pass {@link checkFolder}. Since nobody else can write
 * that folder, the file checked is the file read. One `lstat` and one `readFileSync`: on a
 * warm start in a fresh process every distinct fs call costs its first-use time, and
 * `readFileSync` is the one Node's own loader has already used.
 */
export function readCacheFile(
  file: string,
  maxBytes: number,
): string | { readonly refused: string } | undefined {
  const stats = lstatSync(file, { throwIfNoEntry: false });
  if (stats === undefined) return undefined;
  // The reasons are worked out only for a refusal, in their own functions: a warm start in a
  // fresh process compiles every line of each function it calls, taken or not.
  if (!stats.isFile() || distrust(stats) !== undefined || stats.size > maxBytes)
    return { refused: whyNotFile(stats, maxBytes) };
  const folder = checkFolder(dirname(file));
  if (folder !== undefined) return { refused: `its folder ${folder}` };
  // Node takes numeric flags (stringToFlags passes numbers through); @types/node says string.
  return readFileSync(file, { encoding: "utf8", flag: READ_FLAGS as unknown as string });
}

/** Why a cache file may not be read (see {@link readCacheFile}). */
function whyNotFile(stats: Stats, maxBytes: number): string {
  if (stats.isSymbolicLink()) return "it is a symbolic link";
  if (!stats.isFile()) return "it is not a regular file";
  const why = distrust(stats);
  if (why !== undefined) return `it is ${why}`;
  return `it is larger than ${maxBytes} bytes`;
}

/**
 * Whether `directory` may hold the index: a real folder (not a symlink), ours, written by
 * nobody else. Returns why not, or undefined when it may. Never throws.
 */
function checkFolder(directory: string): string | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(directory);
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`;
  }
  if (stats.isSymbolicLink()) return "is a symbolic link";
  if (!stats.isDirectory()) return "is not a folder";
  return distrust(stats);
}

/**
 * Makes (or takes) the index folder for writing: its parents as the user's umask says, the
 * folder itself private (0700). A folder of ours that is too open (made by an older
 * plughooks under a umask of 002) is tightened; anyone else's is refused. Returns why it
 * cannot be used, or the first folder it made (whose parent's mtime moved). Never throws.
 */
export function prepareFolder(
  directory: string,
): { refused: string } | { made: string | undefined } {
  let made: string | undefined;
  try {
    made = mkdirSync(dirname(directory), { recursive: true });
    mkdirSync(directory, { mode: 0o700 });
    made ??= directory;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST") return { refused: `cannot be made (${code ?? "error"})` };
  }
  const why = checkFolder(directory);
  if (why === undefined) return { made };
  if (!why.startsWith("writable by")) return { refused: why };
  try {
    chmodSync(directory, 0o700);
  } catch (error) {
    return {
      refused: `${why}, and cannot be made private (${(error as NodeJS.ErrnoException).code})`,
    };
  }
  const still = checkFolder(directory);
  return still === undefined ? { made } : { refused: still };
}
