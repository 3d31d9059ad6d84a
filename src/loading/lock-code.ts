import type * as Lock from "../lock/index.js";

/**
 * Where the lock's code is, relative to this module. In the published bundle,
 * `scripts/bundle.mjs` defines it as `"./lock.js"` (a file of its own beside the first-call
 * file); in the unbundled build it is undefined, and the lock's own module is loaded.
 */
declare const PLUGHOOKS_LOCK_CODE: string | undefined;

/** What the load manager takes from the lock (the self-contained bundles carry only this). */
type LockCode = Pick<typeof Lock, "openLockGate">;

let code: LockCode | undefined;

/**
 * The plugin lock's code (the gate, hashing, the stamp cache), loaded when a lock applies:
 * the first hooked call of an application without a lock file does not parse it (about 20 kB,
 * a fifth of the first-call code). Loaded synchronously, with `require()`, like the
 * first-call code that calls it (see hooks/first-call-code.ts); an error loading it is
 * thrown, never taken as "no lock".
 */
export function lockCode(): LockCode {
  if (code === undefined) {
    const file = typeof PLUGHOOKS_LOCK_CODE === "string" ? PLUGHOOKS_LOCK_CODE : "../lock/index.js";
    const { createRequire } = process.getBuiltinModule("node:module");
    code = createRequire(import.meta.url)(file) as LockCode;
  }
  return code;
}
