import { sep } from "node:path";
import { PlughooksError } from "../errors/index.js";
import type { CompileGuard } from "../loading/import-module.js";
import { readRegularFile, sha256 } from "./hash.js";
import type { PinnedPackage } from "./pin.js";

/**
 * The guard that closes the window between the lock's check and Node's read of a file: the
 * source Node is about to compile must hash to what the check approved. Files of the
 * package's dependencies (outside its folder, or in a nested `node_modules`) are not pinned
 * and pass; a file of the package that the check did not see (added since) is refused.
 *
 * @example
 * ```ts
 * const guard = compileGuard(pinPackage(dir, sha256File), "/app/plughooks.lock.json");
 * loadEntryPoint(entryPoint, file, guard);
 * ```
 */
export function compileGuard(pinned: PinnedPackage, lockPath: string): CompileGuard {
  const inside = pinned.directory + sep;
  return {
    verify(filename, source) {
      const expected = pinned.real.get(filename);
      if (expected === undefined) {
        if (!filename.startsWith(inside)) return;
        const rest = filename.slice(inside.length).split(sep);
        if (rest.some((segment) => segment.toLowerCase() === "node_modules")) return;
      } else if (sourceMatches(filename, source, expected)) {
        return;
      }
      const what =
        expected === undefined
          ? "was not there when the lock was checked"
          : "changed after the lock was checked";
      throw new PlughooksError(
        "ERR_PLUGIN_LOCKED_OUT",
        `refused by the lock ${lockPath}: ${filename} ${what}, before Node compiled it`,
      );
    },
  };
}

/**
 * Whether `source` is what the approved bytes say. Node hands `_compile` a string decoded
 * from UTF-8; a file whose bytes do not round-trip (a BOM Node stripped, invalid UTF-8) is
 * read once more and accepted only if those bytes hash right and decode to this very source.
 */
function sourceMatches(filename: string, source: string | Uint8Array, expected: string): boolean {
  if (sha256(source) === expected) return true;
  if (typeof source !== "string") return false;
  let bytes: Buffer;
  try {
    bytes = readRegularFile(filename).bytes;
  } catch {
    return false;
  }
  if (sha256(bytes) !== expected) return false;
  const text = bytes.toString("utf8");
  return text === source || (text.charCodeAt(0) === 0xfeff && text.slice(1) === source);
}
