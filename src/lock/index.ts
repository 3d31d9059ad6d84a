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
  type ModuleResolver,
} from "./compare.js";
export {
  LOCK_FILE_NAME,
  type LockEntry,
  type LockFile,
  parseLock,
  serializeLock,
} from "./format.js";
export {
  type LockGate,
  openLockGate,
} from "./gate.js";
export { resolveLockPolicy } from "./policy.js";
