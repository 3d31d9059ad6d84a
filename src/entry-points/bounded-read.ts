import type { Stats } from "node:fs";
import { fs } from "../builtins.js";

const { constants, readFileSync, statSync } = fs;

/** Settings tests may shorten; not public API. */
export const readSettings = {
  /**
   * The largest package.json read, in bytes. The largest on the npm registry are a few
   * hundred kB; 16 MiB leaves room for a package declaring 100,000 entry points, and stops a
   * huge file (a sparse one, shipped small in a tarball) from growing memory.
   */
  maxBytes: 16 * 1024 * 1024,
};

/** Why a file was not read: it is not a regular file, or it is larger than the cap. */
export type Refusal =
  | { readonly refused: "not-a-file"; readonly kind: string }
  | { readonly refused: "too-large"; readonly size: number };

// O_NONBLOCK: should a FIFO take the place of the file between the check and the read, the
// read fails (EAGAIN) or ends at once instead of waiting for a writer.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a whole regular file as UTF-8, bounded: anything but a regular file (a FIFO, a
 * device such as a link to /dev/zero, a folder), or a file over
 * {@link readSettings.maxBytes}, is refused without being read. A leading UTF-8 byte-order
 * mark is dropped, as Node's and npm's package.json readers drop it. Undefined when there is
 * no such file; throws what `stat` throws otherwise (ENOTDIR, EACCES...).
 *
 * Why stat then readFileSync, not open, fstat, read and close on one descriptor: discovery
 * reads thousands of these in a fresh process, where each distinct fs call costs its
 * first-use time; the four-call read cost about twice the floor's read, this about 1.5x.
 * The window between the check and the read is open only to someone who can already write
 * the package's files (and so its code); O_NONBLOCK keeps even a swap from hanging.
 */
export function readRegularFile(path: string): string | Refusal | undefined {
  // No throw for a folder without package.json: Node builds an Error, stack and all, per throw.
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return undefined;
  if (!stats.isFile()) return { refused: "not-a-file", kind: kindOf(stats) };
  if (stats.size > readSettings.maxBytes) return { refused: "too-large", size: stats.size };
  // Node takes numeric flags (stringToFlags passes numbers through); @types/node says string.
  const text = readFileSync(path, { encoding: "utf8", flag: FLAGS as unknown as string });
  // The file grew past the cap after the check: refuse it all the same.
  if (text.length > readSettings.maxBytes) return { refused: "too-large", size: text.length };
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}
