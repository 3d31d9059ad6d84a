/**
 * The promises of docs/entry-points-format.md not covered elsewhere by name: defaults of the
 * field, many packages under one name, the export path rules, and what a loaded export must
 * be (through the loading layer, as a user meets them).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { type EntryPoint, entryPoints, parseReference } from "../../src/entry-points/index.js";
import { PlughooksError } from "../../src/errors/index.js";
import { loadEntryPoint } from "../../src/loading/index.js";
import { linkDir, makeApp, type PackageSpec, tempDir, writeFile } from "../helpers/fixtures.js";

const GROUP = "g";
const discover = (app: string) => entryPoints({ root: app, group: GROUP, index: false });

test("[promise:entry-points-field-optional] a package without entryPoints has no plugins and no problem", () => {
  const app = makeApp({ packages: [{ name: "plain" }, { name: "also-plain", version: "2.0.0" }] });
  const result = discover(app);
  assert.deepEqual(result.entryPoints, []);
  assert.deepEqual(result.problems, []);
  assert.equal(result.packagesScanned, 3);
});

test("[promise:entry-points-name-version-fallback] without a name the folder name is used; without a version, 0.0.0", () => {
  const app = makeApp({
    packages: [
      { name: "nameless", rawPackageJson: JSON.stringify({ entryPoints: { g: { h: "./h.js" } } }) },
    ],
  });
  const [ep] = discover(app).entryPoints;
  assert.equal(ep?.package, "nameless");
  assert.equal(ep?.version, "0.0.0");
});

test("[promise:entry-points-same-name-many-packages] many packages may provide the same name, and each is found", () => {
  const app = makeApp({
    packages: ["p-one", "p-two", "p-three"].map((name) => ({
      name,
      entryPoints: { g: { shared_hook: "./h.js:H" } },
    })),
  });
  assert.deepEqual(
    discover(app).entryPoints.map((ep) => `${ep.package} ${ep.name}`),
    ["p-one shared_hook", "p-three shared_hook", "p-two shared_hook"],
  );
});

test("[promise:reference-export-path-rules] the export path is identifiers joined by dots, never __proto__, prototype or constructor", () => {
  const site = { package: "pkg", group: GROUP, entryPoint: "h" };
  assert.deepEqual(parseReference("./a.js:$x._y.Z1", site).exportPath, ["$x", "_y", "Z1"]);
  assert.deepEqual(parseReference("./a.js", site).exportPath, ["default"]);
  for (const bad of [
    "./a.js:",
    "./a.js:1x",
    "./a.js:a..b",
    "./a.js:a-b",
    "./a.js:__proto__",
    "./a.js:x.prototype",
    "./a.js:constructor",
    `./${"a".repeat(1030)}.js`,
  ]) {
    assert.throws(
      () => parseReference(bad, site),
      (error) => error instanceof PlughooksError && error.code === "ERR_INVALID_REFERENCE",
      bad,
    );
  }
});

/** Discovers the single entry point `h` of one package and loads it. */
function loadOne(spec: Omit<PackageSpec, "entryPoints"> & { reference: string }) {
  const app = makeApp({ packages: [{ ...spec, entryPoints: { g: { h: spec.reference } } }] });
  const found = discover(app);
  assert.deepEqual(found.problems, []);
  return loadEntryPoint(found.entryPoints[0] as EntryPoint);
}

test("[promise:export-shape-rules] a class is instantiated, an object used as is, anything else is ERR_INVALID_HOOK_OBJECT", () => {
  const cases: [string, string, string | true][] = [
    ["export class A { pre() {} }", "./h.js:A", true],
    ["export const o = { post() {} };", "./h.js:o", true],
    ["export const o = {};", "./h.js:o", true], // neither pre nor post: loaded, does nothing
    ["export const f = () => {};", "./h.js:f", "ERR_INVALID_HOOK_OBJECT"],
    ["export const n = 7;", "./h.js:n", "ERR_INVALID_HOOK_OBJECT"],
    ["export const z = null;", "./h.js:z", "ERR_INVALID_HOOK_OBJECT"],
    ["export const o = { pre: 'no' };", "./h.js:o", "ERR_INVALID_HOOK_OBJECT"],
  ];
  cases.forEach(([source, reference, expected], i) => {
    const outcome = loadOne({ name: `shape-${i}`, reference, files: { "h.js": source } });
    if (expected === true) assert.equal(outcome.ok, true, source);
    else assert.equal(outcome.ok ? "ok" : outcome.problem.code, expected, source);
  });
  const made = loadOne({
    name: "shape-class",
    reference: "./h.js:A",
    files: { "h.js": "export class A { constructor(...a) { this.n = a.length; } pre() {} }" },
  });
  assert.ok(made.ok);
  if (made.ok) assert.equal((made.instance.hook as { n?: number }).n, 0, "new with no arguments");
});

test("[promise:cjs-esmodule-default] CommonJS compiled from an ES module gives its default export", () => {
  const outcome = loadOne({
    name: "cjs-compiled",
    type: "commonjs",
    reference: "./h.js",
    files: {
      "h.js": `Object.defineProperty(exports, "__esModule", { value: true });
exports.default = { pre() {}, marker: "default" };`,
    },
  });
  assert.ok(outcome.ok);
  if (outcome.ok) assert.equal((outcome.instance.hook as { marker?: string }).marker, "default");
});

test("[promise:reference-real-path-inside-package] a module whose real path leaves the package, or lies in its node_modules, is refused", () => {
  const outside = tempDir();
  writeFile(join(outside, "evil.js"), "export class A { pre() {} }");
  const app = makeApp({
    packages: [
      { name: "linker", entryPoints: { g: { h: "./lib/evil.js:A" } } },
      {
        name: "nested",
        entryPoints: { g: { h: "./vendored/x.js:A" } },
        files: { "node_modules/dep/x.js": "export class A { pre() {} }" },
      },
    ],
  });
  linkDir(outside, join(app, "node_modules", "linker", "lib"));
  linkDir(
    join(app, "node_modules", "nested", "node_modules", "dep"),
    join(app, "node_modules", "nested", "vendored"),
  );
  for (const ep of discover(app).entryPoints) {
    const outcome = loadEntryPoint(ep);
    assert.equal(
      outcome.ok ? "ok" : outcome.problem.code,
      "ERR_REFERENCE_ESCAPES_PACKAGE",
      ep.package,
    );
  }
});
