import assert from "node:assert/strict";
import { test } from "node:test";
import { palette, useColor } from "../../src/cli/color.js";
import { renderTable, truncate } from "../../src/cli/table.js";

test("renderTable aligns columns, upper-cases headers, leaves no trailing spaces", () => {
  const text = renderTable(
    [{ title: "a" }, { title: "bb" }],
    [
      ["x", "y"],
      ["long", ""],
    ],
  );
  assert.equal(text, "A     BB\nx     y\nlong\n");
});

test("renderTable squeezes columns in squeezeOrder down to minWidth to fit maxWidth", () => {
  const columns = [
    { title: "package", minWidth: 8 },
    { title: "reference", minWidth: 9, squeezeOrder: -1 },
    { title: "status" },
  ];
  const rows = [["p".repeat(20), "r".repeat(20), "ok"]];
  const text = renderTable(columns, rows, { maxWidth: 35 });
  for (const line of text.trimEnd().split("\n")) assert.ok(line.length <= 35, line);
  // The reference gave way first (to its minimum), then the package.
  assert.equal(text.split("\n")[1], `${"p".repeat(15)}…  ${"r".repeat(8)}…  ok`);
});

test("styled cells are padded outside the style", () => {
  const text = renderTable(
    [{ title: "s" }, { title: "t" }],
    [[{ text: "ok", style: (t) => `<${t}>` }, "x"]],
  );
  assert.equal(text.split("\n")[1], "<ok>  x");
});

test("truncate marks the cut", () => {
  assert.equal(truncate("abcdef", 4), "abc…");
  assert.equal(truncate("abc", 4), "abc");
});

test("useColor: FORCE_COLOR, then NO_COLOR, then a terminal that is not dumb", () => {
  assert.equal(useColor({}, true), true);
  assert.equal(useColor({}, false), false);
  assert.equal(useColor({ NO_COLOR: "1" }, true), false);
  assert.equal(useColor({ NO_COLOR: "" }, true), true);
  assert.equal(useColor({ TERM: "dumb" }, true), false);
  assert.equal(useColor({ FORCE_COLOR: "1" }, false), true);
  assert.equal(useColor({ FORCE_COLOR: "0", NO_COLOR: "" }, true), false);
  assert.equal(palette(false).red("x"), "x");
  assert.equal(palette(true).red("x"), "\u001b[31mx\u001b[39m");
});
