import type { Stats } from "node:fs";
import { fs } from "../builtins.js";

const { closeSync, constants, fstatSync, openSync, readSync } = fs;

/** Settings tests may shorten; not public API. */
export const readSettings = {
  /**
   * The largest package.json read, in bytes. The largest on the npm registry are a few
   * hundred kB; 16 MiB leaves room for a package declaring 100,000 entry points, and stops a
   * file that never ends (a link to `/dev/zero`, a growing log) from growing memory.
   */
  maxBytes: 16 * 1024 * 1024,
};

/** Why a file was not read: it is not a regular file, or it is larger than the cap. */
export type Refusal =
  | { readonly refused: "not-a-file"; readonly kind: string }
  | { readonly refused: "too-large"; readonly size: number };

// O_NONBLOCK: opening a FIFO (or a device) for reading must not wait for a writer; what it
// is gets checked with fstat on the open descriptor, so it cannot be swapped in between.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

// One buffer for every small file: a package.json is rarely over 8 kB, and a fresh buffer
// per file would cost more than the read.
const shared = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads a whole regular file as UTF-8, bounded: anything but a regular file, or a file over
 * {@link readSettings.maxBytes}, is refused without being read. A leading UTF-8 byte-order
 * mark is dropped, as Node's and npm's package.json readers drop it. Throws what `open`
 * throws (ENOENT, EACCES...).
 */
export function readRegularFile(path: string): string | Refusal {
  const fd = openSync(path, FLAGS);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { refused: "not-a-file", kind: kindOf(stats) };
    const max = readSettings.maxBytes;
    if (stats.size > max) return { refused: "too-large", size: stats.size };
    // A regular file is read up to the size fstat gave, as readFileSync does (one read for
    // a package.json: a second read only to see end of file would double the syscalls). A
    // file that says size 0 (procfs and the like) is read to its end, one byte past the cap
    // at most.
    const size = stats.size;
    let buffer = size < shared.length ? shared : Buffer.allocUnsafe(size + 1);
    let length = 0;
    while (size === 0 || length < size) {
      if (length === buffer.length) {
        if (length > max) break;
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, max + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > max) return { refused: "too-large", size: length };
    const bom = length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
    return buffer.toString("utf8", bom ? 3 : 0, length);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}
