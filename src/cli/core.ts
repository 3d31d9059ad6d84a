// The one place the CLI touches the library's layers: if a layer's API moves, only this
// file changes. The library never imports anything from src/cli/.
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Environment, type LoadConfig, resolveLoadConfig } from "../config/index.js";
import type { EntryPoint } from "../entry-points/types.js";
import type { Problem, Warning } from "../errors/index.js";
import { warning } from "../errors/index.js";
import {
  createLoadManager,
  type Discovered,
  loadEntryPoint,
  resolveModuleFile,
} from "../loading/index.js";
import { separatePlughooksCopy } from "../loading/plughooks-copy.js";
import { siteOf } from "../loading/resolve-module.js";
import { LOCK_FILE_NAME, type ModuleResolver } from "../lock/index.js";
import { UsageError } from "./exit-codes.js";

export type { Discovered, EntryPoint, Problem, Warning };
/** Where an entry point is, as problems name it (the loading layer's one description). */
export { siteOf };

/** The `--root` option as the library wants it: a directory, relative to the working directory. */
export function rootOption(root: string | undefined, cwd: string): string {
  const directory = resolve(cwd, root ?? ".");
  if (root !== undefined && !statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--root ${root}: no such directory`);
  }
  return directory;
}

/**
 * The configuration the CLI applies: the application's, from the environment only (the CLI
 * cannot see options set in code). Never strict: the CLI reports every problem rather than
 * throw on the first.
 */
function cliConfig(env: Environment): LoadConfig {
  // Read whole, as createHooks reads it: a value the application refuses is refused here too.
  return { ...resolveLoadConfig({}, env), strict: false };
}

/**
 * The application at `root` as the runtime would see it, discovered once for the whole
 * command through the library's load manager: identity, allow/deny and the lock applied.
 */
export function openApp(root: string, env: Environment, group?: string): Discovered {
  const found = createLoadManager({ root, group, config: cliConfig(env) }).discover();
  // Discovery falls back to the folder itself; for a command that is a wrong directory.
  if (!statSync(join(found.root, "package.json"), { throwIfNoEntry: false })?.isFile()) {
    throw new UsageError(`no package.json at or above ${root}`);
  }
  return found;
}

/** What loading some entry points produced, as the application would load them. */
export interface LoadResult {
  readonly loaded: readonly {
    readonly entryPoint: EntryPoint;
    readonly hasPre: boolean;
    readonly hasPost: boolean;
  }[];
  readonly skipped: readonly { readonly entryPoint: EntryPoint; readonly reason: string }[];
  readonly problems: readonly Problem[];
}

/** Loads `entryPoints` of `found` through the same manager calls the runtime makes. */
export function loadEntryPoints(
  found: Discovered,
  entryPoints: readonly EntryPoint[],
): Promise<LoadResult> {
  return stdoutToStderr(async () => {
    await found.preload(entryPoints);
    const loaded: LoadResult["loaded"][number][] = [];
    const skipped: LoadResult["skipped"][number][] = [];
    const problems: Problem[] = [];
    for (const entryPoint of entryPoints) {
      const outcome = found.load(entryPoint);
      if (outcome.ok) {
        const { hasPre, hasPost } = outcome.instance;
        loaded.push({ entryPoint, hasPre, hasPost });
      } else if (!("refused" in outcome)) problems.push(outcome.problem);
      else if (outcome.refused.status === "locked-out") problems.push(outcome.refused.problem);
      else skipped.push({ entryPoint, reason: outcome.refused.status });
    }
    return { loaded, skipped, problems };
  });
}

/**
 * Runs `load` with anything written to standard output sent to standard error instead: a
 * plugin that logs while it loads must not corrupt `--json` output or the tables.
 */
export async function stdoutToStderr<T>(load: () => T | Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof write;
  try {
    return await load();
  } finally {
    process.stdout.write = write;
  }
}

/** The loaded object of one entry point, or the problem that stopped it. */
export type LoadOutcome =
  | { readonly ok: true; readonly hasPre: boolean; readonly hasPost: boolean }
  | { readonly ok: false; readonly problem: Problem };

/** Loads one entry point (for `check`, which has no application around the plugin). */
export async function loadOne(entryPoint: EntryPoint): Promise<LoadOutcome> {
  const outcome = await stdoutToStderr(() => loadEntryPoint(entryPoint));
  if (!outcome.ok) return { ok: false, problem: outcome.problem };
  return { ok: true, hasPre: outcome.instance.hasPre, hasPost: outcome.instance.hasPost };
}

/** The module file an entry point loads, found without importing it (for the lock). */
export const resolveModule: ModuleResolver = (entryPoint) => resolveModuleFile(entryPoint);

/**
 * A warning per plugin package that resolves another copy of plughooks than the
 * application: its errors, types and state are another copy's.
 */
export function separateCopyWarnings(found: Discovered): Warning[] {
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const ep of found.entryPoints) {
    if (seen.has(ep.directory) || ep.directory === found.root) continue;
    seen.add(ep.directory);
    const copies = separatePlughooksCopy(ep.directory, found.root);
    if (copies === undefined) continue;
    warnings.push(
      warning(
        "WARN_SEPARATE_PLUGHOOKS_COPY",
        { package: ep.package, directory: ep.directory },
        `resolves its own copy of plughooks (${copies.plugin}), not the application's (${copies.application}); make plughooks a peerDependency (and a devDependency) of the plugin, not a dependency, and do not bundle it`,
      ),
    );
  }
  return warnings;
}

/**
 * The lock file `lock` and `verify` work on: the one given on the command line (relative to
 * the working directory), else the application's default ({@link defaultLockPath}).
 */
export function lockPath(
  explicit: string | undefined,
  root: string,
  io: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> },
): string {
  return explicit === undefined ? defaultLockPath(root, io.env) : resolve(io.cwd, explicit);
}

/**
 * The lock file the application would use, for `lock` and `verify` without an explicit path:
 * the path in `PLUGHOOKS_LOCK` when it holds one, else `<root>/plughooks.lock.json`.
 */
function defaultLockPath(root: string, env: Environment): string {
  const lock = cliConfig(env).lock;
  return resolve(root, typeof lock === "string" ? lock : LOCK_FILE_NAME);
}
