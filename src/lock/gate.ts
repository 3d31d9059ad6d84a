import { fs } from "../builtins.js";
import type { EntryPoint } from "../entry-points/types.js";
import { PlughooksError, type Problem, problem } from "../errors/index.js";
import {
  differenceOf,
  indexLock,
  lockProblem,
  type ModuleResolver,
  packageJsonHasher,
} from "./compare.js";
import { lockKey, parseLock } from "./format.js";
import { type LockOption, resolveLockPolicy } from "./policy.js";

const { readFileSync } = fs;

/** Why the lock refuses an entry point. */
export interface LockRefusal {
  /** An `ERR_PLUGIN_LOCKED_OUT` problem naming the package, entry point, lock and change. */
  readonly problem: Problem;
  /** What differs, in words: `"new plugin"`, `"changed file (...)"`... */
  readonly detail: string;
}

/** The lock's answer for one entry point. */
export type LockVerdict =
  | {
      readonly allowed: true;
      /**
       * The module file whose hash matched, when a lock is in force: import exactly this file
       * (no second resolution that could land elsewhere, and no second resolution cost).
       */
      readonly file?: string;
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
}

const ALLOWED: LockVerdict = { allowed: true };
const OPEN: LockGate = { path: undefined, check: () => ALLOWED };

/**
 * Reads the lock that applies to an application (see `resolveLockPolicy`) and returns the
 * check to run before each import. With no lock in force this costs one failed `open`. A
 * lock that is required but missing, or that cannot be parsed, refuses every entry point:
 * the gate fails closed.
 *
 * @example
 * ```ts
 * const gate = openLockGate({ root: found.root, env: process.env, resolveModule: resolveModuleFile });
 * const verdict = gate.check(entryPoint);
 * if (!verdict.allowed) logger.error(verdict.problem.message); // never imported
 * else loadEntryPoint(entryPoint, verdict.file);
 * ```
 */
export function openLockGate(options: LockGateOptions): LockGate {
  const policy = resolveLockPolicy(options.lock, options.env, options.root);
  if (policy.mode === "off") return OPEN;
  const path = policy.path;
  let index: ReturnType<typeof indexLock>;
  try {
    // Reading directly (no existsSync first) makes the no-lock case one syscall.
    index = indexLock(parseLock(readFileSync(path, "utf8"), path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && policy.mode === "auto") return OPEN;
    const detail =
      error instanceof PlughooksError
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
          code === "ENOENT" ? "ERR_LOCK_FILE_MISSING" : "ERR_INVALID_LOCK_FILE",
          siteOf(ep),
          `refused: ${detail}`,
          error,
        ),
        detail,
      }),
    };
  }
  // One package.json hash per package for the life of the gate (one discovery).
  const hashPackageJson = packageJsonHasher();
  return {
    path,
    check(ep) {
      let file: string | undefined;
      const resolveOnce = (entryPoint: EntryPoint) => {
        file = options.resolveModule(entryPoint);
        return file;
      };
      const difference = differenceOf(ep, index.get(lockKey(ep)), resolveOnce, hashPackageJson);
      if (difference === undefined) return file === undefined ? ALLOWED : { allowed: true, file };
      return { allowed: false, problem: lockProblem(difference, path), detail: difference.detail };
    },
  };
}

function siteOf(ep: EntryPoint) {
  return {
    package: ep.package,
    directory: ep.directory,
    group: ep.group,
    entryPoint: ep.name,
    reference: ep.reference,
  };
}
