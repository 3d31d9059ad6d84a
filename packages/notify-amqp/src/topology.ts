import type { Channel } from "amqplib";

/** Where notifications go on the broker. */
export interface Topology {
  /** The topic exchange notifications are published to, with the event type as routing key. */
  readonly exchange: string;
  /**
   * A durable queue bound to the exchange, declared by emitters and listeners alike, so
   * that a notification emitted before any listener started waits for one (oslo declares
   * `notifications.info` the same way). `null`: declare no queue; then a notification no
   * queue is bound for is returned by the broker and `emit()` rejects.
   */
  readonly queue: string | null;
  /** Binding keys of {@link queue}. Default `["#"]` (every type). */
  readonly bindings: readonly string[];
  /** `x-arguments` of the queue, e.g. `{ "x-queue-type": "quorum" }`. */
  readonly queueArguments: Readonly<Record<string, unknown>>;
}

/** The defaults: exchange and queue `plughooks.notifications`, bound to every type. */
export const DEFAULT_TOPOLOGY: Topology = {
  exchange: "plughooks.notifications",
  queue: "plughooks.notifications",
  bindings: ["#"],
  queueArguments: {},
};

/** Declares the exchange and the queue with its bindings (idempotent on the broker). */
export async function declareTopology(channel: Channel, topology: Topology): Promise<void> {
  await channel.assertExchange(topology.exchange, "topic", { durable: true });
  if (topology.queue === null) return;
  await channel.assertQueue(topology.queue, { durable: true, arguments: { ...topology.queueArguments } });
  for (const key of topology.bindings) await channel.bindQueue(topology.queue, topology.exchange, key);
}

/** Reads the topology options of the driver or the listener. */
export function topologyFrom(options: Readonly<Record<string, unknown>>): Topology {
  const queue = options.queue === undefined ? DEFAULT_TOPOLOGY.queue : (options.queue as string | null);
  return {
    exchange: typeof options.exchange === "string" ? options.exchange : DEFAULT_TOPOLOGY.exchange,
    queue,
    bindings: Array.isArray(options.bindings) ? (options.bindings as string[]) : DEFAULT_TOPOLOGY.bindings,
    queueArguments: (options.queueArguments as Record<string, unknown> | undefined) ?? {},
  };
}
