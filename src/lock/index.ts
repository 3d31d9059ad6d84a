/**
 * The plugin lock: `plughooks.lock.json` pins which entry points may load, by package,
 * version, reference and the SHA-256 of every file of the package outside nested
 * `node_modules`. This folder reads, writes, hashes and compares; the load manager asks
 * {@link openLockGate}'s check before it imports anything, and the `plughooks lock` /
 * `plughooks verify` commands use the rest. It is loaded only when a lock is in force:
 * `policy.ts` alone decides that, without this folder or node:crypto.
 *
 * @module
 */
export {
  compareWithLock,
  createLockEntries,
  type LockDifference,
  type ModuleResolver,
} from "./compare.js";
export {
  LOCK_FILE_NAME,
  type LockEntry,
  type LockedPackage,
  type LockFile,
  parseLock,
  serializeLock,
} from "./format.js";
export {
  defaultStampCache,
  type LockGate,
  openLockGate,
} from "./gate.js";
export { readRegularFile, sha256File } from "./hash.js";
export { pinPackage } from "./pin.js";
export {
  lockApplies,
  resolveLockPolicy,
} from "./policy.js";
export { StampedHasher, stampOf } from "./stamp-cache.js";
export { replaceFile } from "./write-file.js";
