import { PlughooksError } from "../errors/index.js";
import { type Environment, listFrom } from "./environment.js";

/** What a notifier does with a payload that does not match its schema. */
export type InvalidPayloadPolicy = "throw" | "drop";

/** The `PLUGHOOKS_NOTIFICATION_*` variables, by what each sets. */
export const NOTIFICATION_VARIABLES = {
  drivers: "PLUGHOOKS_NOTIFICATION_DRIVERS",
  url: "PLUGHOOKS_NOTIFICATION_URL",
  invalid: "PLUGHOOKS_NOTIFICATION_INVALID",
  routing: "PLUGHOOKS_NOTIFICATION_ROUTING",
} as const;

/**
 * The `PLUGHOOKS_NOTIFICATION_*` variables, parsed. `undefined` means "not set" (or blank),
 * so that the options given in code apply.
 */
export interface NotificationVariables {
  /** `PLUGHOOKS_NOTIFICATION_DRIVERS=amqp,log`: driver names, in order. */
  readonly drivers: readonly string[] | undefined;
  /** `PLUGHOOKS_NOTIFICATION_URL`: the broker URL. It holds credentials: never print it. */
  readonly url: string | undefined;
  /** `PLUGHOOKS_NOTIFICATION_INVALID=throw|drop`. */
  readonly invalidPayload: InvalidPayloadPolicy | undefined;
  /** `PLUGHOOKS_NOTIFICATION_ROUTING`: the routing driver's file. */
  readonly routing: string | undefined;
}

/**
 * Reads the notification variables of `env`, by the same rules as {@link readEnvironment}: a
 * list is comma-separated, blank means unset, and a value it cannot understand is refused
 * with `ERR_INVALID_OPTION` naming the variable (never the URL's value: it holds a password).
 * Kept apart from `readEnvironment` so that a bad notification setting cannot stop hooks.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_INVALID_OPTION`.
 *
 * @example
 * ```ts
 * notificationVariables({ PLUGHOOKS_NOTIFICATION_DRIVERS: "amqp, log" }).drivers; // ["amqp", "log"]
 * ```
 */
export function notificationVariables(env: Environment): NotificationVariables {
  return {
    drivers: listFrom(env.PLUGHOOKS_NOTIFICATION_DRIVERS),
    url: nonBlank(env.PLUGHOOKS_NOTIFICATION_URL),
    invalidPayload: invalidFrom(env.PLUGHOOKS_NOTIFICATION_INVALID),
    routing: nonBlank(env.PLUGHOOKS_NOTIFICATION_ROUTING),
  };
}

function nonBlank(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === "" ? undefined : text;
}

function invalidFrom(value: string | undefined): InvalidPayloadPolicy | undefined {
  const text = nonBlank(value)?.toLowerCase();
  if (text === undefined || text === "throw" || text === "drop") return text;
  throw new PlughooksError(
    "ERR_INVALID_OPTION",
    `${NOTIFICATION_VARIABLES.invalid}=${JSON.stringify(value)} must be "throw" or "drop"`,
  );
}
