import { findRootDirectory } from "../entry-points/index.js";
import { PlughooksError } from "../errors/index.js";
import type { NotificationType, Priority } from "./define.js";
import { PRIORITIES } from "./define.js";
import { createDriver, driverLoadManager, loadDriverFactory } from "./drivers/load-drivers.js";
import type { DriverContext, NotificationDriver } from "./drivers/types.js";
import { type CloudEvent, dataSchemaUri } from "./envelope.js";
import { redactError } from "./redact.js";
import {
  type InvalidPayloadPolicy,
  type NotificationBaseOptions,
  type NotificationSettings,
  resolveNotificationSettings,
} from "./settings.js";

/** Options of {@link createNotifier}. */
export interface NotifierOptions extends NotificationBaseOptions {
  /** The publisher id, the envelope's `source`: `"nova-compute/host-12"`. Required. */
  readonly source: string;
  /**
   * Where notifications go: driver names (`"amqp"`, `"log"`, `"memory"`...) or driver
   * objects. `PLUGHOOKS_NOTIFICATION_DRIVERS=amqp,log` replaces it. Default `["noop"]`.
   */
  readonly drivers?: readonly (string | NotificationDriver)[];
  /** The broker URL for broker drivers; `PLUGHOOKS_NOTIFICATION_URL` replaces it. */
  readonly url?: string;
  /** Options for each driver by name: `{ amqp: { exchange: "nova" } }`. */
  readonly driverOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * A payload that does not match its schema: `"throw"` rejects `emit()` with
   * `ERR_NOTIFICATION_INVALID_PAYLOAD`; `"drop"` logs it, counts it in `stats().invalid` and
   * resolves `{ delivered: false }`. Either way it is never sent. Default: `"drop"` when
   * `NODE_ENV=production`, else `"throw"`. Also `PLUGHOOKS_NOTIFICATION_INVALID`.
   */
  readonly invalidPayload?: InvalidPayloadPolicy;
  /** A base URL for `dataschema`: `${base}${type}/${version}.json`. Default a `urn:`. */
  readonly schemaBase?: string;
}

/** Options of {@link Notifier.emit}. */
export interface EmitOptions {
  /** Overrides the type's default priority. */
  readonly priority?: Priority;
  /** The event id. Default: a random UUID. */
  readonly id?: string;
  /** The event time. Default: now. */
  readonly time?: Date;
}

/** What {@link Notifier.emit} resolves to. */
export interface EmitResult {
  readonly id: string;
  /** `true`: every driver delivered it. `false`: the payload was invalid and dropped. */
  readonly delivered: boolean;
}

/** Counters of a notifier. */
export interface NotifierStats {
  readonly emitted: number;
  readonly delivered: number;
  /** Payloads that failed their schema (dropped or thrown). */
  readonly invalid: number;
  /** Emits a driver rejected (not confirmed, outbox full, closed...). */
  readonly failed: number;
  /** Each driver's own counters, by name. */
  readonly drivers: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Sends versioned notifications through the configured drivers. */
export interface Notifier {
  readonly source: string;
  /** The drivers in use, by name. */
  readonly drivers: readonly string[];
  /**
   * Validates the payload against its type's schema, wraps it in a CloudEvents envelope and
   * hands it to every driver. Resolves when every driver delivered it (for a broker with
   * publisher confirms: when the broker has it); rejects with the driver's coded error
   * otherwise. While a broker is down or blocked the promise waits: that is the
   * back-pressure an awaiting caller feels.
   */
  emit<T>(type: NotificationType<T>, payload: T, options?: EmitOptions): Promise<EmitResult>;
  /** Flushes and closes every driver. Later emits reject with `ERR_NOTIFICATION_CLOSED`. */
  close(): Promise<void>;
  stats(): NotifierStats;
}

/**
 * Creates a notifier: resolves the settings, loads each driver by name (built-ins, else the
 * `plughooks.notification_drivers` entry points, with allow, deny and the lock applied), and
 * creates it. A driver that cannot load is logged (naming its package) and every send to it
 * rejects with the load error, so nothing pretends to be delivered; with `strict` (or
 * `PLUGHOOKS_STRICT=1`) `createNotifier` rejects instead.
 *
 * @example
 * ```ts
 * import { createNotifier } from "plughooks/notifications";
 *
 * const notifier = await createNotifier({ source: "compute/host-12", root: import.meta.url });
 * await notifier.emit(ResizeEnd, { instanceId: "9b1c", flavor: "m1.large" });
 * await notifier.close();
 * ```
 */
export async function createNotifier(options: NotifierOptions): Promise<Notifier> {
  if (typeof options?.source !== "string" || options.source.trim() === "") {
    throw new PlughooksError(
      "ERR_INVALID_OPTION",
      'createNotifier() needs a non-empty "source", the publisher id (such as "compute/host-12")',
    );
  }
  const settings = resolveNotificationSettings(options);
  const drivers = await openDrivers(options.source, settings, options.driverOptions ?? {});
  return new NotifierImpl(options.source, settings, drivers, options.schemaBase);
}

async function openDrivers(
  source: string,
  settings: NotificationSettings,
  driverOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): Promise<NotificationDriver[]> {
  let root: string | undefined;
  try {
    root = findRootDirectory(settings.root);
  } catch {
    root = undefined; // no package.json above: drivers resolve files from the working directory
  }
  // One discovery for every driver this notifier loads, on first use (built-ins need none).
  const manager = driverLoadManager(settings.root, settings.config);
  const context = (name: string): DriverContext => ({
    name,
    source,
    url: settings.url,
    options: driverOptions[name] ?? {},
    logger: settings.logger,
    env: settings.config.env,
    root,
    createDriver: (other) => open(other),
  });
  const open = async (name: string): Promise<NotificationDriver> => {
    try {
      return await createDriver(await loadDriverFactory(name, manager), context(name));
    } catch (error) {
      if (settings.config.strict || !(error instanceof PlughooksError)) throw error;
      settings.logger.error(
        `notification driver "${name}" is unusable; every send to it fails: [${error.code}] ${error.message}`,
      );
      return failedDriver(name, error);
    }
  };
  const drivers: NotificationDriver[] = [];
  for (const entry of settings.drivers)
    drivers.push(typeof entry === "string" ? await open(entry) : entry);
  return drivers;
}

/** Stands in for a driver that could not load: sends reject with why, never succeed. */
function failedDriver(name: string, error: PlughooksError): NotificationDriver {
  return {
    name,
    send: () => Promise.reject(error),
    close: () => Promise.resolve(),
  };
}

class NotifierImpl implements Notifier {
  readonly source: string;
  readonly drivers: readonly string[];
  readonly #settings: NotificationSettings;
  readonly #drivers: readonly NotificationDriver[];
  readonly #schemaBase: string | undefined;
  #closed = false;
  #emitted = 0;
  #delivered = 0;
  #invalid = 0;
  #failed = 0;

