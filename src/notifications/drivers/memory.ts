import { PlughooksError } from "../../errors/index.js";
import type { CloudEvent } from "../envelope.js";
import type { NotificationDriver, NotificationDriverFactory } from "./types.js";

/**
 * The `memory` driver (oslo's `test` driver), for an application's own tests: it keeps every
 * notification, and can deliver each to listeners in the same process.
 */
export interface MemoryDriver extends NotificationDriver {
  /** Every event sent, oldest first. */
  readonly events: readonly CloudEvent[];
  /** The JSON text of every event sent, as a broker would carry it. */
  readonly bodies: readonly string[];
  /** Forgets the events kept so far. */
  clear(): void;
  /**
   * Calls `deliver` with each later message body (as a broker would carry it), and with the
   * ones already kept when `replay` is true. Returns a function that stops it.
   */
  subscribe(deliver: (body: string) => unknown, replay?: boolean): () => void;
}

/**
 * Makes a memory driver to pass to `createNotifier({ drivers: [memory] })`, so a test can
 * read `memory.events`.
 *
 * @example
 * ```ts
 * const memory = createMemoryDriver();
 * const notifier = await createNotifier({ source: "test", drivers: [memory] });
 * await notifier.emit(ResizeEnd, { instanceId: "9b1c", flavor: "m1.large" });
 * assert.equal(memory.events[0]?.type, "instance.resize.end");
 * ```
 */
export function createMemoryDriver(name = "memory"): MemoryDriver {
  const events: CloudEvent[] = [];
  const bodies: string[] = [];
  const subscribers = new Set<(body: string) => unknown>();
  let closed = false;
  return {
    name,
    events,
    bodies,
    clear() {
      events.length = 0;
      bodies.length = 0;
    },
    subscribe(deliver, replay = false) {
      subscribers.add(deliver);
      if (replay) for (const body of bodies) deliver(body);
      return () => subscribers.delete(deliver);
    },
    async send(event, body) {
      if (closed) throw new PlughooksError("ERR_NOTIFICATION_CLOSED", `driver "${name}" is closed`);
      events.push(event);
      bodies.push(body);
      for (const deliver of subscribers) await deliver(body);
    },
    async close() {
      closed = true;
      subscribers.clear();
    },
    stats: () => ({ kept: events.length }),
  };
}

/** The `memory` driver by name: `PLUGHOOKS_NOTIFICATION_DRIVERS=memory`. */
export const memoryDriver: NotificationDriverFactory = {
  create: (context) => createMemoryDriver(context.name),
};
