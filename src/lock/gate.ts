import { join } from "node:path";
import type { EntryPoint } from "../entry-points/types.js";
import { PlughooksError, type Problem, problem } from "../errors/index.js";
import type { CompileGuard } from "../loading/import-module.js";
import { siteOf } from "../loading/resolve-module.js";
import {
  byPackageName,
  differenceOf,
  type IdentityOf,
  indexLock,
  isDifference,
  lockProblem,
  type ModuleResolver,
  type Pinner,
  pinnerFor,
} from "./compare.js";
import { compileGuard } from "./compile-guard.js";
import { type LockFile, lockKey, parseLock } from "./format.js";
import { readRegularFile } from "./hash.js";
import { type LockOption, resolveLockPolicy } from "./policy.js";
import { StampedHasher } from "./stamp-cache.js";

/** Why the lock refuses an entry point. */
export interface LockRefusal {
  /**
   * A problem naming the package, entry point, lock and change: `ERR_PLUGIN_LOCKED_OUT`,
   * or `ERR_LOCK_INVALID` / `ERR_LOCK_UNREADABLE` when the lock itself cannot be used.
   */
  readonly problem: Problem;
  /** What differs, in words: `"new plugin"`, `"changed file (...)"`... */
  readonly detail: string;
}

/** The lock's answer for one entry point. */
export type LockVerdict =
  | {
      readonly allowed: true;
      /**
       * The module file that was verified, when a lock is in force: import exactly this file
       * (no second resolution that could land elsewhere, and no second resolution cost).
       */
      readonly file?: string;
      /**
       * When a lock is in force: pass it to `loadEntryPoint`, which then compiles only bytes
       * whose hash the lock approves (see `CompileGuard`).
       */
      readonly guard?: CompileGuard;
    }
  | ({ readonly allowed: false } & LockRefusal);

/** The lock in force for one application, asked once per entry point before it is imported. */
export interface LockGate {
  /** The lock file in force, or `undefined` when no lock applies. */
  readonly path: string | undefined;
  /** Whether the entry point may load and, if not, why. Never imports anything. */
  check(entryPoint: EntryPoint): LockVerdict;
}

/** Options of {@link openLockGate}. */
export interface LockGateOptions {
  /** The application root (real path): where the default lock lives. */
  readonly root: string;
  /** The `lock` option of `createHooks`. */
  readonly lock?: LockOption | undefined;
  /** Where `PLUGHOOKS_LOCK` is read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Finds the module file of an entry point without importing it. */
  readonly resolveModule: ModuleResolver;
  /** The identity packages are locked under (the load manager's). Default: the name. */
  readonly identityOf?: IdentityOf;
  /**
   * The stamp cache file (see `StampedHasher`), or `false` for memory only. Default:
   * `<root>/node_modules/.cache/plughooks/lock-stamps.json`.
   */
  readonly stampCache?: string | false;
}

const ALLOWED: LockVerdict = { allowed: true };
const OPEN: LockGate = { path: undefined, check: () => ALLOWED };

/** The default stamp cache of an application: see {@link LockGateOptions.stampCache}. */
export const defaultStampCache = (root: string): string =>
  join(root, "node_modules", ".cache", "plughooks", "lock-stamps.json");

/**
 * Reads the lock that applies to an application (see `resolveLockPolicy`) and returns the
 * check to run before each import. With no lock in force this costs one failed `open`. A
 * lock that is required but missing, or that cannot be parsed, refuses every entry point:
 * the gate fails closed. Each check compares every file of the entry point's package with
 * the lock (a `stat` per file when the stamp cache knows it, else a read and a SHA-256).
 *
 * @example
 * ```ts
 * const gate = openLockGate({ root: found.root, env: process.env, resolveModule: resolveModuleFile });
 * const verdict = gate.check(entryPoint);
 * if (!verdict.allowed) logger.error(verdict.problem.message); // never imported
 * else loadEntryPoint(entryPoint, verdict.file, verdict.guard);
 * ```
 */
export function openLockGate(options: LockGateOptions): LockGate {
  const policy = resolveLockPolicy(options.lock, options.env, options.root);
  if (policy.mode === "off") return OPEN;
  const path = policy.path;
  let lock: LockFile;
  let owner: number;
  try {
    // Reading directly (no existsSync first) makes the no-lock case one syscall; a FIFO or
    // device in the lock's place is refused, never read.
    const read = readRegularFile(path);
    owner = Number(read.stat.uid);
    lock = parseLock(read.bytes.toString("utf8"), path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && policy.mode === "auto") return OPEN;
    return refuseAll(path, error);
  }
  const index = indexLock(lock);
  const identityOf = options.identityOf ?? byPackageName;
  const cacheFile = options.stampCache ?? defaultStampCache(options.root);
  const hasher = new StampedHasher(cacheFile === false ? undefined : { path: cacheFile, owner });
  let saving = false;
  const saveSoon = () => {
    if (saving || !hasher.dirty) return;
    saving = true;
    // After the synchronous load that is under way: one write for all its packages.
    queueMicrotask(() => {
      saving = false;
      hasher.save();
    });
  };
  // Each synchronous load walks a package once: `load()` checks every entry point of a
  // package that declares 100,000 hook names in one go, and a walk per entry point made that
  // cost names x files. A check made later (a hook name first called an hour after start)
  // gets a fresh walk, and sees the files as they are then, not as they were at start.
  let batch: { pin: Pinner; resolved: Map<string, string | Error> } | undefined;
  const current = () => {
    if (batch === undefined) {
      batch = { pin: pinnerFor(hasher, true), resolved: new Map() };
      queueMicrotask(() => {
        batch = undefined;
      });
    }
    return batch;
  };
  const pin: Pinner = (ep, file, root) => current().pin(ep, file, root);
  // One resolution per module per load too: 100,000 hook names share one module file.
  const resolveModule: ModuleResolver = (ep) => {
    const { resolved } = current();
    const key = `${ep.directory}\0${ep.module}`;
    let file = resolved.get(key);
    if (file === undefined) {
      try {
        file = options.resolveModule(ep);
      } catch (error) {
        file = error as Error;
      }
      resolved.set(key, file);
    }
    if (typeof file !== "string") throw file;
    return file;
  };
  const context = { root: options.root, resolveModule, pin };
  return {
    path,
    check(ep) {
      const identity = identityOf(ep);
      const entry = index.get(lockKey(ep.group, ep.name, identity));
      const result = differenceOf(ep, entry, lock.packages[identity], context);
      saveSoon();
      if (isDifference(result)) {
        return { allowed: false, problem: lockProblem(result, path), detail: result.detail };
      }
      return { allowed: true, file: result.file, guard: compileGuard(result.pinned, path) };
    },
  };
}

/** The gate of a lock that cannot be used: it refuses everything, saying why. */
function refuseAll(path: string, error: unknown): LockGate {
  const code = (error as NodeJS.ErrnoException).code;
  const invalid = error instanceof PlughooksError;
  const detail = invalid
    ? error.message
    : code === "ENOENT"
      ? `the required lock file ${path} does not exist`
      : `lock file ${path} cannot be read (${code ?? (error as Error).message})`;
  return {
    path,
    check: (ep) => ({
      allowed: false,
      // Its own code: the entry point is refused because the lock is unusable, not changed.
      problem: problem(
        invalid
          ? "ERR_LOCK_INVALID"
          : code === "ENOENT"
            ? "ERR_LOCK_FILE_MISSING"
            : "ERR_LOCK_UNREADABLE",
        siteOf(ep),
        `refused: ${detail}`,
        error,
      ),
      detail,
    }),
  };
}
