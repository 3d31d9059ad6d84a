// The one place the CLI touches the library's layers: if a layer's API moves, only this
// file changes. The library never imports anything from src/cli/.
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { entryPoints } from "../entry-points/index.js";
import type { EntryPoint, EntryPointsResult } from "../entry-points/types.js";
import type { Problem } from "../errors/index.js";
import { createHooks } from "../hooks/index.js";
import type { LoadReport } from "../hooks/types.js";
import { loadEntryPoint, resolveModuleFile } from "../loading/index.js";
import { LOCK_FILE_NAME, type ModuleResolver, resolveLockPolicy } from "../lock/index.js";
import { UsageError } from "./exit-codes.js";

export { resolveSettings } from "../hooks/settings.js";
export type { EntryPoint, EntryPointsResult, LoadReport, Problem };

/** The `--root` option as the library wants it: a directory, relative to the working directory. */
export function rootOption(root: string | undefined, cwd: string): string {
  const directory = resolve(cwd, root ?? ".");
  if (root !== undefined && !statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--root ${root}: no such directory`);
  }
  return directory;
}

/** Discovery: every entry point installed for the application at `root`, without loading. */
export function discover(root: string, group?: string): EntryPointsResult {
  const found = entryPoints(group === undefined ? { root } : { root, group });
  // Discovery falls back to the folder itself; for a command that is a wrong directory.
  if (!statSync(join(found.root, "package.json"), { throwIfNoEntry: false })?.isFile()) {
    throw new UsageError(`no package.json at or above ${root}`);
  }
  return found;
}

/** Loads every hook of `group` (or only `names`) the way the application would. */
export function loadGroup(
  root: string,
  group: string,
  env: Readonly<Record<string, string | undefined>>,
  names?: readonly string[],
): Promise<LoadReport> {
  // The CLI reports problems itself: a silent logger keeps stderr to one line per problem.
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  // Not strict even under PLUGHOOKS_STRICT=1: the CLI reports every problem rather than throw.
  const lenient = { ...env, PLUGHOOKS_STRICT: undefined };
  const hooks = createHooks({ group, root, env: lenient, logger: quiet, strict: false });
  return stdoutToStderr(() => hooks.load(names));
}

/**
 * Runs `load` with anything written to standard output sent to standard error instead: a
 * plugin that logs while it loads must not corrupt `--json` output or the tables.
 */
async function stdoutToStderr<T>(load: () => T | Promise<T>): Promise<T> {
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
export function defaultLockPath(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const policy = resolveLockPolicy(undefined, env, root);
  return policy.mode === "off" ? resolve(root, LOCK_FILE_NAME) : policy.path;
}
