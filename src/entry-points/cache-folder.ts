import type { Stats } from "node:fs";
import { dirname, isAbsolute, sep } from "node:path";
import { fs, os } from "../builtins.js";

const { chmodSync, lstatSync, mkdirSync } = fs;

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
 * The user cache folder: the caller's choice, else `$XDG_CACHE_HOME`, else `~/.cache`;
 * undefined when there is none (an unknown uid with no HOME makes `os.homedir()` throw, as
 * in some containers: then discovery goes on without a user cache).
 */
export function userCacheDirectory(settings: CacheSettings): string | undefined {
  if (settings.cacheDirectory === null) return undefined;
  if (settings.cacheDirectory !== undefined) return settings.cacheDirectory;
  const xdg = settings.env.XDG_CACHE_HOME;
  // The XDG spec: a relative path is invalid and is ignored.
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  try {
    const home = os.homedir();
    return home === "" ? undefined : `${trimSep(home)}${sep}.cache`;
  } catch {
    return undefined;
  }
}

const trimSep = (path: string) => (path.endsWith(sep) ? path.slice(0, -1) : path);

/**
 * Why a file or folder may not be trusted as part of the cache, as ssh checks its files: it
 * must belong to the current user and be writable by nobody else (not group- or
 * world-writable), or anyone who can write to it could steer discovery. Undefined: trusted.
 * Where the platform has no uid (Windows), ownership cannot be checked this way and only
 * the type is.
 */
export function distrust(stats: Stats): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  if (stats.uid !== uid) return `owned by uid ${stats.uid}, not by the current user (${uid})`;
  if ((stats.mode & 0o022) !== 0)
    return `writable by ${(stats.mode & 0o002) !== 0 ? "anyone" : "its group"} (mode ${(stats.mode & 0o777).toString(8)})`;
  return undefined;
}

/**
 * Whether `directory` may hold the index: a real folder (not a symlink), ours, written by
 * nobody else. Returns why not, or undefined when it may. Never throws.
 */
export function checkFolder(directory: string): string | undefined {
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