  constructor(
    source: string,
    settings: NotificationSettings,
    drivers: NotificationDriver[],
    schemaBase: string | undefined,
  ) {
    this.source = source;
    this.#settings = settings;
    this.#drivers = drivers;
    this.drivers = drivers.map((d) => d.name);
    this.#schemaBase = schemaBase;
  }

  async emit<T>(
    type: NotificationType<T>,
    payload: T,
    options: EmitOptions = {},
  ): Promise<EmitResult> {
    if (this.#closed) {
      throw new PlughooksError(
        "ERR_NOTIFICATION_CLOSED",
        `notifier "${this.source}" is closed; ${type?.type} not sent`,
      );
    }
    this.#emitted++;
    const priority = options.priority ?? type.priority;
    if (!PRIORITIES.includes(priority)) {
      throw new PlughooksError(
        "ERR_INVALID_OPTION",
        `unknown priority ${JSON.stringify(priority)}`,
      );
    }
    const id = options.id ?? globalThis.crypto.randomUUID();
    // The schema check is sync for most validators; only an async one costs a microtask.
    let checked = type.schema.check(payload, false);
    if (checked instanceof Promise) checked = await checked;
    if (!checked.ok) return this.#invalidPayload(type, id, checked.issues);
    const event: CloudEvent = {
      specversion: "1.0",
      type: type.type,
      source: this.source,
      id,
      time: options.time === undefined ? nowIso() : options.time.toISOString(),
      datacontenttype: "application/json",
      dataschema: dataSchemaUri(type.type, type.version, this.#schemaBase),
      payloadversion: type.version,
      priority,
      data: checked.value,
    };
    const body = JSON.stringify(event);
    try {
      const drivers = this.#drivers;
      if (drivers.length === 1) await (drivers[0] as NotificationDriver).send(event, body);
      else await Promise.all(drivers.map((d) => d.send(event, body)));
    } catch (error) {
      this.#failed++;
      throw error;
    }
    this.#delivered++;
    return { id, delivered: true };
  }

  #invalidPayload(
    type: NotificationType<unknown>,
    id: string,
    issues: readonly string[],
  ): EmitResult {
    this.#invalid++;
    const message = `notification ${type.type} ${type.version} (${id}) has an invalid payload: ${issues.join("; ")}`;
    if (this.#settings.invalidPayload === "throw") {
      throw new PlughooksError("ERR_NOTIFICATION_INVALID_PAYLOAD", message);
    }
    this.#settings.logger.error(
      `[ERR_NOTIFICATION_INVALID_PAYLOAD] dropped (${this.#invalid} so far): ${message}`,
    );
    return { id, delivered: false };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const results = await Promise.allSettled(this.#drivers.map((d) => d.close()));
    for (const [i, r] of results.entries()) {
      if (r.status === "rejected") {
        this.#settings.logger.error(
          `notification driver "${this.#drivers[i]?.name}" failed to close: ${redactError(r.reason)}`,
        );
      }
    }
  }

  stats(): NotifierStats {
    const drivers: Record<string, Readonly<Record<string, number>>> = {};
    for (const d of this.#drivers) if (d.stats) drivers[d.name] = d.stats();
    return {
      emitted: this.#emitted,
      delivered: this.#delivered,
      invalid: this.#invalid,
      failed: this.#failed,
      drivers,
    };
  }
}

// Date#toISOString costs about as much as the rest of the envelope; at high emit rates many
// notifications share a millisecond, so the string is made once per millisecond.
let isoMs = -1;
let isoText = "";
function nowIso(): string {
  const ms = Date.now();
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}
