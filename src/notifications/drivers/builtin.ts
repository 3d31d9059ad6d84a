import { logDriver } from "./log.js";
import { memoryDriver } from "./memory.js";
import { noopDriver } from "./noop.js";
import { routingDriver } from "./routing.js";
import type { NotificationDriverFactory } from "./types.js";

/**
 * The drivers that come with plughooks, by name. A package cannot replace them: a name here
 * is never looked up in the entry points.
 */
export const BUILTIN_DRIVERS: ReadonlyMap<string, NotificationDriverFactory> = new Map([
  ["log", logDriver],
  ["noop", noopDriver],
  ["memory", memoryDriver],
  ["routing", routingDriver],
]);
