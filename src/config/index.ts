/**
 * Configuration: the one place that reads `PLUGHOOKS_*` variables, from the environment the
 * application gave `createHooks` (or the CLI's), and merges them with the options in code.
 *
 * @module
 */
export {
  checkTimeout,
  ENVIRONMENT_VARIABLES,
  type Environment,
  readEnvironment,
  userCacheDirectory,
} from "./environment.js";
export {
  type LoadConfig,
  type LoadOptions,
  type LockOption,
  resolveLoadConfig,
} from "./load-config.js";
export {
  type InvalidPayloadPolicy,
  NOTIFICATION_VARIABLES,
  notificationVariables,
} from "./notification-variables.js";
