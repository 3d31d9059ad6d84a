import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { entryPoints } from "../../src/entry-points/index.js";
import { linkDir, makeApp, tempDir, writePackage } from "../helpers/fixtures.js";

const hooksOf = (name: string) => ({ "nova.hooks": { [name]: "./hooks.js:Hook" } });
const summary = (result: ReturnType<typeof entryPoints>) =>
  result.entryPoints.map(
    (ep) => `${ep.package}@${ep.version} ${ep.group}:${ep.name}=${ep.reference}`,
  );

test("finds the entry points of packages in node_modules, ordered by package then name", () => {
  const app = makeApp({
    packages: [
      { name: "zeta", entryPoints: { "nova.hooks": { b_hook: "./h.js:B", a_hook: "./h.js:A" } } },
      { name: "alpha", version: "2.0.0", entryPoints: hooksOf("resize_hook") },
      { name: "plain" },
    ],
  });
  const result = entryPoints({ root: app, group: "nova.hooks" });
  assert.deepEqual(summary(result), [
    "alpha@2.0.0 nova.hooks:resize_hook=./hooks.js:Hook",
    "zeta@1.0.0 nova.hooks:a_hook=./h.js:A",
    "zeta@1.0.0 nova.hooks:b_hook=./h.js:B",
  ]);
  assert.deepEqual(result.problems, []);
  assert.equal(result.root, app);
  assert.equal(result.entryPoints[0]?.directory, join(app, "node_modules", "alpha"));
  assert.deepEqual(result.entryPoints[0]?.exportPath, ["Hook"]);
});

test("filters by group, or returns every group", () => {
  const app = makeApp({
    packages: [
      {
        name: "multi",
        entryPoints: { "nova.hooks": { h: "./a.js" }, "other.group": { x: "./b.js" } },
      },
    ],
  });
  assert.deepEqual(
    entryPoints({ root: app, group: "other.group" }).entryPoints.map((ep) => ep.name),
    ["x"],
  );
  assert.deepEqual(
    entryPoints({ root: app }).entryPoints.map((ep) => `${ep.group}:${ep.name}`),
    ["nova.hooks:h", "other.group:x"],
  );
});

test("the root package itself counts", () => {
  const app = makeApp({ root: { entryPoints: hooksOf("self_hook") } });
  assert.deepEqual(
    entryPoints({ root: app, group: "nova.hooks" }).entryPoints.map((ep) => ep.package),
    ["app"],
  );
});

test("the root may be a module's file URL or path: its nearest package.json", () => {
  const app = makeApp({ packages: [{ name: "p", entryPoints: hooksOf("h") }] });
  const file = join(app, "src", "deep", "main.js");
  mkdirSync(join(app, "src", "deep"), { recursive: true });
  writeFileSync(file, "");
  for (const root of [pathToFileURL(file), pathToFileURL(file).href, file, join(app, "src")]) {
    const result = entryPoints({ root, group: "nova.hooks" });
    assert.equal(result.root, app);
    assert.equal(result.entryPoints.length, 1);
  }
});

test("nested duplicates (npm): a transitive dependency in a nested node_modules is found", () => {
  const app = makeApp({ packages: [{ name: "host-lib", dependencies: { inner: "2" } }] });
  writePackage(join(app, "node_modules", "host-lib", "node_modules", "inner"), {
    name: "inner",
    version: "2.0.0",
    entryPoints: hooksOf("h"),
  });
  writePackage(join(app, "node_modules", "not-a-dep", "node_modules", "hidden"), {
    name: "hidden",
    entryPoints: hooksOf("h"),
  });
  // not-a-dep has no package.json: a folder without one is not a package, and what it holds is not reachable.
  const result = entryPoints({ root: app, group: "nova.hooks" });
  assert.deepEqual(summary(result), ["inner@2.0.0 nova.hooks:h=./hooks.js:Hook"]);
});

test("scoped packages are found", () => {
  const app = makeApp({ packages: [{ name: "@acme/audit", entryPoints: hooksOf("h") }] });
  assert.deepEqual(
    entryPoints({ root: app, group: "nova.hooks" }).entryPoints.map((ep) => ep.package),
    ["@acme/audit"],
  );
});

test("pnpm's isolated layout: symlinks into a store, dependencies beside each package", () => {
  const app = tempDir();
  writePackage(app, { name: "app", dependencies: { direct: "1" } });
  const store = join(app, "node_modules", ".pnpm");
  const directDir = join(store, "direct@1.0.0", "node_modules", "direct");
  const transitiveDir = join(store, "transitive@3.0.0", "node_modules", "transitive");
  writePackage(directDir, { name: "direct", dependencies: { transitive: "3" } });
  writePackage(transitiveDir, { name: "transitive", version: "3.0.0", entryPoints: hooksOf("h") });
  linkDir(directDir, join(app, "node_modules", "direct"));
  linkDir(transitiveDir, join(store, "direct@1.0.0", "node_modules", "transitive"));
  const result = entryPoints({ root: app, group: "nova.hooks" });
  assert.deepEqual(summary(result), ["transitive@3.0.0 nova.hooks:h=./hooks.js:Hook"]);
  assert.equal(result.entryPoints[0]?.directory, transitiveDir, "the directory is the real path");
});

