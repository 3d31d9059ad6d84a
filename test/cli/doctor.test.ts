import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir, writePackage } from "../helpers/fixtures.js";
import { brokenApp, errLines, goodApp, jsonOf, runCli } from "./helpers.js";

test("doctor on a healthy application: no problems, exit 0", () => {
  const app = goodApp();
  const run = runCli(["doctor", "--root", app]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, "");
  assert.match(run.stdout, /nova\.hooks: 3 entry point\(s\), 3 loaded/);
  assert.match(run.stdout, /no problems found/);
});

test("doctor reports every kind of broken plugin, one stderr line each, exit 1", () => {
  const app = brokenApp();
  const run = runCli(["doctor", "--root", app]);
  assert.equal(run.status, 1);
  const lines = errLines(run);
  const expect: [string, string][] = [
    ["bad-json", "ERR_INVALID_PACKAGE_JSON"],
    ["escaping-ref", "ERR_REFERENCE_ESCAPES_PACKAGE"],
    ["missing-file", "ERR_MODULE_NOT_FOUND"],
    ["missing-export", "ERR_EXPORT_NOT_FOUND"],
    ["throwing-module", "ERR_MODULE_THREW"],
    ["no-methods", "ERR_EMPTY_HOOK_OBJECT"],
  ];
  for (const [pkg, code] of expect) {
    const line = lines.find((l) => l.includes(`package "${pkg}"`));
    assert.ok(line, `no line for ${pkg}:\n${run.stderr}`);
    assert.ok(line.startsWith(`plughooks doctor: ${code} `), line);
    if (pkg !== "bad-json") assert.ok(line.includes('entry point "nova.hooks:resize_hook"'), line);
  }
  assert.equal(lines.length, expect.length, run.stderr);
  assert.ok(!run.stderr.includes("good-plugin"));
  assert.match(run.stdout, /6 problems found/);
});

test("doctor points at the first stack frame inside the plugin for a load error", () => {
  const app = brokenApp();
  const line = errLines(runCli(["doctor", "--root", app])).find((l) =>
    l.includes("throwing-module"),
  );
  assert.match(line ?? "", /no config \[at .*node_modules\/throwing-module\/hooks\.js:2:\d+\)?\]$/);
});

test("doctor --json lists groups and problems with codes and sites", () => {
  const app = brokenApp();
  const run = runCli(["doctor", "--root", app, "--json"]);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, "", "with --json, problems are only in the document");
  const json = jsonOf(run);
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.command, "doctor");
  assert.deepEqual(json.groups, [{ group: "nova.hooks", entryPoints: 5, loaded: 2, skipped: 0 }]);
  const threw = json.problems.find((p: any) => p.code === "ERR_MODULE_THREW");
  assert.equal(threw.package, "throwing-module");
  assert.equal(threw.group, "nova.hooks");
  assert.equal(threw.entryPoint, "resize_hook");
  assert.equal(threw.reference, "./hooks.js:X");
  assert.match(threw.frame, /throwing-module\/hooks\.js:2:\d+/);
});

test("doctor ignores PLUGHOOKS_STRICT and still reports every problem; denied plugins are skipped", () => {
  const app = brokenApp();
  const run = runCli(["doctor", "--root", app], {
    env: { PLUGHOOKS_STRICT: "1", PLUGHOOKS_DENY: "throwing-module" },
  });
  assert.equal(run.status, 1);
  assert.ok(!run.stderr.includes("throwing-module"), run.stderr);
  assert.equal(errLines(run).length, 5, run.stderr);
  assert.match(run.stdout, /1 skipped by allow\/deny/);
});

test("doctor in a plugin's own folder checks the plugin (the root package counts)", () => {
  const dir = join(tempDir(), "acme-plugin");
  writePackage(dir, {
    name: "acme-plugin",
    entryPoints: {
      "nova.hooks": { resize_hook: "./hooks.js:Audit", build_hook: "./hooks.js:Nope" },
    },
    files: { "hooks.js": "export class Audit { pre() {} }\n" },
  });
  const run = runCli(["doctor"], { cwd: dir });
  assert.equal(run.status, 1);
  assert.deepEqual(
    errLines(run).map((l) => l.split(" ").slice(0, 5).join(" ")),
    ['plughooks doctor: ERR_EXPORT_NOT_FOUND package "acme-plugin",'],
  );
  assert.match(run.stdout, /nova\.hooks: 2 entry point\(s\), 1 loaded/);
});

test("doctor exits even when a plugin leaves a timer running at load", () => {
  const dir = join(tempDir(), "busy-plugin");
  writePackage(dir, {
    name: "busy-plugin",
    entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Busy" } },
    files: { "hooks.js": "setInterval(() => {}, 1000);\nexport class Busy { pre() {} }\n" },
  });
  const started = Date.now();
  const run = runCli(["doctor", "--root", dir]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(Date.now() - started < 30_000);
  assert.match(run.stdout, /no problems found/);
});
