import type { NotificationDriver, NotificationDriverFactory } from "./types.js";

/**
 * The `noop` driver (oslo's `noop`): notifications are validated and enveloped, then
 * discarded. The default when no driver is configured, so emitting costs almost nothing.
 */
export const noopDriver: NotificationDriverFactory = {
  create: (context): NotificationDriver => ({
    name: context.name,
    send: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }),
};
