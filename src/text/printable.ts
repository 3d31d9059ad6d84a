/**
 * Makes untrusted text safe to print. Package names, versions, hook names, references and
 * paths come from files any installed package can write; printed raw, an ESC sequence
 * repaints the terminal, a CR overwrites the line, a bidi override (U+202E) shows text in
 * another order than it is stored, and a newline forges a log line.
 *
 * Every character of these Unicode categories is escaped: Cc (C0 controls, DEL, C1
 * controls), Cf (format characters: bidi controls U+200E-200F, U+202A-202E, U+2066-2069,
 * zero-width characters U+200B-200D, U+2060, U+FEFF, tag characters U+E0000-E007F), Zl and
 * Zp (U+2028, U+2029), and Cs (a lone surrogate). Each becomes its JavaScript escape,
 * `\u001b` (lower-case hex), or `\u{e0041}` above U+FFFF, so a reader sees what was there.
 * A backslash already in the text is left as it is: the escaped form is for reading and is
 * idempotent (escaping twice changes nothing), while `--json` output keeps the exact value.
 *
 * The library never imports the CLI; this module sits below both so that each can use it.
 *
 * @module
 */

/** The characters {@link printable} escapes (see the module comment for why each). */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "gu");
/** The same set without `\n` and `\t`, for multi-line text such as stack traces. */
const UNSAFE_MULTILINE = /(?![\n\t])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

function escapeOne(character: string): string {
  const code = character.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every control, format, line-separator and lone-surrogate character escaped
 * as `\uXXXX`, so that printing it cannot steer a terminal or forge a line. Text with
 * nothing to escape is returned as is (the common case costs one regular-expression test).
 * With `multiline`, `\n` and `\t` are kept, for messages that carry a stack trace.
 *
 * @example
 * ```ts
 * printable("evil\u001b[2Jname"); // "evil\\u001b[2Jname"
 * printable("abc\u202Efed");     // "abc\\u202efed"
 * ```
 */
export function printable(text: string, options?: { readonly multiline?: boolean }): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(options?.multiline ? UNSAFE_MULTILINE : UNSAFE_ALL, escapeOne);
}

/** The characters `JSON.stringify` leaves raw that {@link printableJson} escapes. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;

function jsonEscapeOne(character: string): string {
  let escaped = "";
  // Above U+FFFF (tag characters): JSON escapes the UTF-16 surrogate pair.
  for (let i = 0; i < character.length; i++) {
    escaped += `\\u${character.charCodeAt(i).toString(16).padStart(4, "0")}`;
  }
  return escaped;
}

/**
 * A JSON text with the characters `JSON.stringify` leaves raw (DEL, C1 controls, bidi and
 * other format characters, U+2028 and U+2029) written as `\uXXXX` escapes. It parses to
 * exactly the same value: JSON's structure is ASCII, so these can only be inside strings.
 * `JSON.stringify` already escapes C0 controls and lone surrogates.
 *
 * @example
 * ```ts
 * printableJson(JSON.stringify({ name: "a\u202Eb" })); // '{"name":"a\\u202eb"}'
 * ```
 */
export function printableJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, jsonEscapeOne);
}
