import type { NotificationDriver, NotificationDriverFactory } from "./types.js";

/**
 * The `log` driver (oslo's `log`): each notification is one `info` line on the notifier's
 * logger, `notification <type> <version> <id>: <JSON>`. Delivered when logged.
 */
export const logDriver: NotificationDriverFactory = {
  create(context): NotificationDriver {
    let closed = false;
    return {
      name: context.name,
      async send(event, body) {
        if (closed) return;
        context.logger.info(
          `notification ${event.type} ${event.payloadversion} ${event.id}: ${body}`,
        );
      },
      async close() {
        closed = true;
      },
    };
  },
};
