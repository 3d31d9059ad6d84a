/**
 * Event-type patterns, with AMQP topic semantics so that one pattern means the same thing in
 * a routing file, a listener and a broker binding: words are separated by `.`, `*` matches
 * exactly one word and `#` matches zero or more words. `instance.*.end` matches
 * `instance.resize.end`; `instance.#` matches `instance` and `instance.resize.end`.
 */

const WORD = /^[A-Za-z0-9_-]+$/;

/** Whether `pattern` is well formed: words, `*` and `#`, separated by dots. */
export function isValidPattern(pattern: unknown): pattern is string {
  return (
    typeof pattern === "string" &&
    pattern.length > 0 &&
    pattern.split(".").every((word) => word === "*" || word === "#" || WORD.test(word))
  );
}

/** Whether `type` is a valid event type: words separated by dots (no wildcards). */
export function isValidEventType(type: unknown): type is string {
  return (
    typeof type === "string" && type.length <= 255 && type.split(".").every((w) => WORD.test(w))
  );
}

/**
 * Compiles a pattern into a predicate on event types.
 *
 * @example
 * ```ts
 * compilePattern("instance.*.end")("instance.resize.end"); // true
 * ```
 */
export function compilePattern(pattern: string): (type: string) => boolean {
  const words = pattern.split(".");
  return (type) => matchWords(words, 0, type.split("."), 0);
}

function matchWords(pattern: string[], p: number, words: string[], w: number): boolean {
  if (p === pattern.length) return w === words.length;
  const head = pattern[p];
  if (head === "#") {
    for (let skip = w; skip <= words.length; skip++)
      if (matchWords(pattern, p + 1, words, skip)) return true;
    return false;
  }
  if (w === words.length) return false;
  if (head !== "*" && head !== words[w]) return false;
  return matchWords(pattern, p + 1, words, w + 1);
}
