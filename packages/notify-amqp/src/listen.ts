import type { ChannelModel, ConsumeMessage } from "amqplib";
import { type Listener, type Logger, redact, redactingLogger } from "plughooks/notifications";
import { PlughooksError } from "plughooks";
import type { BackoffOptions } from "./backoff.js";
import { ReconnectingConnection } from "./connection.js";
import { declareTopology, topologyFrom } from "./topology.js";

/** Options of {@link listenAmqp}. */
export interface ListenAmqpOptions {
  /** The broker URL. */
  readonly url: string;
  /** The exchange. Default `"plughooks.notifications"`. */
  readonly exchange?: string;
  /**
   * The durable queue to consume. Default `"plughooks.notifications"`, the queue emitters
   * declare (several listeners on one queue share its messages). Give a queue of your own to
   * receive every notification: it is bound to the listener's types and patterns.
   */
  readonly queue?: string;
  /** Binding keys; default: the listener's types and patterns. */
  readonly bindings?: readonly string[];
  /** The queue's `x-arguments`. */
  readonly queueArguments?: Readonly<Record<string, unknown>>;
  /** Unacknowledged messages at once. Default 100. */
  readonly prefetch?: number;
  readonly backoff?: BackoffOptions;
  /** Where problems are reported (credentials redacted). Default: the console. */
  readonly logger?: Logger;
  /** A name for the broker's connection list. */
  readonly name?: string;
}

/** A running AMQP consumer; see {@link listenAmqp}. */
export interface AmqpListening {
  /** Resolves once the consumer is attached the first time. */
  readonly ready: Promise<void>;
  /** Stops consuming and closes the connection; messages being handled finish first. */
  close(): Promise<void>;
  /** `acked`, `rejected` (dead-lettered or dropped: never retried), `requeued`, `reconnects`. */
  stats(): Readonly<Record<string, number>>;
}

/**
 * Feeds a {@link Listener} from a RabbitMQ queue. Each message is acknowledged after its
 * handlers finished (at least once). A malformed message, an unsupported major version or
 * an invalid payload is rejected without requeue (to the queue's dead-letter exchange when
 * it has one) and logged with its code: it never blocks the queue or crashes the listener.
 * A handler that throws gets the message once more (requeued, unless it already was).
 *
 * @example
 * ```ts
 * const listener = createListener().on(ResizeEnd, (e) => console.log(e.data.instanceId));
 * const consumer = listenAmqp(listener, { url: process.env.AMQP_URL });
 * await consumer.ready;
 * ```
 */
export function listenAmqp(listener: Listener, options: ListenAmqpOptions): AmqpListening {
  if (typeof options?.url !== "string" || options.url === "") {
    throw new PlughooksError("ERR_INVALID_OPTION", "listenAmqp: a broker url is required");
  }
  const logger = redactingLogger(options.logger ?? { debug() {}, info() {}, warn: console.warn, error: console.error });
  const topology = topologyFrom({
    ...options,
    queue: options.queue ?? "plughooks.notifications",
    bindings: options.bindings ?? (options.queue === undefined ? ["#"] : listener.patterns),
  });
  const counts = { acked: 0, rejected: 0, requeued: 0 };
  const busy = new Set<Promise<void>>();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const connection = new ReconnectingConnection({
    url: options.url,
    connectionName: options.name ?? "plughooks listener",
    logger,
    backoff: options.backoff,
    onOpen: async (model: ChannelModel) => {
      const channel = await model.createChannel();
      channel.on("error", (error: unknown) => logger.warn(`amqp listener: channel error: ${redact(String(error))}`));
      await declareTopology(channel, topology);
      await channel.prefetch(options.prefetch ?? 100);
      const queue = topology.queue as string;
      await channel.consume(queue, (message: ConsumeMessage | null) => {
        if (message === null) {
          logger.warn(`amqp listener: the broker cancelled the consumer of ${queue}`);
          return;
        }
        const work = listener.handle(message.content).then((outcome) => {
          try {
            if (outcome.status === "handled" || outcome.status === "ignored") {
              channel.ack(message);
              counts.acked++;
            } else if (outcome.status === "rejected") {
              channel.nack(message, false, false);
              counts.rejected++;
            } else {
              channel.nack(message, false, !message.fields.redelivered);
              if (!message.fields.redelivered) counts.requeued++;
              else counts.rejected++;
            }
          } catch (error) {
            // The channel closed under us: the broker redelivers the message.
            logger.debug(`amqp listener: could not settle a message: ${String(error)}`);
          }
        });
        busy.add(work);
        void work.finally(() => busy.delete(work));
      });
      markReady();
    },
    onLost: () => {},
  });
  connection.start();
  return {
    ready,
    async close() {
      await Promise.allSettled([...busy]);
      await connection.stop();
    },
    stats: () => ({ ...counts, reconnects: connection.reconnects }),
  };
}
