import { util } from "../builtins.js";
import { printable } from "../text/printable.js";
import type { Logger } from "./types.js";

const { debuglog } = util;

const debug = debuglog("plughooks");

/**
 * The default logger: warnings and errors to the console, debug and info only with
 * `NODE_DEBUG=plughooks`, the Node convention for library debug output.
 */
export const defaultLogger: Logger = {
  debug: (message) => debug("%s", message),
  info: (message) => debug("%s", message),
  warn: (message) => console.warn(`plughooks: ${message}`),
  error: (message) => console.error(`plughooks: ${message}`),
};

/**
 * Wraps a logger so that logging can never break the host: a logger that throws (or lacks
 * a method, or returns a promise that rejects) is ignored for that line. plughooks runs on the host's hot paths; a broken
 * logger must not turn a swallowed hook error into a crash. Messages quote package data,
 * so control characters are escaped here, at the one boundary every line crosses (`\n` and
 * `\t` stay, for stack traces; the descriptions escape their own fields fully).
 */
export function safeLogger(logger: Logger): Logger {
  const call = (level: keyof Logger) => (message: string) => {
    try {
      const method = logger[level];
      if (typeof method !== "function") return;
      const result: unknown = method.call(logger, printable(message, { multiline: true }));
      // An async logger that fails returns a rejected promise: left alone, that is an
      // unhandled rejection, which ends a Node process by default.
      if (typeof result === "object" && result !== null && "then" in result) {
        const then = (result as { then?: unknown }).then;
        if (typeof then === "function") then.call(result, undefined, ignore);
      }
    } catch {
      // the logger itself failed; there is nowhere left to report it
    }
  };
  return { debug: call("debug"), info: call("info"), warn: call("warn"), error: call("error") };
}

const ignore = () => {};
