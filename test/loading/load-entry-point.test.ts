import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { type EntryPoint, entryPoints } from "../../src/entry-points/index.js";
import { loadEntryPoint } from "../../src/loading/index.js";
import { linkDir, makeApp, type PackageSpec, tempDir, writeFile } from "../helpers/fixtures.js";

/** Discovers the single entry point `h` of one package and loads it. */
function loadOne(spec: Omit<PackageSpec, "entryPoints"> & { reference: string }) {
  const app = makeApp({ packages: [{ ...spec, entryPoints: { g: { h: spec.reference } } }] });
  const found = entryPoints({ root: app, group: "g" });
  assert.deepEqual(found.problems, []);
  const entryPoint = found.entryPoints[0] as EntryPoint;
  return { app, outcome: loadEntryPoint(entryPoint) };
}

const hook = (outcome: ReturnType<typeof loadEntryPoint>) => {
  if (!outcome.ok) assert.fail(outcome.problem.message);
  return outcome.instance;
};

test("an ES module class export is instantiated with no arguments", () => {
  const { outcome } = loadOne({
    name: "esm-plugin",
    reference: "./hooks.js:Audit",
    files: {
      "hooks.js": "export class Audit { constructor(...a) { this.args = a.length } pre() {} }",
    },
  });
  const instance = hook(outcome);
  assert.equal((instance.hook as { args?: number }).args, 0);
  assert.equal(instance.hasPre, true);
  assert.equal(instance.hasPost, false);
});

test("an object export is used as it is; default is the default export", () => {
  const { outcome } = loadOne({
    name: "obj",
    reference: "./hooks.js",
    files: { "hooks.js": "export default { post() {}, marker: 7 }" },
  });
  const instance = hook(outcome);
  assert.equal((instance.hook as { marker?: number }).marker, 7);
  assert.equal(instance.hasPost, true);
});

test("CommonJS: default is module.exports, named exports are properties, attributes are followed", () => {
  const files = {
    "hooks.cjs": "module.exports = { pre() {}, ns: { Inner: class { post() {} } } };",
  };
  const whole = hook(
    loadOne({ name: "cjs-a", type: "commonjs", reference: "./hooks.cjs", files }).outcome,
  );
  assert.equal(whole.hasPre, true);
  const inner = hook(
    loadOne({ name: "cjs-b", type: "commonjs", reference: "./hooks.cjs:ns.Inner", files }).outcome,
  );
  assert.equal(inner.hasPost, true);
});

test("CommonJS compiled from ESM (__esModule) gives its default export", () => {
  const { outcome } = loadOne({
    name: "ts-cjs",
    type: "commonjs",
    reference: "./hooks.js",
    files: {
      "hooks.js":
        'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = class { pre() {} };',
    },
  });
  assert.equal(hook(outcome).hasPre, true);
});

test("a self-reference goes through the package's exports map", () => {
  const { outcome } = loadOne({
    name: "with-exports",
    reference: "with-exports/hooks:Audit",
    exports: { "./hooks": "./lib/hooks-impl.js", "./package.json": "./package.json" },
    files: { "lib/hooks-impl.js": "export class Audit { pre() {} }" },
  });
  assert.equal(hook(outcome).hasPre, true);
  assert.match(outcome.ok ? outcome.file : "", /lib\/hooks-impl\.js$/);
});

// A `./` path is resolved as an absolute path, the way require() resolves a relative one
// (resolve-module.ts): these cases pin that the shared resolution keeps require()'s rules.
const relativeCases: [string, Omit<PackageSpec, "entryPoints"> & { reference: string }, RegExp][] =
  [
    [
      "an extensionless path finds the .js file",
      {
        name: "r1",
        reference: "./lib/hooks:A",
        files: { "lib/hooks.js": "export class A { pre() {} }" },
      },
      /\/r1\/lib\/hooks\.js$/,
    ],
    [
      "a folder finds its index.js",
      {
        name: "r2",
        reference: "./lib:A",
        files: { "lib/index.js": "export class A { pre() {} }" },
      },
      /\/r2\/lib\/index\.js$/,
    ],
    [
      "a folder with a package.json finds its main",
      {
        name: "r3",
        reference: "./lib:A",
        files: {
          "lib/package.json": JSON.stringify({ main: "./main.js" }),
          "lib/main.js": "export class A { pre() {} }",
        },
      },
      /\/r3\/lib\/main\.js$/,
    ],
    [
      "a file the package's exports map does not export (exports governs self-references only)",
      {
        name: "r4",
        reference: "./private/hooks.js:A",
        exports: { ".": "./index.js" },
        files: { "private/hooks.js": "export class A { pre() {} }" },
      },
      /\/r4\/private\/hooks\.js$/,
    ],
  ];

