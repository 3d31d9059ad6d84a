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
  byPackageName,
  type CreatedLock,
  compareWithLock,
  createLockEntries,
  type DifferenceContext,
  differenceOf,
  type IdentityOf,
  indexLock,
  isDifference,
  type LockChange,
  type LockComparison,
  type LockDifference,
  type LockHashOptions,
  lockProblem,
  type ModuleResolver,
  type Pinner,
  pinnerFor,
  toLockPath,
  type VerifiedEntryPoint,
} from "./compare.js";
export { compileGuard } from "./compile-guard.js";
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
export { readRegularFile, sha256, sha256File } from "./hash.js";
export {
  diffPins,
  type FilePins,
  MAX_PINNED_FILES,
  type PinDifference,
  type PinnedPackage,
  pinPackage,
} from "./pin.js";
export {
  type LockOption,
  type LockPolicy,
  lockApplies,
  resolveLockPolicy,
} from "./policy.js";
export { StampedHasher, stampOf } from "./stamp-cache.js";
export { replaceFile } from "./write-file.js";
