import { resolve } from "node:path";
import { lockVariable } from "../config/environment.js";

/** The lock file's name in the application root. */
export const LOCK_FILE_NAME = "plughooks.lock.json";

/** The `lock` option of `createHooks`: see {@link resolveLockPolicy}. */
export type LockOption = boolean | string;

/** Whether and where a lock applies. */
export type LockPolicy =
  | { readonly mode: "off" }
  /** Use the lock if the file exists (the default). */
  | { readonly mode: "auto"; readonly path: string }
  /** The lock must exist; without it nothing loads. */
  | { readonly mode: "required"; readonly path: string };

type Setting = { kind: "off" } | { kind: "require"; path?: string } | undefined;

function fromOption(option: LockOption | undefined): Setting {
  if (option === undefined) return undefined;
  if (option === false) return { kind: "off" };
  if (option === true) return { kind: "require" };
  return { kind: "require", path: option };
}

// PLUGHOOKS_LOCK is parsed by src/config, the one reader of PLUGHOOKS_* variables.
function fromEnv(env: Readonly<Record<string, string | undefined>>): Setting {
  const setting = lockVariable(env);
  if (setting === undefined || setting.kind === "off") return setting;
  return setting.path === undefined ? { kind: "require" } : { kind: "require", path: setting.path };
}

/**
 * Decides whether a lock applies, from the `lock` option and `PLUGHOOKS_LOCK`. Without either,
 * `<root>/plughooks.lock.json` is used when it exists. `true` (or `1`) requires that file, a
 * string requires the file at that path (relative paths are relative to the root), `false`
 * (or `0`) ignores a present lock. Requiring wins over ignoring, whichever side says it, so
 * an operator can always enforce a lock from the environment; a path from the environment
 * wins over a path in code.
 *
 * @example
 * ```ts
 * resolveLockPolicy(undefined, { PLUGHOOKS_LOCK: "1" }, "/srv/app");
 * // { mode: "required", path: "/srv/app/plughooks.lock.json" }
 * ```
 */
export function resolveLockPolicy(
  option: LockOption | undefined,
  env: Readonly<Record<string, string | undefined>>,
  root: string,
): LockPolicy {
  const fromCode = fromOption(option);
  const fromEnvironment = fromEnv(env);
  const defaultPath = resolve(root, LOCK_FILE_NAME);
  if (fromCode?.kind === "require" || fromEnvironment?.kind === "require") {
    const path =
      (fromEnvironment?.kind === "require" ? fromEnvironment.path : undefined) ??
      (fromCode?.kind === "require" ? fromCode.path : undefined);
    return { mode: "required", path: path === undefined ? defaultPath : resolve(root, path) };
  }
  if (fromCode?.kind === "off" || fromEnvironment?.kind === "off") return { mode: "off" };
  return { mode: "auto", path: defaultPath };
}

/**
 * Whether the lock code has anything to do: `false` when no lock applies (off, or the
 * default file is absent). This module imports neither the rest of `src/lock` nor
 * node:crypto, so a load manager can ask it first and load the lock code only when the
 * answer is `true`: importing plughooks in an application without a lock costs no hashing
 * code. A required lock always applies (missing, it refuses everything).
 *
 * @example
 * ```ts
 * const policy = resolveLockPolicy(options.lock, env, root);
 * const gate = lockApplies(policy) ? (await import("./lock/index.js")).openLockGate(...) : undefined;
 * ```
 */
export function lockApplies(policy: LockPolicy): boolean {
  if (policy.mode !== "auto") return policy.mode === "required";
  // lstat: a dangling symlink or a FIFO at the lock's path is "present" and is refused by
  // the gate, never taken for "no lock".
  return (
    process.getBuiltinModule("node:fs").lstatSync(policy.path, { throwIfNoEntry: false }) !==
    undefined
  );
}
