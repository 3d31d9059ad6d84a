import type { ChannelModel, ConfirmChannel } from "amqplib";
import {
  CLOUDEVENTS_CONTENT_TYPE,
  type CloudEvent,
  type DriverContext,
  type Logger,
  type NotificationDriver,
  type NotificationDriverFactory,
  redact,
} from "plughooks/notifications";
import { PlughooksError } from "plughooks";
import type { BackoffOptions } from "./backoff.js";
import { ReconnectingConnection } from "./connection.js";
import { declareTopology, type Topology, topologyFrom } from "./topology.js";

/** Options of the AMQP driver (`driverOptions.amqp`, or {@link createAmqpDriver}). */
export interface AmqpDriverOptions {
  /** The broker URL, `amqp://user:password@host:5672/vhost`. Default: the notifier's `url`. */
  readonly url?: string;
  /** The topic exchange. Default `"plughooks.notifications"`. */
  readonly exchange?: string;
  /** The durable queue emitters declare (see the docs); `null` for none. Default `"plughooks.notifications"`. */
  readonly queue?: string | null;
  /** Binding keys of that queue. Default `["#"]`. */
  readonly bindings?: readonly string[];
  /** The queue's `x-arguments`, e.g. `{ "x-queue-type": "quorum" }`. */
  readonly queueArguments?: Readonly<Record<string, unknown>>;
  /**
   * The outbox bound: notifications waiting (disconnected, blocked) plus those sent and not
   * yet confirmed. When it is full, `emit()` rejects at once with
   * `ERR_NOTIFICATION_OUTBOX_FULL`: the newest notification is refused, the ones already
   * accepted keep their place. Every such drop is counted (`dropped`) and logged. Default 10000.
   */
  readonly maxOutbox?: number;
  /** Most notifications sent and not yet confirmed at once. Default 1000. */
  readonly maxInFlight?: number;
  /** How long `close()` waits for the outbox to be confirmed, in ms. Default 10000. */
  readonly closeTimeout?: number;
  /** Reconnect delays. Default 100 ms doubling to 5 s, 20% jitter. */
  readonly backoff?: BackoffOptions;
  /** Heartbeat in seconds. Default 10. */
  readonly heartbeat?: number;
}

interface Entry {
  readonly seq: number;
  readonly event: CloudEvent;
  readonly content: Buffer;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** Counters of the AMQP driver. */
export interface AmqpDriverStats {
  readonly [name: string]: number;
  readonly published: number;
  readonly confirmed: number;
  readonly nacked: number;
  readonly returned: number;
  readonly republished: number;
  readonly dropped: number;
  readonly abandoned: number;
  readonly reconnects: number;
  readonly connectFailures: number;
  readonly waiting: number;
  readonly inFlight: number;
  readonly blocked: number;
}

/**
 * The AMQP 0-9-1 driver for RabbitMQ. Each notification is published persistent and
 * `mandatory` to a durable topic exchange, with the event type as routing key, on a confirm
 * channel: `send()` resolves when the broker confirms it, rejects with
 * `ERR_NOTIFICATION_NOT_CONFIRMED` when the broker nacks or returns it. On a lost
 * connection the unconfirmed notifications go back to the front of the outbox and are
 * published again after the reconnect (at least once: listeners deduplicate on the id).
 * While the broker blocks the connection (a memory or disk alarm) nothing is written, so
 * emits wait in the bounded outbox: back-pressure, not unbounded memory.
 */
export class AmqpDriver implements NotificationDriver {
  readonly name: string;
  readonly #logger: Logger;
  readonly #topology: Topology;
  readonly #maxOutbox: number;
  readonly #maxInFlight: number;
  readonly #closeTimeout: number;
  readonly #connection: ReconnectingConnection;
  #channel: ConfirmChannel | undefined;
  #channelFull = false;
  #blocked = false;
  #closing = false;
  #seq = 0;
  readonly #waiting: Entry[] = [];
  #waitingHead = 0;
  readonly #inFlight = new Map<string, Entry>();
  readonly #returned = new Set<string>();
  #flushed: (() => void) | undefined;
  readonly #counts = {
    published: 0,
    confirmed: 0,
    nacked: 0,
    returned: 0,
    republished: 0,
    dropped: 0,
    abandoned: 0,
  };

