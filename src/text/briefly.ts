/**
 * The first line of an error's message, safe for any thrown value. A module of its own: the
 * main file needs it (a hooked call names a failing plugin), loading's import code is loaded
 * on first use only.
 */
export function briefly(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${String(error.message).split("\n")[0]}`;
    return String(error).split("\n")[0] ?? "";
  } catch {
    return "(an unprintable value)";
  }
}