for (const [what, spec, file] of relativeCases) {
  test(`a ./ reference resolves like require(): ${what}`, () => {
    const { outcome } = loadOne(spec);
    assert.equal(hook(outcome).hasPre, true);
    assert.match(outcome.ok ? outcome.file : "", file);
  });
}

test("a ./ folder whose main leads into a node_modules folder of the package is refused: that is another package", () => {
  const { outcome } = loadOne({
    name: "r5",
    reference: "./lib:A",
    files: {
      "lib/package.json": JSON.stringify({ main: "../node_modules/other/hooks.js" }),
      "node_modules/other/hooks.js": "globalThis.__r5Loaded = true; export class A {}",
    },
  });
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.equal(outcome.problem.code, "ERR_REFERENCE_ESCAPES_PACKAGE");
  assert.equal((globalThis as { __r5Loaded?: boolean }).__r5Loaded, undefined);
});

const failures: [
  string,
  Omit<PackageSpec, "entryPoints"> & { reference: string },
  string,
  RegExp,
][] = [
  [
    "a missing module file",
    { name: "m1", reference: "./nope.js:A" },
    "ERR_MODULE_NOT_FOUND",
    /not found/,
  ],
  [
    "a missing export",
    { name: "m2", reference: "./h.js:Missing", files: { "h.js": "export class Present {}" } },
    "ERR_EXPORT_NOT_FOUND",
    /export "Missing" not found; the module exports: Present/,
  ],
  [
    "a module that throws while evaluated",
    { name: "m3", reference: "./h.js:A", files: { "h.js": "throw new Error('kaboom at load')" } },
    "ERR_MODULE_THREW",
    /kaboom at load/,
  ],
  [
    "a constructor that throws",
    {
      name: "m4",
      reference: "./h.js:A",
      files: { "h.js": "export class A { constructor() { throw new Error('ctor') } }" },
    },
    "ERR_CONSTRUCTOR_THREW",
    /ctor/,
  ],
  [
    "an arrow function export",
    { name: "m5", reference: "./h.js:A", files: { "h.js": "export const A = () => {}" } },
    "ERR_INVALID_HOOK_OBJECT",
    /not a constructor/,
  ],
  [
    "a primitive export",
    { name: "m6", reference: "./h.js:A", files: { "h.js": "export const A = 42" } },
    "ERR_INVALID_HOOK_OBJECT",
    /a number/,
  ],
  [
    "a pre that is not a function",
    { name: "m7", reference: "./h.js:A", files: { "h.js": "export const A = { pre: 'yes' }" } },
    "ERR_INVALID_HOOK_OBJECT",
    /"pre" is a string/,
  ],
  [
    "top-level await",
    {
      name: "m8",
      reference: "./h.js:A",
      files: { "h.js": "await Promise.resolve(); export class A {}" },
    },
    "ERR_TOP_LEVEL_AWAIT",
    /top-level await/,
  ],
];

for (const [what, spec, code, message] of failures) {
  test(`${what} is reported as ${code}, naming the package and entry point`, () => {
    const { outcome } = loadOne(spec);
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.problem.code, code);
    assert.match(outcome.problem.message, message);
    assert.match(outcome.problem.message, new RegExp(`^package "${spec.name}", entry point "g:h"`));
  });
}

test("a module reached through a symlink that leaves the package is refused, not loaded", () => {
  const outside = tempDir();
  writeFile(
    join(outside, "evil.js"),
    "globalThis.__evilLoaded = true; export class A { pre() {} }",
  );
  const app = makeApp({
    packages: [{ name: "linker", entryPoints: { g: { h: "./lib/evil.js:A" } } }],
  });
  linkDir(outside, join(app, "node_modules", "linker", "lib"));
  const [entryPoint] = entryPoints({ root: app, group: "g" }).entryPoints;
  const outcome = loadEntryPoint(entryPoint as EntryPoint);
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.equal(outcome.problem.code, "ERR_REFERENCE_ESCAPES_PACKAGE");
  assert.equal((globalThis as { __evilLoaded?: boolean }).__evilLoaded, undefined);
});
