import { fs } from "../builtins.js";

const { closeSync, constants, fstatSync, openSync, readSync } = fs;

type Crypto = typeof import("node:crypto");
let crypto: Crypto | undefined;

/** node:crypto, loaded on first use: applications without a lock never pay for it. */
export function cryptoModule(): Crypto {
  crypto ??= process.getBuiltinModule("node:crypto");
  return crypto;
}

/** SHA-256 (hex) of bytes or of a string's UTF-8 encoding. */
export function sha256(data: string | Uint8Array): string {
  // One-shot `hash()` (Node >= 20.12) avoids a Hash object per file.
  return cryptoModule().hash("sha256", data, "hex");
}

/** What {@link readRegularFile} read: the bytes and the stat of the very file descriptor. */
export interface FileRead {
  readonly bytes: Buffer;
  readonly stat: import("node:fs").BigIntStats;
}

/**
 * Reads a regular file whole. Opened non-blocking and checked with `fstat` on the open
 * descriptor, so a FIFO or device swapped in after a `stat` is refused, never read (a read
 * from a FIFO would hang the first hooked call).
 *
 * @throws an `Error` when the path is not a regular file, or any `fs` error.
 */
export function readRegularFile(path: string): FileRead {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) throw new Error(`${path} is not a regular file`);
    const size = Number(stat.size);
    let bytes: Buffer = Buffer.allocUnsafe(size);
    let length = 0;
    for (;;) {
      if (length === bytes.length) bytes = grow(bytes);
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { bytes: bytes.subarray(0, length), stat };
  } finally {
    closeSync(fd);
  }
}

// A file that grows while read is read to its end: its hash is of what was read.
const grow = (bytes: Buffer): Buffer => {
  const larger = Buffer.allocUnsafe(Math.max(64 * 1024, bytes.length * 2));
  bytes.copy(larger);
  return larger;
};

/**
 * SHA-256 (hex) of a file's bytes. Synchronous on purpose: a plain hooked function loads its
 * plugins synchronously, and the lock check sits on that path.
 */
export function sha256File(path: string): string {
  return sha256(readRegularFile(path).bytes);
}
