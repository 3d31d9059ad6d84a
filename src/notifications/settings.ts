import { listFrom } from "../config/environment.js";
import { PlughooksError } from "../errors/index.js";
import { resolveSettings } from "../hooks/settings.js";
import type { Logger } from "../hooks/types.js";
import type { DriverLoadSettings } from "./drivers/load-drivers.js";
import { DRIVER_GROUP, type NotificationDriver } from "./drivers/types.js";
import { redact } from "./redact.js";

/** The environment variables notifications read, besides the common `PLUGHOOKS_*` ones. */
export const NOTIFICATION_ENV = {
  drivers: "PLUGHOOKS_NOTIFICATION_DRIVERS",
  url: "PLUGHOOKS_NOTIFICATION_URL",
  invalid: "PLUGHOOKS_NOTIFICATION_INVALID",
} as const;

/** What to do with a payload that does not match its schema. */
export type InvalidPayloadPolicy = "throw" | "drop";

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
export interface NotificationSettings extends DriverLoadSettings {
  readonly logger: Logger;
  readonly strict: boolean;
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
 * index are read by the same code as for hooks.
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
  const common = resolveSettings({ ...options, group: DRIVER_GROUP });
  const env = common.env;
  const logger = redactingLogger(common.logger);
  const fromEnv = listFrom(env[NOTIFICATION_ENV.drivers]);
  const drivers = fromEnv ?? options.drivers ?? ["noop"];
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
  const url = nonBlank(env[NOTIFICATION_ENV.url]) ?? options.url;
  const invalidText = nonBlank(env[NOTIFICATION_ENV.invalid]);
  const invalidPayload =
    invalidText ?? options.invalidPayload ?? (env.NODE_ENV === "production" ? "drop" : "throw");
  if (invalidPayload !== "throw" && invalidPayload !== "drop") {
    throw new PlughooksError(
      "ERR_INVALID_OPTION",
      `${invalidText === undefined ? '"invalidPayload"' : NOTIFICATION_ENV.invalid} must be "throw" or "drop", not ${JSON.stringify(invalidPayload)}`,
    );
  }
  return {
    root: common.root,
    allow: common.allow,
    deny: common.deny,
    lock: common.lock,
    index: common.index,
    env,
    logger,
    strict: common.strict,
    drivers,
    url,
    invalidPayload,
  };
}

const nonBlank = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? undefined : value.trim();

/** A logger whose every line goes through `redact`: no driver can leak a password by mistake. */
export function redactingLogger(logger: Logger): Logger {
  return {
    debug: (m) => logger.debug(redact(m)),
    info: (m) => logger.info(redact(m)),
    warn: (m) => logger.warn(redact(m)),
    error: (m) => logger.error(redact(m)),
  };
}
