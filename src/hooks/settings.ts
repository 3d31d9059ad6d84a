import {
  checkTimeout,
  type LoadConfig,
  readEnvironment,
  resolveLoadConfig,
} from "../config/index.js";
import { PlughooksError } from "../errors/index.js";
import { defaultLogger, safeLogger } from "./logger.js";
import type { CreateHooksOptions, Logger } from "./types.js";

/** The options of {@link createHooks} merged with the `PLUGHOOKS_*` environment variables. */
export interface Settings extends LoadConfig {
  readonly group: string;
  readonly root: string | URL | undefined;
  readonly logger: Logger;
  readonly codegen: boolean;
  /** Milliseconds to wait for a hook's promise; `undefined` means no timeout. */
  readonly hookTimeout: number | undefined;
}

/**
 * Validates the options and merges the environment (read by `src/config`, the one reader of
 * `PLUGHOOKS_*` variables): see `resolveLoadConfig` for allow, deny, lock, index and strict;
 * `PLUGHOOKS_CODEGEN=0` turns code generation off, `PLUGHOOKS_HOOK_TIMEOUT` sets (or
 * shortens) the hook timeout.
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
  const fromEnv = readEnvironment(env);
  return {
    ...resolveLoadConfig(options, env),
    group: options.group,
    root: options.root,
    logger: safeLogger(options.logger ?? defaultLogger),
    codegen: options.codegen !== false && fromEnv.codegen !== false,
    hookTimeout: resolveHookTimeout(options.hookTimeout, fromEnv.hookTimeout),
  };
}

/**
 * `hookTimeout` and `PLUGHOOKS_HOOK_TIMEOUT` (ms): `0` or unset is no timeout; when both are
 * set, the shorter wins, so neither the application nor the operator can lengthen the other's.
 */
function resolveHookTimeout(option: unknown, fromEnv: number | undefined): number | undefined {
  const a = option === undefined ? undefined : checkTimeout(option, '"hookTimeout"') || undefined;
  const b = fromEnv || undefined;
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
