import { PlughooksError } from "../errors/index.js";
import { defaultLogger, safeLogger } from "./logger.js";
import type { CreateHooksOptions, Logger } from "./types.js";

/** The options of {@link createHooks} merged with the `PLUGHOOKS_*` environment variables. */
export interface Settings {
  readonly group: string;
  readonly root: string | URL | undefined;
  readonly logger: Logger;
  readonly strict: boolean;
  /** Packages that may load; `undefined` means every package. */
  readonly allow: ReadonlySet<string> | undefined;
  readonly deny: ReadonlySet<string>;
  readonly codegen: boolean;
  /** Whether discovery may use its on-disk index. */
  readonly index: boolean;
  /** Milliseconds to wait for a hook's promise; `undefined` means no timeout. */
  readonly hookTimeout: number | undefined;
  /** The `lock` option as given; `PLUGHOOKS_LOCK` is merged when the root is known. */
  readonly lock: boolean | string | undefined;
  /** Where `PLUGHOOKS_*` variables are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Validates the options and merges the environment: `PLUGHOOKS_STRICT=1` turns strict mode
 * on, deny lists merge, an allow list from either source restricts (a package must be in
 * each given list), `PLUGHOOKS_CODEGEN=0` turns code generation off, `PLUGHOOKS_HOOK_TIMEOUT`
 * sets (or shortens) the hook timeout.
 */
export function resolveSettings(options: CreateHooksOptions): Settings {
  if (typeof options !== "object" || options === null) {
    throw new PlughooksError(
      "ERR_INVALID_OPTION",
      "createHooks() needs an options object with a group",
    );
  }
  if (typeof options.group !== "string" || options.group.trim() === "") {
    throw new PlughooksError(
      "ERR_INVALID_OPTION",
      'createHooks() needs a non-empty "group", such as "nova.hooks"',
    );
  }
  const env = options.env ?? process.env;
  const allowFromEnv = listFrom(env.PLUGHOOKS_ALLOW);
  let allow: Set<string> | undefined =
    options.allow === undefined ? undefined : new Set(options.allow);
  if (allowFromEnv !== undefined) {
    allow =
      allow === undefined
        ? new Set(allowFromEnv)
        : new Set(allowFromEnv.filter((name) => allow?.has(name)));
  }
  return {
    group: options.group,
    root: options.root,
    logger: safeLogger(options.logger ?? defaultLogger),
    strict: options.strict === true || isOn(env.PLUGHOOKS_STRICT),
    allow,
    deny: new Set([...(options.deny ?? []), ...(listFrom(env.PLUGHOOKS_DENY) ?? [])]),
    codegen: options.codegen !== false && !isOff(env.PLUGHOOKS_CODEGEN),
    index: options.index !== false && !isOff(env.PLUGHOOKS_INDEX),
    hookTimeout: resolveHookTimeout(options.hookTimeout, env.PLUGHOOKS_HOOK_TIMEOUT),
    lock: checkLock(options.lock),
    env,
  };
}

function checkLock(lock: unknown): boolean | string | undefined {
  if (lock === undefined || typeof lock === "boolean") return lock;
  if (typeof lock === "string" && lock.trim() !== "") return lock;
  throw new PlughooksError(
    "ERR_INVALID_OPTION",
    `"lock" must be true, false or a lock file path, not ${JSON.stringify(lock)}`,
  );
}

// setTimeout's limit: a longer delay would silently become 1 ms.
const MAX_TIMEOUT = 2_147_483_647;

/**
 * `hookTimeout` and `PLUGHOOKS_HOOK_TIMEOUT` (ms): `0` or unset is no timeout; when both are
 * set, the shorter wins, so neither the application nor the operator can lengthen the other's.
 */
function resolveHookTimeout(option: unknown, fromEnv: string | undefined): number | undefined {
  const check = (value: unknown, source: string): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_TIMEOUT) {
      throw new PlughooksError(
        "ERR_INVALID_OPTION",
        `${source} must be a number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT}, not ${String(value)}`,
      );
    }
    return value === 0 ? undefined : value;
  };
  const a = check(option, '"hookTimeout"');
  const b = check(
    fromEnv === undefined || fromEnv.trim() === "" ? undefined : Number(fromEnv.trim()),
    `PLUGHOOKS_HOOK_TIMEOUT=${JSON.stringify(fromEnv)}`,
  );
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** A comma-separated `PLUGHOOKS_*` list, or `undefined` when unset or blank. */
export const listFrom = (value: string | undefined): string[] | undefined =>
  value === undefined || value.trim() === ""
    ? undefined
    : value
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== "");

const isOn = (value: string | undefined) =>
  value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
const isOff = (value: string | undefined) =>
  value !== undefined && /^(0|false|no|off)$/i.test(value.trim());
