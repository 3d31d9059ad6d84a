import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * SHA-256 (hex) of a file's bytes. Synchronous on purpose: a plain hooked function loads its
 * plugins synchronously, and the lock check sits on that path. Plugin entry modules are small,
 * so this costs microseconds (see bench/lock-cost.mjs).
 */
export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
