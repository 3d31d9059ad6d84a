import assert from "node:assert/strict";

/**
 * Characters that must never reach a terminal or a log line raw, each with the escaped form
 * `printable` writes for it: C0 (ESC, CR, BEL), DEL, C1 (CSI), bidi controls and
 * zero-width characters, line separators, a tag character and lone surrogates.
 */
export const HOSTILE: readonly (readonly [raw: string, escaped: string])[] = [
  ["\u001b", "\\u001b"],
  ["\r", "\\u000d"],
  ["\u0007", "\\u0007"],
  ["\u007f", "\\u007f"],
  ["\u009b", "\\u009b"],
  ["\u202e", "\\u202e"],
  ["\u2066", "\\u2066"],
  ["\u2069", "\\u2069"],
  ["\u200b", "\\u200b"],
  ["\u200f", "\\u200f"],
  ["\u2028", "\\u2028"],
  ["\ufeff", "\\ufeff"],
  ["\u{e0041}", "\\u{e0041}"],
  ["\ud800", "\\ud800"],
  ["\udfff", "\\udfff"],
];

/** Asserts that `text` holds none of the {@link HOSTILE} characters raw, and each of `shown`. */
export function assertPrintable(text: string, shown: readonly string[] = []): void {
  for (const [raw, escaped] of HOSTILE) {
    // A lone surrogate must not be found inside a valid pair, so test code units one by one.
    const found = raw.length === 1 ? hasLoneUnit(text, raw) : text.includes(raw);
    assert.ok(!found, `raw ${escaped} in:\n${text}`);
  }
  for (const part of shown)
    assert.ok(text.includes(part), `${JSON.stringify(part)} not in:\n${text}`);
}

function hasLoneUnit(text: string, unit: string): boolean {
  const code = unit.charCodeAt(0);
  if (code < 0xd800 || code > 0xdfff) return text.includes(unit);
  return /\p{Cs}/u.test(text);
}
