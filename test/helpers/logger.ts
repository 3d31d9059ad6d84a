import type { Logger } from "../../src/index.js";

export interface LogLine {
  readonly level: keyof Logger;
  readonly message: string;
}

/** A logger that records every line, for assertions. */
export function recordingLogger(): Logger & {
  readonly lines: LogLine[];
  at(level: keyof Logger): string[];
} {
  const lines: LogLine[] = [];
  const log = (level: keyof Logger) => (message: string) => {
    lines.push({ level, message });
  };
  return {
    lines,
    at: (level) => lines.filter((line) => line.level === level).map((line) => line.message),
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
  };
}
