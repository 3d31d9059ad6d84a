import assert from "node:assert/strict";
import { test } from "node:test";
import { makeApp } from "../helpers/fixtures.js";
import { brokenApp, errLines, goodApp, jsonOf, pluginPackage, runCli } from "./helpers.js";

const ESC = "\u001b[";

test("list prints an aligned table per group, sorted by hook then package, exit 0", () => {
  const app = goodApp();
  const run = runCli(["list", "--root", app]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, "");
  assert.equal(
    run.stdout,
    [
      "nova.hooks",
      "  HOOK         PACKAGE            VERSION  REFERENCE               STATUS",
      "  build_hook   acme-quota         0.3.1    ./hooks/build_hook.js   allowed",
      "  resize_hook  acme-quota         0.3.1    ./hooks/resize_hook.js  allowed",
      "  resize_hook  acme-resize-audit  1.2.0    ./hooks/resize_hook.js  allowed",
      "",
      "3 entry points in 2 package(s) (3 scanned)",
      "",
    ].join("\n"),
  );
});

test("list finds the application from the working directory", () => {
  const app = goodApp();
  const run = runCli(["list"], { cwd: app });
  assert.equal(run.status, 0);
  assert.match(run.stdout, /3 entry points/);
});

test("list fits 80 columns, cutting long names with an ellipsis", () => {
  const long = "a-very-long-plugin-package-name-that-goes-on-and-on";
  const app = makeApp({
    packages: [
      {
        ...pluginPackage(long, ["resize_hook_with_a_long_name"], { version: "10.20.30-beta.4" }),
        entryPoints: {
          "nova.hooks": {
            resize_hook_with_a_long_name: `./hooks/resize_hook_with_a_long_name.js:default`,
          },
        },
      },
    ],
  });
  const run = runCli(["list", "--root", app]);
  assert.equal(run.status, 0, run.stderr);
  for (const line of run.stdout.split("\n")) assert.ok(line.length <= 80, `too wide: ${line}`);
  assert.match(run.stdout, /…/);
  assert.match(run.stdout, /allowed$/m);
  // --json keeps the full text.
  const json = jsonOf(runCli(["list", "--root", app, "--json"]));
  assert.equal(json.entryPoints[0].package, long);
});

test("list --json is versioned and stable", () => {
  const app = goodApp();
  const json = jsonOf(runCli(["list", "--root", app, "--json"]));
  assert.deepEqual(Object.keys(json), [
    "schemaVersion",
    "command",
    "root",
    "group",
    "lock",
    "packagesScanned",
    "entryPoints",
    "problems",
    "warnings",
  ]);
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.root, app);
  assert.equal(json.lock, null);
  assert.deepEqual(json.entryPoints[2], {
    group: "nova.hooks",
    name: "resize_hook",
    package: "acme-resize-audit",
    version: "1.2.0",
    reference: "./hooks/resize_hook.js",
    status: "allowed",
  });
  assert.deepEqual(json.problems, []);
});

test("list shows PLUGHOOKS_DENY and PLUGHOOKS_ALLOW as statuses", () => {
  const app = goodApp();
  const denied = jsonOf(
    runCli(["list", "--root", app, "--json"], { env: { PLUGHOOKS_DENY: "acme-quota" } }),
  );
  assert.deepEqual(
    denied.entryPoints.map((e: any) => `${e.package}:${e.status}`),
    ["acme-quota:denied", "acme-quota:denied", "acme-resize-audit:allowed"],
  );
  const allowed = jsonOf(
    runCli(["list", "--root", app, "--json"], { env: { PLUGHOOKS_ALLOW: "acme-quota" } }),
  );
  assert.deepEqual(
    allowed.entryPoints.map((e: any) => `${e.package}:${e.status}`),
    ["acme-quota:allowed", "acme-quota:allowed", "acme-resize-audit:not-allowed"],
  );
});

test("list --group keeps one group", () => {
  const app = makeApp({
    packages: [
      pluginPackage("one", ["a"], { group: "nova.hooks" }),
      pluginPackage("two", ["b"], { group: "other.hooks" }),
    ],
  });
  const all = runCli(["list", "--root", app]);
  assert.match(all.stdout, /^nova\.hooks$/m);
  assert.match(all.stdout, /^other\.hooks$/m);
  const one = jsonOf(runCli(["list", "--root", app, "--group", "other.hooks", "--json"]));
  assert.deepEqual(
    one.entryPoints.map((e: any) => e.package),
    ["two"],
  );
});

test("list marks broken entry points, reports each problem on one stderr line, exit 1", () => {
  const app = brokenApp();
  const run = runCli(["list", "--root", app]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /escaping-ref\s+\.\.\/outside\.js:X\s+broken/);
  const lines = errLines(run);
  assert.ok(
    lines.some((l) =>
      /^plughooks list: ERR_REFERENCE_ESCAPES_PACKAGE package "escaping-ref", entry point "nova\.hooks:resize_hook"/.test(
        l,
      ),
    ),
    run.stderr,
  );
  assert.ok(
    lines.some((l) => /^plughooks list: ERR_INVALID_PACKAGE_JSON package "bad-json"/.test(l)),
  );
  // list loads nothing: load errors are doctor's business.
  assert.ok(!run.stderr.includes("ERR_MODULE_THREW"));
  const json = jsonOf(runCli(["list", "--root", app, "--json"]));
  assert.deepEqual(json.problems.map((p: any) => p.code).sort(), [
    "ERR_INVALID_PACKAGE_JSON",
    "ERR_REFERENCE_ESCAPES_PACKAGE",
  ]);
});

test("colour only on request or a terminal: FORCE_COLOR forces, NO_COLOR and pipes disable", () => {
  const app = goodApp();
  assert.ok(!runCli(["list", "--root", app]).stdout.includes(ESC), "a pipe gets no colour");
  assert.ok(runCli(["list", "--root", app], { env: { FORCE_COLOR: "1" } }).stdout.includes(ESC));
  assert.ok(!runCli(["list", "--root", app], { env: { FORCE_COLOR: "0" } }).stdout.includes(ESC));
  assert.ok(
    !runCli(["list", "--root", app, "--json"], { env: { FORCE_COLOR: "1" } }).stdout.includes(ESC),
    "JSON is never coloured",
  );
});

test("list handles 200,000 entry points: nothing spreads or recurses over the input", () => {
  // 100 packages of 2,000 names each: small package.json files, one module per package.
  const names = Object.fromEntries(
    Array.from({ length: 2000 }, (_, i) => [`hook_${i}`, "./hooks.js"]),
  );
  const packages = Array.from({ length: 100 }, (_, p) => ({
    name: `plugin-${String(p).padStart(3, "0")}`,
    entryPoints: { "nova.hooks": names },
    files: { "hooks.js": "export default class Hook { pre() {} }\n" },
  }));
  const app = makeApp({ packages });
  const run = runCli(["list", "--root", app], { timeout: 600_000 });
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
  const lines = run.stdout.split("\n");
  assert.equal(lines.filter((line) => line.endsWith("  allowed")).length, 200_000);
  assert.match(run.stdout, /^200000 entry points in 100 package\(s\) \(101 scanned\)$/m);
});
