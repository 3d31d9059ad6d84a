/**
 * Properties of the package.json reader and the `entryPoints` field parser: for any file
 * content and any JSON (keys such as `__proto__` included, as JSON.parse makes them own
 * keys), they never throw, never pollute a prototype, and find exactly the entry points the
 * model of the format finds, reporting every other entry as a problem naming the package.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { readEntryPoints } from "../../src/entry-points/manifest.js";
import { isProblem, readManifest } from "../../src/entry-points/package-json.js";
import type { Problem } from "../../src/errors/index.js";
import { modelEntryPoints } from "./reference-model.js";
import { check, countInput, runs, tempDir, writeFile } from "./support.js";

const KEYS = [
  "g",
  "other",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "",
  " ",
  "h1",
  "h2",
  "é",
];
const REFERENCES = [
  "./hooks.js:Hook",
  "./dist/x.js",
  "pkg/sub",
  "pkg",
  "@scope/pkg/x",
  "./a.js:ns.Attr",
  "../x.js",
  "/abs.js",
  "node:fs",
  "file:///x.js",
  "other/x",
  "./a\\b.js",
  "./%2e%2e/x.js",
  "./node_modules/x/y.js",
  "./a.js:",
  "./a.js:1bad",
  "./a.js:__proto__",
  "./a.js:x.constructor",
  "./\u0000.js",
  "",
  "  ",
];

/** JSON built as text, so duplicate keys and `__proto__` keys reach JSON.parse as written. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...REFERENCES).map((r) => JSON.stringify(r)),
    fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
    tie("object"),
  ),
  object: fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 })), tie("value")),
      {
        maxLength: 5,
      },
    )
    .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
})).value;

const packageJsonArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        name: fc.constantFrom(`"pkg"`, `"@scope/pkg"`, `""`, "5", "null", undefined),
        version: fc.constantFrom(`"1.2.3"`, "7", undefined),
        entryPoints: fc.option(jsonText, { nil: undefined }),
      })
      .map((fields) => {
        const pairs = Object.entries(fields).filter(([, v]) => v !== undefined);
        return `{${pairs.map(([k, v]) => `"${k}":${v}`).join(",")}}`;
      }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "null", "[]", "42", '"x"', "{", '{"name":"pkg",}') },
);

test("[promise:manifest-any-content] readManifest and readEntryPoints never throw, pollute nothing, and find exactly the valid entry points", async () => {
  const base = tempDir();
  const protoKeys = Reflect.ownKeys(Object.prototype).length;
  let index = 0;
  await check(
    "manifest: entryPoints parser equals the format model",
    fc.property(packageJsonArb, fc.constantFrom("g", undefined), (text, group) => {
      countInput();
      const directory = join(base, `p${index++}`);
      writeFile(join(directory, "package.json"), text);
      const manifest = readManifest(directory);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        assert.ok(manifest !== undefined && isProblem(manifest));
        assert.equal(manifest.code, "ERR_INVALID_PACKAGE_JSON");
        return;
      }
      const isObject = typeof json === "object" && json !== null && !Array.isArray(json);
      assert.ok(manifest !== undefined);
      if (!isObject) {
        assert.ok(isProblem(manifest));
        assert.equal(manifest.code, "ERR_INVALID_PACKAGE_JSON");
        return;
      }
      assert.ok(!isProblem(manifest));
      const fields = json as Record<string, unknown>;
      const name =
        typeof fields.name === "string" && fields.name !== "" ? fields.name : basename(directory);
      assert.equal(manifest.name, name);

      const problems: Problem[] = [];
      const found = readEntryPoints(manifest, group, problems);
      const expected = modelEntryPoints(fields.entryPoints, name, group);
      assert.deepEqual(
        found.map((e) => ({
          group: e.group,
          name: e.name,
          reference: e.reference,
          module: e.module,
          exportPath: [...e.exportPath],
        })),
        expected.found,
      );
      for (const e of found) {
        assert.equal(e.package, name);
        assert.equal(e.directory, directory);
      }
      const count = (codes: string[]) => problems.filter((p) => codes.includes(p.code)).length;
      assert.equal(problems.length, expected.problems.length, "one problem per bad entry");
      assert.equal(
        count(["ERR_INVALID_REFERENCE", "ERR_REFERENCE_ESCAPES_PACKAGE"]),
        expected.problems.filter((p) => p === "reference").length,
      );
      for (const p of problems) {
        assert.equal(p.package, name, "a problem names its package");
        assert.ok(p.message.startsWith(`package "${name}"`), p.message);
      }
      assert.equal(Reflect.ownKeys(Object.prototype).length, protoKeys, "no prototype pollution");
      assert.equal(({} as Record<string, unknown>).g, undefined);
    }),
    runs(300),
  );
});
