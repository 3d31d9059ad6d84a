import { readFileSync } from "node:fs";
import type { EntryPoint } from "../entry-points/types.js";
import { PlughooksError, type Problem, problem } from "../errors/index.js";
import { compareWithLock, lockProblem, type ModuleResolver } from "./compare.js";
import { type LockFile, parseLock } from "./format.js";
import { type LockOption, resolveLockPolicy } from "./policy.js";

/** Options of {@link applyLock}. */
export interface ApplyLockOptions {
  /** The application root (real path). */
  readonly root: string;
  /** Only entry points of this group are checked (and returned). */
  readonly group?: string;
  /** The `lock` option of `createHooks`. */
  readonly lock?: LockOption;
  /** Where `PLUGHOOKS_LOCK` is read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Finds the module file of an entry point, without importing it. */
  readonly resolveModule: ModuleResolver;
}

/** What {@link applyLock} decided. */
export interface AppliedLock {
  /** The entry points that may be loaded. */
  readonly entryPoints: readonly EntryPoint[];
  /** One `ERR_PLUGIN_LOCKED_OUT` problem per refused entry point. */
  readonly problems: readonly Problem[];
  /** The lock file that was applied, if any. */
  readonly lockPath?: string;
}

/**
 * The lock check that runs before anything is imported: keeps the entry points the lock
 * approves and refuses the others with what differs. With no lock in force it returns the
 * entry points unchanged at the cost of one failed `open`. A lock that is required but
 * missing, or that cannot be parsed, refuses everything: it fails closed.
 *
 * @example
 * ```ts
 * const gate = applyLock(found.entryPoints, { root: found.root, group, env: process.env, resolveModule });
 * for (const p of gate.problems) logger.error(p.message);
 * load(gate.entryPoints);
 * ```
 */
export function applyLock(
  entryPoints: readonly EntryPoint[],
  options: ApplyLockOptions,
): AppliedLock {
  const policy = resolveLockPolicy(options.lock, options.env, options.root);
  if (policy.mode === "off") return { entryPoints, problems: [] };
  const inScope =
    options.group === undefined
      ? entryPoints
      : entryPoints.filter((ep) => ep.group === options.group);

  let lock: LockFile;
  try {
    // Reading directly (no existsSync first) makes the no-lock case one syscall.
    lock = parseLock(readFileSync(policy.path, "utf8"), policy.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && policy.mode === "auto") return { entryPoints, problems: [] };
    const why =
      error instanceof PlughooksError
        ? error.message
        : `lock file ${policy.path} cannot be read (${code ?? (error as Error).message})`;
    const problems = inScope.map((ep) =>
      problem(
        "ERR_PLUGIN_LOCKED_OUT",
        {
          package: ep.package,
          directory: ep.directory,
          group: ep.group,
          entryPoint: ep.name,
          reference: ep.reference,
        },
        `refused: ${why}`,
        error,
      ),
    );
    return { entryPoints: [], problems, lockPath: policy.path };
  }

  const comparison = compareWithLock(inScope, lock, {
    root: options.root,
    resolveModule: options.resolveModule,
    ...(options.group === undefined ? {} : { group: options.group }),
  });
  const problems = comparison.differences
    .filter((d) => d.kind !== "missing")
    .map((d) => lockProblem(d, policy.path));
  return { entryPoints: comparison.matched, problems, lockPath: policy.path };
}
