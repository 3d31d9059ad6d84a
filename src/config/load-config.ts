import { PlughooksError } from "../errors/index.js";
import {
  type Environment,
  type LockFromEnvironment,
  readEnvironment,
  userCacheDirectory,
} from "./environment.js";

/** The `lock` option: `true` requires the default lock, a string requires that file. */
export type LockOption = boolean | string;

/** The options that decide what may load, as `createHooks` takes them. */
export interface LoadOptions {
  readonly allow?: readonly string[] | undefined;
  readonly deny?: readonly string[] | undefined;
  readonly lock?: LockOption | undefined;
  readonly index?: boolean | undefined;
  readonly strict?: boolean | undefined;
}

/** What decides discovery and loading: the options merged with the environment, once. */
export interface LoadConfig {
  /** Packages (by identity) that may load; `undefined` means every package. */
  readonly allow: ReadonlySet<string> | undefined;
  /** Packages (by identity) that never load, nor are imported. */
  readonly deny: ReadonlySet<string>;
  /**
   * The lock, with `PLUGHOOKS_LOCK` already merged: `undefined` uses the default lock file
   * when it exists, `false` ignores it, `true` requires it, a string requires that file.
   */
  readonly lock: LockOption | undefined;
  /** Whether discovery may use its on-disk index. */
  readonly index: boolean;
  readonly strict: boolean;
  /** The environment the variables were read from. */
  readonly env: Environment;
  /** The user cache folder, from `env` (computed on first use), or `undefined`: none. */
  readonly cacheDirectory: () => string | undefined;
}

/**
 * Merges the options with the `PLUGHOOKS_*` variables of `env`: deny lists merge, an allow
 * list from either restricts (with two, a package must be in both), strict and a required
 * lock from either side win, the index is off when either side says so.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_INVALID_OPTION` for a value it cannot read.
 *
 * @example
 * ```ts
 * const config = resolveLoadConfig({ deny: ["acme-billing"] }, { PLUGHOOKS_LOCK: "no" });
 * config.lock; // false
 * ```
 */
export function resolveLoadConfig(options: LoadOptions, env: Environment): LoadConfig {
  const fromEnv = readEnvironment(env);
  let allow: Set<string> | undefined =
    options.allow === undefined ? undefined : new Set(options.allow);
  if (fromEnv.allow !== undefined) {
    const inCode = allow;
    allow = new Set(
      inCode === undefined ? fromEnv.allow : fromEnv.allow.filter((name) => inCode.has(name)),
    );
  }
  let cache: { dir: string | undefined } | undefined;
  return {
    allow,
    deny: new Set([...(options.deny ?? []), ...(fromEnv.deny ?? [])]),
    lock: mergeLock(checkLock(options.lock), fromEnv.lock),
    index: options.index !== false && fromEnv.index !== false,
    strict: options.strict === true || fromEnv.strict === true,
    env,
    cacheDirectory: () => {
      if (cache === undefined) cache = { dir: userCacheDirectory(env) };
      return cache.dir;
    },
  };
}

function checkLock(lock: unknown): LockOption | undefined {
  if (lock === undefined || typeof lock === "boolean") return lock;
  if (typeof lock === "string" && lock.trim() !== "") return lock;
  throw new PlughooksError(
    "ERR_INVALID_OPTION",
    `"lock" must be true, false or a lock file path, not ${JSON.stringify(lock)}`,
  );
}

/**
 * The lock option and `PLUGHOOKS_LOCK` as one option. Requiring wins over ignoring,
 * whichever side says it (an operator can always enforce a lock from the environment); a
 * path from the environment wins over a path in code.
 */
function mergeLock(
  option: LockOption | undefined,
  fromEnv: LockFromEnvironment | undefined,
): LockOption | undefined {
  if (fromEnv?.kind === "require") {
    return fromEnv.path ?? (typeof option === "string" ? option : true);
  }
  if (option === true || typeof option === "string") return option;
  if (option === false || fromEnv?.kind === "off") return false;
  return undefined;
}
