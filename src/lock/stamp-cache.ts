import { dirname } from "node:path";
import { fs } from "../builtins.js";
import { readRegularFile, sha256 } from "./hash.js";

import { replaceFile } from "./write-file.js";

const { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, statSync } = fs;

/**
 * A file's stat stamp: device, inode, size, and the modification and change times in
 * nanoseconds. Rewriting a file changes its ctime, which no unprivileged process can set
 * back, so an unchanged stamp means unchanged bytes (see {@link RACY_NS} for the exception).
 */
export function stampOf(stat: import("node:fs").BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/**
 * File times come from a coarse clock (a few ms on Linux): a file changed twice within one
 * tick, with the same size, keeps its stamp. So, as git does with its "racily clean" index
 * entries, a hash is not cached while the file's ctime is this close to the hashing time.
 */
const RACY_NS = 2_000_000_000n;
/** The cache file is read only up to this size; a larger one is ignored. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const CACHE_VERSION = 1;

/**
 * Hashes files, remembering each hash under the file's stat stamp, in memory and optionally
 * in a cache file, so that a warm start costs a `stat` per pinned file instead of a read and
 * a SHA-256. The cache file is evidence only if it is a regular file owned by `owner` (the
 * owner of the lock) and writable by nobody else, as ssh checks its files: whoever can write
 * it could otherwise approve any bytes.
 *
 * @example
 * ```ts
 * const hasher = new StampedHasher({ path: "/app/node_modules/.cache/plughooks/lock-stamps.json", owner: 1000 });
 * hasher.hash("/app/node_modules/acme/hooks.js"); // "9f86d0..."
 * hasher.save();
 * ```
 */
export class StampedHasher {
  readonly #entries = new Map<string, string>();
  readonly #file: { readonly path: string; readonly owner: number } | undefined;
  #dirty = false;

  readonly #racyNs: bigint;

  /**
   * @param file - the cache file and the uid that must own it (`undefined`: memory only).
   * @param racyNs - see {@link RACY_NS}; tests set 0 to cache files they just wrote.
   */
  constructor(
    file?: { readonly path: string; readonly owner: number | undefined },
    racyNs: bigint = RACY_NS,
  ) {
    this.#racyNs = racyNs;
    if (file?.owner === undefined) return;
    this.#file = { path: file.path, owner: file.owner };
    this.#load();
  }

  /** SHA-256 (hex) of the regular file at `path` (symlinks followed). */
  hash(path: string): string {
    const stamp = stampOf(statSync(path, { bigint: true }));
    const known = this.#entries.get(path);
    if (known?.startsWith(`${stamp}|`)) return known.slice(stamp.length + 1);
    const { bytes, stat } = readRegularFile(path);
    const digest = sha256(bytes);
    const now = BigInt(Date.now()) * 1_000_000n;
    // Not cached while racy (see RACY_NS), nor when the clock disagrees with the file times.
    if (stat.ctimeNs <= now - this.#racyNs && stat.mtimeNs <= now - this.#racyNs) {
      this.#entries.set(path, `${stampOf(stat)}|${digest}`);
      this.#dirty = true;
    }
    return digest;
  }

  /** Whether {@link save} has something new to write. */
  get dirty(): boolean {
    return this.#dirty;
  }

  /**
   * Writes the cache file, when there is one and this process is its owner: created
   * exclusively under a fresh name (never through a planted symlink), then renamed over the
   * old one. Best effort: a cache that cannot be written only costs the next start time.
   */
  save(): void {
    const file = this.#file;
    if (file === undefined || !this.#dirty || process.getuid?.() !== file.owner) return;
    this.#dirty = false;
    try {
      mkdirSync(dirname(file.path), { recursive: true, mode: 0o755 });
      const entries = Object.fromEntries(this.#entries);
      replaceFile(file.path, JSON.stringify({ version: CACHE_VERSION, entries }));
    } catch {
      // Not written: the next start hashes again.
    }
  }

  #load(): void {
    const file = this.#file;
    if (file === undefined) return;
    let fd: number;
    try {
      fd = openSync(file.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch {
      return; // none yet (or a symlink): start empty
    }
    try {
      const stat = fstatSync(fd);
      const trusted =
        stat.isFile() &&
        stat.uid === file.owner &&
        (stat.mode & 0o022) === 0 &&
        stat.size <= MAX_CACHE_BYTES;
      if (!trusted) return;
      const bytes = Buffer.allocUnsafe(stat.size);
      let length = 0;
      while (length < bytes.length) {
        const read = readSync(fd, bytes, length, bytes.length - length, null);
        if (read === 0) break;
        length += read;
      }
      const data = JSON.parse(bytes.toString("utf8", 0, length)) as {
        version?: unknown;
        entries?: unknown;
      };
      if (
        data.version !== CACHE_VERSION ||
        typeof data.entries !== "object" ||
        data.entries === null
      )
        return;
      for (const [path, value] of Object.entries(data.entries)) {
        if (typeof value === "string") this.#entries.set(path, value);
      }
    } catch {
      // An unreadable or invalid cache is ignored: every file is hashed again.
    } finally {
      closeSync(fd);
    }
  }
}
