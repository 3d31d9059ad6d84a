import amqp from "amqplib";
import type { ChannelModel } from "amqplib";
import { type Logger, redact, redactError } from "plughooks/notifications";
import { type BackoffOptions, backoffDelay } from "./backoff.js";

/** Options of {@link ReconnectingConnection}. */
export interface ReconnectingOptions {
  readonly url: string;
  /** Shown to the broker's operators (`rabbitmqctl list_connections client_properties`). */
  readonly connectionName: string;
  readonly logger: Logger;
  readonly backoff?: BackoffOptions | undefined;
  /** Heartbeat in seconds. Default 10. */
  readonly heartbeat?: number | undefined;
  /** Sets up channels on a fresh connection; a throw counts as a failed attempt. */
  readonly onOpen: (connection: ChannelModel) => Promise<void>;
  /** Called once per lost connection, before the next attempt is scheduled. */
  readonly onLost: () => void;
}

/**
 * One AMQP connection that comes back: on a refused connect or a lost connection it tries
 * again after a backoff delay, until {@link stop}. Every log line has the URL's credentials
 * redacted.
 */
export class ReconnectingConnection {
  readonly #options: ReconnectingOptions;
  readonly #where: string;
  #connection: ChannelModel | undefined;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = false;
  #generation = 0;
  /** Successful connects after the first. */
  reconnects = 0;
  /** Failed connect attempts. */
  failures = 0;

  constructor(options: ReconnectingOptions) {
    this.#options = options;
    this.#where = redact(options.url);
  }

  get connected(): boolean {
    return this.#connection !== undefined;
  }

  start(): void {
    void this.#connect();
  }

  async #connect(): Promise<void> {
    this.#timer = undefined;
    if (this.#stopped) return;
    const generation = ++this.#generation;
    let connection: ChannelModel | undefined;
    try {
      connection = await amqp.connect(withHeartbeat(this.#options.url, this.#options.heartbeat ?? 10), {
        clientProperties: { connection_name: this.#options.connectionName },
        // Small messages one at a time: Nagle's algorithm would hold a publish back until
        // the previous segment is acknowledged (RabbitMQ's own clients disable it too).
        noDelay: true,
      });
      connection.on("error", (error: unknown) => {
        this.#options.logger.warn(`amqp: connection to ${this.#where} failed: ${redactError(error)}`);
      });
      connection.on("close", () => this.#lost(generation));
      if (this.#stopped) {
        await connection.close().catch(() => {});
        return;
      }
      this.#connection = connection;
      await this.#options.onOpen(connection);
      if (this.#attempt > 0 || this.reconnects > 0 || this.failures > 0) {
        this.#options.logger.info(`amqp: connected to ${this.#where} after ${this.#attempt} failed attempt(s)`);
      }
      if (generation > 1) this.reconnects++;
      this.#attempt = 0;
    } catch (error) {
      this.failures++;
      this.#connection = undefined;
      connection?.close().catch(() => {});
      const delay = backoffDelay(this.#attempt++, this.#options.backoff);
      this.#options.logger.warn(
        `amqp: [ERR_NOTIFICATION_CONNECTION] cannot connect to ${this.#where}: ${redactError(error)}; retry ${this.#attempt} in ${delay} ms`,
      );
      this.#schedule(delay);
    }
  }

  #lost(generation: number): void {
    if (generation !== this.#generation || this.#connection === undefined) return;
    this.#connection = undefined;
    this.#options.onLost();
    if (this.#stopped) return;
    const delay = backoffDelay(this.#attempt++, this.#options.backoff);
    this.#options.logger.warn(`amqp: lost the connection to ${this.#where}; reconnecting in ${delay} ms`);
    this.#schedule(delay);
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#connect(), delay);
  }

  /** Stops reconnecting and closes the connection. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const connection = this.#connection;
    this.#connection = undefined;
    this.#generation++;
    if (connection !== undefined) await connection.close().catch(() => {});
  }
}

/** amqplib takes the heartbeat as a URL parameter; one the operator wrote wins. */
function withHeartbeat(url: string, seconds: number): string {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has("heartbeat")) parsed.searchParams.set("heartbeat", String(seconds));
    return parsed.href;
  } catch {
    return url; // amqplib reports the bad URL itself (redacted by our logger)
  }
}