test("workspaces: a symlinked workspace package and its own dependencies", () => {
  const app = tempDir();
  writePackage(app, { name: "monorepo" });
  const workspace = join(app, "packages", "plugin");
  writePackage(workspace, {
    name: "ws-plugin",
    entryPoints: hooksOf("h"),
    dependencies: { dep: "1" },
  });
  writePackage(join(workspace, "node_modules", "dep"), { name: "dep", entryPoints: hooksOf("g") });
  linkDir(workspace, join(app, "node_modules", "ws-plugin"));
  const result = entryPoints({ root: app, group: "nova.hooks" });
  assert.deepEqual(
    result.entryPoints.map((ep) => ep.package),
    ["dep", "ws-plugin"],
  );
});

test("packages in the node_modules of parent folders are installed too", () => {
  const outer = tempDir();
  writePackage(join(outer, "node_modules", "global-plugin"), {
    name: "global-plugin",
    entryPoints: hooksOf("h"),
  });
  const app = join(outer, "apps", "tool");
  writePackage(app, { name: "tool" });
  assert.deepEqual(
    entryPoints({ root: app, group: "nova.hooks" }).entryPoints.map((ep) => ep.package),
    ["global-plugin"],
  );
});

test("bad package.json files and fields are problems naming the package; the rest still counts", () => {
  const app = makeApp({
    packages: [
      { name: "broken-json", rawPackageJson: '{ "name": "broken-json", "entryPoints": ' },
      { name: "not-object", rawPackageJson: "[1, 2]" },
      { name: "bad-field", entryPoints: "nova.hooks=./x.js" },
      { name: "bad-group", entryPoints: { "nova.hooks": ["./x.js"] } },
      {
        name: "bad-refs",
        entryPoints: {
          "nova.hooks": {
            empty: "",
            up: "../x.js:A",
            abs: "/x.js:A",
            url: "file:///x.js:A",
            ok: "./ok.js",
          },
        },
      },
      { name: "good", entryPoints: hooksOf("h") },
    ],
  });
  const result = entryPoints({ root: app, group: "nova.hooks" });
  assert.deepEqual(
    result.entryPoints.map((ep) => `${ep.package}:${ep.name}`),
    ["bad-refs:ok", "good:h"],
  );
  const problems = result.problems
    .map((p) => `${p.code} ${p.package} ${p.entryPoint ?? "-"}`)
    .sort();
  assert.deepEqual(problems, [
    "ERR_INVALID_ENTRY_POINTS bad-field -",
    "ERR_INVALID_ENTRY_POINTS bad-group -",
    "ERR_INVALID_PACKAGE_JSON broken-json -",
    "ERR_INVALID_PACKAGE_JSON not-object -",
    "ERR_INVALID_REFERENCE bad-refs empty",
    "ERR_REFERENCE_ESCAPES_PACKAGE bad-refs abs",
    "ERR_REFERENCE_ESCAPES_PACKAGE bad-refs up",
    "ERR_REFERENCE_ESCAPES_PACKAGE bad-refs url",
  ]);
  for (const p of result.problems) assert.match(p.message, new RegExp(`package "${p.package}"`));
});

test("[promise:entry-points-no-prototype-keys] __proto__ and constructor keys neither pollute prototypes nor count", () => {
  const app = makeApp({
    packages: [
      {
        name: "sneaky",
        rawPackageJson:
          '{"name":"sneaky","entryPoints":{"__proto__":{"polluted":"./x.js"},"nova.hooks":{"__proto__":"./x.js","constructor":"./x.js","h":"./x.js"}}}',
      },
    ],
  });
  const result = entryPoints({ root: app });
  assert.deepEqual(
    result.entryPoints.map((ep) => `${ep.group}:${ep.name}`),
    ["nova.hooks:h"],
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.hasOwn(Object.prototype, "polluted"), false);
  assert.equal(result.problems.filter((p) => p.code === "ERR_INVALID_ENTRY_POINTS").length, 3);
});

test("dependency cycles and symlink loops end", () => {
  const app = makeApp({
    packages: [
      { name: "a", dependencies: { b: "1" }, entryPoints: hooksOf("h") },
      { name: "b", dependencies: { a: "1" }, entryPoints: hooksOf("h") },
    ],
  });
  linkDir(join(app, "node_modules", "loop"), join(app, "node_modules", "loop")); // points at itself
  linkDir(join(app, "node_modules"), join(app, "node_modules", "a", "node_modules", "up")); // a cycle of folders
  linkDir(join(app, "missing-target"), join(app, "node_modules", "dangling"));
  writeFileSync(join(app, "node_modules", "a-file"), "not a folder");
  const result = entryPoints({ root: app, group: "nova.hooks" });
  assert.deepEqual(
    result.entryPoints.map((ep) => ep.package),
    ["a", "b"],
  );
});

test("[promise:discovery-nearest-copy-wins] a package name installed twice keeps the copy nearest the root", () => {
  const app = makeApp({
    packages: [
      { name: "dup", version: "1.0.0", entryPoints: hooksOf("h") },
      { name: "user", dependencies: { dup: "2" } },
    ],
  });
  writePackage(join(app, "node_modules", "user", "node_modules", "dup"), {
    name: "dup",
    version: "2.0.0",
    entryPoints: hooksOf("h"),
  });
  assert.deepEqual(summary(entryPoints({ root: app, group: "nova.hooks" })), [
    "dup@1.0.0 nova.hooks:h=./hooks.js:Hook",
  ]);
});