  constructor(name: string, url: string, options: AmqpDriverOptions, logger: Logger, source = "plughooks") {
    this.name = name;
    this.#logger = logger;
    this.#topology = topologyFrom(options as Record<string, unknown>);
    this.#maxOutbox = positive(options.maxOutbox, 10_000, "maxOutbox");
    this.#maxInFlight = positive(options.maxInFlight, 1000, "maxInFlight");
    this.#closeTimeout = options.closeTimeout ?? 10_000;
    this.#connection = new ReconnectingConnection({
      url,
      connectionName: `plughooks notifications (${source})`,
      logger,
      backoff: options.backoff,
      heartbeat: options.heartbeat,
      onOpen: (connection) => this.#open(connection),
      onLost: () => this.#lost(),
    });
    this.#connection.start();
  }

  async #open(connection: ChannelModel): Promise<void> {
    connection.on("blocked", (reason: string) => {
      this.#blocked = true;
      this.#logger.warn(`amqp: the broker blocks publishing (${reason}); emits wait in the outbox (${this.#pending()} now)`);
    });
    connection.on("unblocked", () => {
      this.#blocked = false;
      this.#logger.info("amqp: the broker unblocked publishing");
      this.#pump();
    });
    const channel = await connection.createConfirmChannel();
    channel.on("error", (error: unknown) => this.#logger.warn(`amqp: channel error: ${redact(String(error))}`));
    channel.on("return", (message: { properties: { messageId?: string } }) => {
      if (message.properties.messageId !== undefined) this.#returned.add(message.properties.messageId);
    });
    channel.on("drain", () => {
      this.#channelFull = false;
      this.#pump();
    });
    channel.on("close", () => {
      if (this.#channel === channel) connection.close().catch(() => {});
    });
    await declareTopology(channel, this.#topology);
    this.#channel = channel;
    this.#channelFull = false;
    this.#pump();
  }

  /** The connection is gone: every unconfirmed notification goes back, in order, to the front. */
  #lost(): void {
    this.#channel = undefined;
    this.#blocked = false;
    if (this.#inFlight.size === 0) return;
    const back = [...this.#inFlight.values()].sort((a, b) => a.seq - b.seq);
    this.#inFlight.clear();
    this.#counts.republished += back.length;
    this.#compact();
    this.#waiting.unshift(...back);
  }

  #pending(): number {
    return this.#waiting.length - this.#waitingHead + this.#inFlight.size;
  }

  send(event: CloudEvent, body: string): Promise<void> {
    if (this.#closing) {
      return Promise.reject(new PlughooksError("ERR_NOTIFICATION_CLOSED", `driver "${this.name}" is closing; ${event.type} ${event.id} not sent`));
    }
    if (this.#pending() >= this.#maxOutbox) {
      this.#counts.dropped++;
      const why = `outbox full (${this.#maxOutbox}: ${this.#connection.connected ? (this.#blocked ? "the broker blocks publishing" : "waiting for confirms") : "disconnected"})`;
      this.#logger.warn(`amqp: [ERR_NOTIFICATION_OUTBOX_FULL] dropped ${event.type} ${event.id}, ${this.#counts.dropped} dropped so far: ${why}`);
      return Promise.reject(new PlughooksError("ERR_NOTIFICATION_OUTBOX_FULL", `${event.type} ${event.id} dropped: ${why}`));
    }
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ seq: this.#seq++, event, content: Buffer.from(body), resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    const channel = this.#channel;
    if (channel === undefined || this.#blocked) return;
    while (!this.#channelFull && this.#inFlight.size < this.#maxInFlight && this.#waitingHead < this.#waiting.length) {
      const entry = this.#waiting[this.#waitingHead] as Entry;
      this.#waitingHead++;
      const { event } = entry;
      this.#inFlight.set(event.id, entry);
      this.#counts.published++;
      let ok: boolean;
      try {
        ok = channel.publish(
          this.#topology.exchange,
          event.type,
          entry.content,
          {
            persistent: true,
            mandatory: true,
            messageId: event.id,
            type: event.type,
            appId: event.source,
            contentType: CLOUDEVENTS_CONTENT_TYPE,
            // No headers table: version and priority are in the envelope, and encoding a
            // table per message was the largest client-side cost left on the publish path.
          },
          (error: unknown) => this.#confirmed(channel, entry, error),
        );
      } catch (error) {
        // The channel closed under us and the connection's close is on its way (the
        // channel's close handler closes it): stop writing; the entry stays in flight and
        // goes back to the outbox with the others when the connection is lost.
        this.#logger.debug(`amqp: publish failed on a closing channel: ${redact(String(error))}`);
        this.#channelFull = true;
        break;
      }
      // `false`: the socket buffer is full; wait for "drain" instead of buffering without end.
      if (!ok) this.#channelFull = true;
    }
    this.#compact();
    this.#checkFlushed();
  }

  #confirmed(channel: ConfirmChannel, entry: Entry, error: unknown): void {
    const id = entry.event.id;
    // Not ours any more: the connection was lost and the entry went back to the outbox.
    if (this.#channel !== channel || this.#inFlight.get(id) !== entry) return;
    if (error !== null && error !== undefined && (error as Error).message !== "message nacked") {
      // "channel closed": #lost() (called when the connection goes) puts it back.
      return;
    }
    this.#inFlight.delete(id);
    const returned = this.#returned.delete(id);
    if (error) {
      this.#counts.nacked++;
      entry.reject(new PlughooksError("ERR_NOTIFICATION_NOT_CONFIRMED", `the broker refused (nack) ${entry.event.type} ${id}`));
    } else if (returned) {
      this.#counts.returned++;
      entry.reject(
        new PlughooksError(
          "ERR_NOTIFICATION_NOT_CONFIRMED",
          `no queue is bound for ${entry.event.type} on exchange "${this.#topology.exchange}"; the broker returned ${id}`,
        ),
      );
    } else {
      this.#counts.confirmed++;
      entry.resolve();
    }
    this.#pump();
  }

  /** Drops consumed entries from the front of the queue array, in bulk (cheap shift). */
  #compact(): void {
    if (this.#waitingHead > 1024 || this.#waitingHead === this.#waiting.length) {
      this.#waiting.splice(0, this.#waitingHead);
      this.#waitingHead = 0;
    }
  }

  #checkFlushed(): void {
    if (this.#flushed !== undefined && this.#pending() === 0) this.#flushed();
  }

  /**
   * Waits until every accepted notification is confirmed (up to `closeTimeout`), then closes
   * the connection. What is still unconfirmed then is rejected with
   * `ERR_NOTIFICATION_CLOSED`, counted as `abandoned` and logged: never silently lost.
   */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#pending() > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.#flushed = resolve;
        timer = setTimeout(resolve, this.#closeTimeout);
        this.#checkFlushed();
      });
      clearTimeout(timer);
    }
    const left = [...this.#waiting.slice(this.#waitingHead), ...this.#inFlight.values()];
    this.#waiting.length = 0;
    this.#waitingHead = 0;
    this.#inFlight.clear();
    if (left.length > 0) {
      this.#counts.abandoned += left.length;
      this.#logger.error(
        `amqp: [ERR_NOTIFICATION_CLOSED] ${left.length} notification(s) not confirmed within ${this.#closeTimeout} ms of close(); their emits reject`,
      );
      for (const entry of left) {
        entry.reject(new PlughooksError("ERR_NOTIFICATION_CLOSED", `closed before the broker confirmed ${entry.event.type} ${entry.event.id}`));
      }
    }
    this.#channel = undefined;
    await this.#connection.stop();
  }

  stats(): AmqpDriverStats {
    return {
      ...this.#counts,
      reconnects: this.#connection.reconnects,
      connectFailures: this.#connection.failures,
      waiting: this.#waiting.length - this.#waitingHead,
      inFlight: this.#inFlight.size,
      blocked: this.#blocked ? 1 : 0,
    };
  }
}

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new PlughooksError("ERR_INVALID_OPTION", `amqp driver: "${name}" must be a positive integer, not ${String(value)}`);
  }
  return value;
}

