import { fs } from "../builtins.js";

const { readFileSync } = fs;

type Crypto = typeof import("node:crypto");
let crypto: Crypto | undefined;

/**
 * SHA-256 (hex) of a file's bytes. Synchronous on purpose: a plain hooked function loads its
 * plugins synchronously, and the lock check sits on that path. Plugin entry modules are small,
 * so this costs microseconds (see bench/lock-cost.mjs).
 */
export function sha256File(path: string): string {
  // node:crypto is loaded on first use, not at import: applications without a lock never
  // pay for it. One-shot `hash()` (Node >= 20.12) avoids a Hash object per file.
  crypto ??= process.getBuiltinModule("node:crypto");
  const bytes = readFileSync(path);
  return crypto.hash("sha256", bytes, "hex");
}
