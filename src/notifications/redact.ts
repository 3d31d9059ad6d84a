/**
 * Hides credentials in any text that may reach a log line or an error: the user-info of URLs
 * (`amqp://user:secret@host` becomes `amqp://***@host`) and the `password=` style query
 * parameters. Every message a notification driver logs or throws goes through this.
 *
 * @example
 * ```ts
 * redact("connect to amqp://app:s3cret@mq:5672/prod failed"); // "connect to amqp://***@mq:5672/prod failed"
 * ```
 */
export function redact(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, "$1***@")
    .replace(/\b(password|passwd|pass|secret|token)=([^&\s]+)/gi, "$1=***");
}

/** {@link redact} for any thrown value: its message and stack, never the raw object. */
export function redactError(error: unknown): string {
  if (error instanceof Error) return redact(`${error.name}: ${error.message}`);
  try {
    return redact(String(error));
  } catch {
    return "an unprintable value";
  }
}