/**
 * Creates the AMQP driver directly, for applications that wire drivers in code.
 *
 * @example
 * ```ts
 * import { createAmqpDriver } from "@plughooks/notify-amqp";
 * const notifier = await createNotifier({
 *   source: "compute/host-12",
 *   drivers: [createAmqpDriver({ url: process.env.AMQP_URL })],
 * });
 * ```
 */
export function createAmqpDriver(options: AmqpDriverOptions & { logger?: Logger; name?: string; source?: string }): AmqpDriver {
  if (typeof options.url !== "string" || options.url === "") {
    throw new PlughooksError("ERR_INVALID_OPTION", "amqp driver: a broker url is required (url option or PLUGHOOKS_NOTIFICATION_URL)");
  }
  const logger = options.logger ?? { debug() {}, info() {}, warn: console.warn, error: console.error };
  return new AmqpDriver(options.name ?? "amqp", options.url, options, logger, options.source);
}

/**
 * The entry point `amqp` of the `plughooks.notification_drivers` group:
 * `PLUGHOOKS_NOTIFICATION_DRIVERS=amqp PLUGHOOKS_NOTIFICATION_URL=amqp://...`.
 */
export const amqpDriver: NotificationDriverFactory = {
  create(context: DriverContext) {
    const options = context.options as AmqpDriverOptions;
    const url = options.url ?? context.url;
    if (url === undefined || url === "") {
      throw new PlughooksError(
        "ERR_INVALID_OPTION",
        `notification driver "${context.name}" needs a broker URL: PLUGHOOKS_NOTIFICATION_URL or the url option`,
      );
    }
    return new AmqpDriver(context.name, url, options, context.logger, context.source);
  },
};
