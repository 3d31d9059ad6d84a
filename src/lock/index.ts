/**
 * The plugin lock: `plughooks.lock.json` pins which entry points may load, by package,
 * version, reference and the SHA-256 of the module file and package.json. This folder
 * reads, writes, hashes and compares; the hooks layer asks {@link openLockGate}'s check before it
 * imports anything, and the `plughooks lock` / `plughooks verify` commands use the rest.
 *
 * @module
 */
export {
  compareWithLock,
  createLockEntries,
  differenceOf,
  indexLock,
  type LockChange,
  type LockComparison,
  type LockDifference,
  type LockHashOptions,
  lockProblem,
  type ModuleResolver,
  packageJsonHasher,
} from "./compare.js";
export {
  LOCK_FILE_NAME,
  LOCK_SCHEMA_VERSION,
  type LockEntry,
  type LockFile,
  lockKey,
  parseLock,
  serializeLock,
} from "./format.js";
export {
  type LockGate,
  type LockGateOptions,
  type LockRefusal,
  type LockVerdict,
  openLockGate,
} from "./gate.js";
export { sha256File } from "./hash.js";
export { LOCK_ENV, type LockOption, type LockPolicy, resolveLockPolicy } from "./policy.js";
