/**
 * The plugin lock: `plughooks.lock.json` pins which entry points may load, by package,
 * version, reference and the SHA-256 of the module file and package.json. This folder
 * reads, writes, hashes and compares; the hooks layer calls {@link applyLock} before it
 * imports anything, and the `plughooks lock` / `plughooks verify` commands use the rest.
 *
 * @module
 */
export { type AppliedLock, type ApplyLockOptions, applyLock } from "./apply.js";
export {
  compareWithLock,
  createLockEntries,
  type LockChange,
  type LockComparison,
  type LockDifference,
  type LockHashOptions,
  lockProblem,
  type ModuleResolver,
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
export { sha256File } from "./hash.js";
export { LOCK_ENV, type LockOption, type LockPolicy, resolveLockPolicy } from "./policy.js";
