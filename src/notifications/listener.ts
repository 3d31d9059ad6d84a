import { PlughooksError } from "../errors/index.js";
import { defaultLogger, safeLogger } from "../hooks/logger.js";
import type { Logger } from "../hooks/types.js";
import type { NotificationType } from "./define.js";
import { type CloudEvent, parseCloudEvent } from "./envelope.js";
import { compilePattern, isValidPattern } from "./pattern.js";
import { redactError } from "./redact.js";
import { redactingLogger } from "./settings.js";
import { formatVersion, parseVersion } from "./version.js";

/** A handler of notifications of one type; `event.data` is the validated payload. */
export type NotificationHandler<T> = (event: CloudEvent<T>) => unknown;

/** What became of one message given to {@link Listener.handle}. */
export type HandleOutcome =
  | { readonly status: "handled"; readonly event: CloudEvent; readonly handlers: number }
  /** Well formed, but nothing subscribed to its type. */
  | { readonly status: "ignored"; readonly event: CloudEvent }
  /** Malformed, an unsupported version or an invalid payload: never retry it. */
  | { readonly status: "rejected"; readonly error: PlughooksError }
  /** A handler threw: the message may be retried. */
  | { readonly status: "failed"; readonly event: CloudEvent; readonly error: unknown };

/** Counters of a listener. */
export interface ListenerStats {
  readonly received: number;
  readonly handled: number;
  readonly ignored: number;
  readonly rejected: number;
  readonly failed: number;
}

/** Options of {@link createListener}. */
export interface ListenerOptions {
  /** Where rejected messages and failing handlers are reported (credentials redacted). */
  readonly logger?: Logger;
}

/**
 * The transport-free half of a consumer: subscriptions by type or pattern, and the rules
 * every received message goes through. A transport (the AMQP listener, the memory driver)
 * calls {@link Listener.handle} with each message body.
 */
export interface Listener {
  /**
   * Subscribes to a notification type. Version negotiation: a message of the same major
   * version is accepted whatever its minor (a newer minor's extra fields are kept in
   * `data`, as a minor only adds optional fields); a major the listener has no subscription
   * for is rejected with `ERR_NOTIFICATION_UNSUPPORTED_VERSION`. Subscribe to several majors
   * of a type to accept each.
   */
  on<T>(type: NotificationType<T>, handler: NotificationHandler<T>): this;
  /**
   * Subscribes to every well-formed notification whose type matches an AMQP-style pattern
   * (`instance.*.end`, `compute.#`); `data` is not checked (no schema is known).
   */
  onPattern(pattern: string, handler: NotificationHandler<unknown>): this;
  /** The patterns subscribed to, for a transport's broker bindings. */
  readonly patterns: readonly string[];
  /** Reads, negotiates, validates and dispatches one message body. Never throws. */
  handle(body: string | Uint8Array): Promise<HandleOutcome>;
  stats(): ListenerStats;
}

interface TypedSubscription {
  readonly type: NotificationType<unknown>;
  readonly handlers: NotificationHandler<unknown>[];
}

/**
 * Creates a listener.
 *
 * @example
 * ```ts
 * import { createListener } from "plughooks/notifications";
 *
 * const listener = createListener().on(ResizeEnd, (event) => {
 *   console.log(event.data.instanceId, "resized to", event.data.flavor);
 * });
 * await listener.handle(messageBody); // { status: "handled", ... }
 * ```
 */
export function createListener(options: ListenerOptions = {}): Listener {
  const logger = redactingLogger(safeLogger(options.logger ?? defaultLogger));
  /** type -> major -> subscription */
  const typed = new Map<string, Map<number, TypedSubscription>>();
  const patterns: {
    pattern: string;
    matches: (type: string) => boolean;
    handler: NotificationHandler<unknown>;
  }[] = [];
  const counts = { received: 0, handled: 0, ignored: 0, rejected: 0, failed: 0 };

  const reject = (error: PlughooksError): HandleOutcome => {
    counts.rejected++;
    logger.warn(`listener rejected a message: [${error.code}] ${error.message}`);
    return { status: "rejected", error };
  };

  const listener: Listener = {
    on(type, handler) {
      if (typeof handler !== "function") {
        throw new PlughooksError(
          "ERR_INVALID_OPTION",
          `the handler of ${type?.type} must be a function`,
        );
      }
      let majors = typed.get(type.type);
      if (majors === undefined) {
        majors = new Map();
        typed.set(type.type, majors);
      }
      const major = type.parsedVersion.major;
      const existing = majors.get(major);
      if (existing !== undefined && existing.type.version !== type.version) {
        throw new PlughooksError(
          "ERR_INVALID_OPTION",
          `listener: ${type.type} is already subscribed at ${existing.type.version}; subscribe each major version once`,
        );
      }
      if (existing === undefined)
        majors.set(major, { type, handlers: [handler as NotificationHandler<unknown>] });
      else existing.handlers.push(handler as NotificationHandler<unknown>);
      return this;
    },
    onPattern(pattern, handler) {
      if (!isValidPattern(pattern)) {
        throw new PlughooksError(
          "ERR_INVALID_OPTION",
          `listener: ${JSON.stringify(pattern)} is not an event-type pattern`,
        );
      }
      patterns.push({ pattern, matches: compilePattern(pattern), handler });
      return this;
    },
    get patterns() {
      return [...typed.keys(), ...patterns.map((p) => p.pattern)];
    },
    async handle(body) {
      counts.received++;
      let event: CloudEvent;
      try {
        event = parseCloudEvent(body);
      } catch (error) {
        return reject(error as PlughooksError);
      }
      const handlers: NotificationHandler<unknown>[] = [];
      const majors = typed.get(event.type);
      if (majors !== undefined) {
        const version = parseVersion(event.payloadversion);
        const subscription = version === undefined ? undefined : majors.get(version.major);
        if (subscription === undefined) {
          const known = [...majors.values()].map((s) => s.type.version).join(", ");
          return reject(
            new PlughooksError(
              "ERR_NOTIFICATION_UNSUPPORTED_VERSION",
              `${event.type} ${event.payloadversion} from ${event.source} (${event.id}): this listener knows major version ${known} only`,
            ),
          );
        }
        const newer = (version?.minor ?? 0) > subscription.type.parsedVersion.minor;
        let checked = subscription.type.schema.check(event.data, newer);
        if (checked instanceof Promise) checked = await checked;
        if (!checked.ok) {
          return reject(
            new PlughooksError(
              "ERR_NOTIFICATION_INVALID_PAYLOAD",
              `${event.type} ${event.payloadversion} from ${event.source} (${event.id}) does not match ${formatVersion(subscription.type.parsedVersion)}: ${checked.issues.join("; ")}`,
            ),
          );
        }
        // A Standard Schema may strip fields a newer minor added: keep the sent data then.
        event = newer ? event : { ...event, data: checked.value };
        handlers.push(...subscription.handlers);
      }
      for (const p of patterns) if (p.matches(event.type)) handlers.push(p.handler);
      if (handlers.length === 0) {
        counts.ignored++;
        return { status: "ignored", event };
      }
      try {
        for (const handler of handlers) await handler(event);
      } catch (error) {
        counts.failed++;
        logger.error(
          `listener: a handler of ${event.type} (${event.id}) threw: ${redactError(error)}`,
        );
        return { status: "failed", event, error };
      }
      counts.handled++;
      return { status: "handled", event, handlers: handlers.length };
    },
    stats: () => ({ ...counts }),
  };
  return listener;
}
