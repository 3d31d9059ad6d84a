/**
 * Versioned notifications, the stable alternative to hooks (Nova's versioned notifications):
 * notification types with a payload schema and a `MAJOR.MINOR` version, CloudEvents 1.0
 * envelopes, drivers found through the `plughooks.notification_drivers` entry-point group,
 * and a listener with version negotiation.
 * `import { defineNotification, createNotifier } from "plughooks/notifications"`.
 *
 * @packageDocumentation
 */

export type { Logger } from "../hooks/types.js";
export {
  describeNotificationType,
  type FindNotificationTypesOptions,
  findNotificationTypes,
  isNotificationType,
  type NotificationCatalog,
  type NotificationTypeDocument,
  notificationCatalog,
  TYPES_GROUP,
} from "./catalog.js";
export {
  checkMinorStep,
  defineNotification,
  type NotificationDefinition,
  type NotificationType,
  type PayloadOf,
  PRIORITIES,
  type Priority,
} from "./define.js";
export { BUILTIN_DRIVERS } from "./drivers/builtin.js";
export { driverLoadManager, loadDriverFactory } from "./drivers/load-drivers.js";
export { logDriver } from "./drivers/log.js";
export { createMemoryDriver, type MemoryDriver, memoryDriver } from "./drivers/memory.js";
export { noopDriver } from "./drivers/noop.js";
export { parseRouting, ROUTING_ENV, type Route, routingDriver } from "./drivers/routing.js";
export {
  DRIVER_GROUP,
  type DriverContext,
  type NotificationDriver,
  type NotificationDriverFactory,
} from "./drivers/types.js";
export {
  CLOUDEVENTS_CONTENT_TYPE,
  type CloudEvent,
  dataSchemaUri,
  parseCloudEvent,
} from "./envelope.js";
export {
  type JsonSchema,
  type JsonSchemaIssue,
  unsupportedKeyword,
  type ValidateJsonOptions,
  validateJson,
} from "./json-schema.js";
export {
  createListener,
  type HandleOutcome,
  type Listener,
  type ListenerOptions,
  type ListenerStats,
  type NotificationHandler,
} from "./listener.js";
export {
  createNotifier,
  type EmitOptions,
  type EmitResult,
  type Notifier,
  type NotifierOptions,
  type NotifierStats,
} from "./notifier.js";
export { compilePattern, isValidEventType, isValidPattern } from "./pattern.js";
export {
  type InferPayload,
  type JsonSchemaOf,
  jsonSchema,
  type PayloadCheck,
  type PayloadSchema,
  type SchemaSource,
} from "./payload-schema.js";
export { redact, redactError } from "./redact.js";
export {
  type InvalidPayloadPolicy,
  NOTIFICATION_ENV,
  type NotificationBaseOptions,
  redactingLogger,
} from "./settings.js";
export type { StandardSchemaV1 } from "./standard-schema.js";
export { formatVersion, type PayloadVersion, parseVersion } from "./version.js";
