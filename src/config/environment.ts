import { isAbsolute, join } from "node:path";
import { PlughooksError } from "../errors/index.js";

/** An environment to read variables from: `process.env`, or what `createHooks` was given. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What `PLUGHOOKS_LOCK` asks for. */
export type LockFromEnvironment =
  | { readonly kind: "off" }
  | { readonly kind: "require"; readonly path?: string };

/**
 * Every `PLUGHOOKS_*` variable, parsed. `undefined` means "not set" (or set to an empty
 * string), so that the options given in code apply.
 */
export interface EnvironmentConfig {
  /** `PLUGHOOKS_STRICT`. */
  readonly strict: boolean | undefined;
  /** `PLUGHOOKS_ALLOW=a,b`. */
  readonly allow: readonly string[] | undefined;
  /** `PLUGHOOKS_DENY=a,b`. */
  readonly deny: readonly string[] | undefined;
  /** `PLUGHOOKS_CODEGEN`. */
  readonly codegen: boolean | undefined;
  /** `PLUGHOOKS_INDEX`. */
  readonly index: boolean | undefined;
  /** `PLUGHOOKS_HOOK_TIMEOUT` in ms; `0` means "no timeout". */
  readonly hookTimeout: number | undefined;
  /** `PLUGHOOKS_LOCK`: `1`/`true`/`on`/`yes`, `0`/`false`/`off`/`no`, or a path. */
  readonly lock: LockFromEnvironment | undefined;
}

/**
 * The variables {@link readEnvironment} and `notificationVariables` read: the only
 * `PLUGHOOKS_*` names there are.
 */
export const ENVIRONMENT_VARIABLES = [
  "PLUGHOOKS_STRICT",
  "PLUGHOOKS_ALLOW",
  "PLUGHOOKS_DENY",
  "PLUGHOOKS_CODEGEN",
  "PLUGHOOKS_INDEX",
  "PLUGHOOKS_HOOK_TIMEOUT",
  "PLUGHOOKS_LOCK",
  "PLUGHOOKS_NOTIFICATION_DRIVERS",
  "PLUGHOOKS_NOTIFICATION_URL",
  "PLUGHOOKS_NOTIFICATION_INVALID",
  "PLUGHOOKS_NOTIFICATION_ROUTING",
] as const;

const ON = /^(1|true|yes|on)$/i;
const OFF = /^(0|false|no|off)$/i;

/** setTimeout's limit: a longer delay would silently become 1 ms. */
const MAX_TIMEOUT = 2_147_483_647;

/**
 * Reads every `PLUGHOOKS_*` variable from `env`, once, by one set of rules: a switch is
 * `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off` (any case), a list is comma-separated.
 * A value it cannot understand is refused with `ERR_INVALID_OPTION` naming the variable,
 * rather than guessed at.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_INVALID_OPTION`.
 */
export function readEnvironment(env: Environment): EnvironmentConfig {
  return {
    strict: switchFrom(env, "PLUGHOOKS_STRICT"),
    allow: listFrom(env.PLUGHOOKS_ALLOW),
    deny: listFrom(env.PLUGHOOKS_DENY),
    codegen: switchFrom(env, "PLUGHOOKS_CODEGEN"),
    index: switchFrom(env, "PLUGHOOKS_INDEX"),
    hookTimeout: timeoutFrom(env.PLUGHOOKS_HOOK_TIMEOUT),
    lock: lockFrom(env.PLUGHOOKS_LOCK),
  };
}

function switchFrom(env: Environment, name: string): boolean | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === "") return undefined;
  if (ON.test(value)) return true;
  if (OFF.test(value)) return false;
  throw new PlughooksError(
    "ERR_INVALID_OPTION",
    `${name}=${JSON.stringify(value)} is neither on (1, true, yes, on) nor off (0, false, no, off)`,
  );
}

/** A comma-separated list: names trimmed, empty ones dropped; blank is `undefined`. */
export function listFrom(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

function timeoutFrom(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === "") return undefined;
  return checkTimeout(Number(text), `PLUGHOOKS_HOOK_TIMEOUT=${JSON.stringify(value)}`);
}

/** A hook timeout in ms, checked: `0` is "no timeout". */
export function checkTimeout(value: unknown, source: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_TIMEOUT) {
    throw new PlughooksError(
      "ERR_INVALID_OPTION",
      `${source} must be a number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT}, not ${String(value)}`,
    );
  }
  return value;
}

/** `PLUGHOOKS_LOCK` of `env`, parsed (for the lock module, which must not parse it again). */
export function lockVariable(env: Environment): LockFromEnvironment | undefined {
  return lockFrom(env.PLUGHOOKS_LOCK);
}

/** `PLUGHOOKS_INDEX` of `env`: `false` when it turns the index off. Never throws. */
export function indexVariable(env: Environment): boolean | undefined {
  try {
    return switchFrom(env, "PLUGHOOKS_INDEX");
  } catch {
    return false; // a value that means neither: the index is evidence, do without it
  }
}

function lockFrom(value: string | undefined): LockFromEnvironment | undefined {
  const text = value?.trim();
  if (text === undefined || text === "") return undefined;
  if (OFF.test(text)) return { kind: "off" };
  if (ON.test(text)) return { kind: "require" };
  return { kind: "require", path: text };
}

/**
 * The user cache folder, from `env` only: `$XDG_CACHE_HOME` when it is an absolute path (the
 * XDG rule: a relative one is ignored), else `$HOME/.cache`, else the home folder of the
 * account in the system's user database. `undefined` when there is none: an unknown uid with
 * no `HOME` (containers), or a runtime that forbids asking (Deno without `--allow-sys`).
 * Never throws.
 */
export function userCacheDirectory(env: Environment): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  const home = env.HOME;
  if (home !== undefined && isAbsolute(home)) return join(home, ".cache");
  try {
    // On first use only: node:os is not worth loading at import for this fallback.
    const os = process.getBuiltinModule("node:os");
    const dir = os.userInfo().homedir;
    return typeof dir === "string" && isAbsolute(dir) ? join(dir, ".cache") : undefined;
  } catch {
    return undefined; // no such user, or not allowed to ask: no user cache
  }
}
