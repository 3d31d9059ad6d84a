import assert from "node:assert/strict";
import { test } from "node:test";
import { printable, printableJson } from "../../src/text/printable.js";
import { assertPrintable, HOSTILE } from "../helpers/hostile-text.js";

test("[promise:output-escapes-control-characters] printable escapes controls, bidi, zero-width and lone surrogates", () => {
  for (const [raw, escaped] of HOSTILE) {
    assert.equal(printable(`a${raw}b`), `a${escaped}b`);
  }
  const all = HOSTILE.map(([raw]) => raw).join("-");
  assertPrintable(
    printable(all),
    HOSTILE.map(([, escaped]) => escaped),
  );
  // An ANSI sequence is shown, not obeyed.
  assert.equal(printable("x\u001b[2J\u001b]0;title\u0007"), "x\\u001b[2J\\u001b]0;title\\u0007");
});

test("printable leaves ordinary text alone, letters of every script and emoji included", () => {
  for (const text of [
    "acme-resize-audit",
    "./dist/hooks.js:Audit",
    "Größe",
    "日本語",
    "🙂",
    "C:\\a\\b",
  ]) {
    assert.equal(printable(text), text);
  }
  // The joiner inside an emoji sequence is a format character: shown, never hidden.
  assert.equal(printable("👩\u200d💻"), "👩\\u200d💻");
});

test("printable is idempotent, and multiline keeps only newline and tab", () => {
  const once = printable("a\u001bb\nc\td\u202e");
  assert.equal(printable(once), once);
  assert.equal(printable("a\nb\tc\r\u001b", { multiline: true }), "a\nb\tc\\u000d\\u001b");
  assert.equal(printable("a\nb\tc"), "a\\u000ab\\u0009c");
});

test("printableJson escapes what JSON.stringify leaves raw, and parses to the same value", () => {
  const value = { name: HOSTILE.map(([raw]) => raw).join("-"), list: ["\u2028", "ok"] };
  const json = printableJson(JSON.stringify(value, null, 2));
  assertPrintable(json);
  assert.deepEqual(JSON.parse(json), value);
});
