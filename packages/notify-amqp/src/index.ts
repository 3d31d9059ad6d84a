/**
 * The AMQP 0-9-1 (RabbitMQ) notification driver and listener for `plughooks/notifications`.
 * Installed next to an application, it is found through the `plughooks.notification_drivers`
 * entry-point group under the name `amqp`:
 * `PLUGHOOKS_NOTIFICATION_DRIVERS=amqp PLUGHOOKS_NOTIFICATION_URL=amqp://user:pw@mq:5672`.
 *
 * @packageDocumentation
 */
export { type BackoffOptions, backoffDelay } from "./backoff.js";
export {
  AmqpDriver,
  type AmqpDriverOptions,
  type AmqpDriverStats,
  amqpDriver,
  createAmqpDriver,
} from "./driver.js";
export { type AmqpListening, type ListenAmqpOptions, listenAmqp } from "./listen.js";
export { DEFAULT_TOPOLOGY, type Topology } from "./topology.js";
