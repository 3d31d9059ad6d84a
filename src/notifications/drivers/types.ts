import type { Logger } from "../../hooks/types.js";
import type { CloudEvent } from "../envelope.js";

/** The entry-point group that notification drivers are declared in. */
export const DRIVER_GROUP = "plughooks.notification_drivers";

/**
 * A notification driver: where emitted notifications go (a broker, the log, memory).
 *
 * The contract, which every driver's tests check: `send()` resolves only when the
 * notification is delivered as far as the driver can tell (for a broker: confirmed), and
 * rejects with a coded error otherwise; `close()` delivers what is waiting, or rejects it,
 * before it resolves.
 */
export interface NotificationDriver {
  /** The driver's name, as configured: `"amqp"`. */
  readonly name: string;
  /** Delivers one event; `body` is its JSON text, serialized once by the notifier. */
  send(event: CloudEvent, body: string): Promise<void>;
  /** Flushes and releases everything; later sends reject with `ERR_NOTIFICATION_CLOSED`. */
  close(): Promise<void>;
  /** Counters for operators and tests: `{ confirmed: 10, dropped: 0 }`. */
  stats?(): Readonly<Record<string, number>>;
}

/** What a driver gets when it is created. */
export interface DriverContext {
  /** The name it was configured under. */
  readonly name: string;
  /** The notifier's publisher id (its `source`). */
  readonly source: string;
  /** The broker URL (`url` option or `PLUGHOOKS_NOTIFICATION_URL`); never log it unredacted. */
  readonly url: string | undefined;
  /** Driver-specific options: `driverOptions[name]` given to `createNotifier`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** A logger whose every line has credentials redacted. */
  readonly logger: Logger;
  /** Where `PLUGHOOKS_*` variables are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The application root, for drivers that read files relative to it. */
  readonly root: string | undefined;
  /** Creates another configured driver by name (the routing driver's targets). */
  createDriver(name: string): Promise<NotificationDriver>;
}

/**
 * What a `plughooks.notification_drivers` entry point exports: an object (or a class with no
 * constructor arguments) with `create`.
 *
 * @example
 * ```ts
 * // package.json: "entryPoints": { "plughooks.notification_drivers": { "stdout": "./dist/stdout.js:stdoutDriver" } }
 * export const stdoutDriver: NotificationDriverFactory = {
 *   create: (context) => ({
 *     name: context.name,
 *     send: async (_event, body) => void process.stdout.write(`${body}\n`),
 *     close: async () => {},
 *   }),
 * };
 * ```
 */
export interface NotificationDriverFactory {
  create(context: DriverContext): NotificationDriver | Promise<NotificationDriver>;
}
