// Apart from logger.ts: only the reports of a hooked call (first-call code) use it.

/**
 * Describes any thrown value for a log line, with its stack when it has one. Never throws,
 * whatever the value: `null`, a string, an object whose `message` getter or `toString`
 * throws, a revoked proxy.
 */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) {
      const stack = error.stack;
      if (typeof stack === "string" && stack !== "") return stack;
      return `${error.name}: ${error.message}`;
    }
  } catch {
    // a getter threw: fall through to the plain description
  }
  try {
    if (error === null) return "null";
    if (typeof error === "object" || typeof error === "function") {
      return `${Object.prototype.toString.call(error)} ${JSON.stringify(error) ?? ""}`.trim();
    }
    return `${typeof error} ${String(error)}`;
  } catch {
    return "(a thrown value that cannot be described)";
  }
}
