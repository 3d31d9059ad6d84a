import {
  type InvalidPayloadPolicy,
  type LoadConfig,
  NOTIFICATION_VARIABLES,
  notificationVariables,
  resolveLoadConfig,
} from "../config/index.js";
import { PlughooksError } from "../errors/index.js";
import { defaultLogger, safeLogger } from "../hooks/logger.js";
import type { Logger } from "../hooks/types.js";
import type { NotificationDriver } from "./drivers/types.js";
import { redact } from "./redact.js";

export type { InvalidPayloadPolicy };

/**
 * The environment variables notifications read, besides the common `PLUGHOOKS_*` ones
 * (parsed by `src/config`, the one reader of `PLUGHOOKS_*` variables).
 */
export const NOTIFICATION_ENV = NOTIFICATION_VARIABLES;

/** The options every notification entry (notifier, listener) shares. */
export interface NotificationBaseOptions {
  /** Where drivers are discovered from, as `createHooks`'s `root`. */
  readonly root?: string | URL;
  /** Where plughooks reports; every line has credentials redacted. */
  readonly logger?: Logger;
  /** Fail `createNotifier` when a driver cannot load, instead of failing its sends. Also `PLUGHOOKS_STRICT=1`. */
  readonly strict?: boolean;
  /** Load drivers only from these packages; merged with `PLUGHOOKS_ALLOW` as for hooks. */
  readonly allow?: readonly string[];
  /** Never load drivers from these packages; merged with `PLUGHOOKS_DENY`. */
  readonly deny?: readonly string[];
  /** The plugin lock, as for hooks (`PLUGHOOKS_LOCK`): a driver package must be in it. */
  readonly lock?: boolean | string;
  /** Use the discovery index, as for hooks (`PLUGHOOKS_INDEX`). Default `true`. */
  readonly index?: boolean;
  /** The environment to read `PLUGHOOKS_*` variables from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The resolved settings of a notifier. */
export interface NotificationSettings {
  /** Where drivers are discovered from. */
  readonly root: string | URL | undefined;
  /** Allow, deny, lock, index, strict and the environment: exactly what hooks apply. */
  readonly config: LoadConfig;
  readonly logger: Logger;
  readonly drivers: readonly (string | NotificationDriver)[];
  readonly url: string | undefined;
  readonly invalidPayload: InvalidPayloadPolicy;
}

/**
 * Merges options and environment: `PLUGHOOKS_NOTIFICATION_DRIVERS` (a list) replaces the
 * `drivers` option, since where notifications go is the operator's call, as oslo's
 * `[oslo_messaging_notifications] driver` is; `PLUGHOOKS_NOTIFICATION_URL` replaces `url`;
 * `PLUGHOOKS_NOTIFICATION_INVALID=throw|drop` replaces `invalidPayload`, whose default is
 * `drop` when `NODE_ENV=production` and `throw` otherwise. Allow, deny, lock, strict and
 * index are merged by `resolveLoadConfig`, the same code as for hooks.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_INVALID_OPTION`.
 */
export function resolveNotificationSettings(
  options: NotificationBaseOptions & {
    readonly drivers?: readonly (string | NotificationDriver)[];
    readonly url?: string;
    readonly invalidPayload?: InvalidPayloadPolicy;
  },
): NotificationSettings {
  const env = options.env ?? process.env;
  const config = resolveLoadConfig(options, env);
  const fromEnv = notificationVariables(env);
  const drivers = fromEnv.drivers ?? options.drivers ?? ["noop"];
  for (const driver of drivers) {
    const ok =
      (typeof driver === "string" && driver.trim() !== "") ||
      (typeof driver === "object" && driver !== null && typeof driver.send === "function");
    if (!ok) {
      throw new PlughooksError(
        "ERR_INVALID_OPTION",
        `"drivers" must list driver names or driver objects, not ${JSON.stringify(driver)}`,
      );
    }
  }
  const invalidPayload =
    fromEnv.invalidPayload ??
    options.invalidPayload ??
    (env.NODE_ENV === "production" ? "drop" : "throw");
  if (invalidPayload !== "throw" && invalidPayload !== "drop") {
    throw new PlughooksError(
      "ERR_INVALID_OPTION",
      `"invalidPayload" must be "throw" or "drop", not ${JSON.stringify(invalidPayload)}`,
    );
  }
  return {
    root: options.root,
    config,
    logger: redactingLogger(safeLogger(options.logger ?? defaultLogger)),
    drivers,
    url: fromEnv.url ?? options.url,
    invalidPayload,
  };
}

/** A logger whose every line goes through `redact`: no driver can leak a password by mistake. */
export function redactingLogger(logger: Logger): Logger {
  return {
    debug: (m) => logger.debug(redact(m)),
    info: (m) => logger.info(redact(m)),
    warn: (m) => logger.warn(redact(m)),
    error: (m) => logger.error(redact(m)),
  };
}
