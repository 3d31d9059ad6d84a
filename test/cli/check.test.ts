import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { type PackageSpec, tempDir, writeFile, writePackage } from "../helpers/fixtures.js";
import { errLines, jsonOf, runCli } from "./helpers.js";

/** A plugin package folder on its own, as its author has it before publishing. */
function pluginDir(spec: Partial<PackageSpec> & { json?: Record<string, unknown> } = {}): string {
  const dir = join(tempDir(), "acme-resize-audit");
  writePackage(dir, {
    name: "acme-resize-audit",
    version: "1.2.0",
    entryPoints: { "nova.hooks": { resize_hook: "./dist/hooks.js:ResizeAudit" } },
    files: { "dist/hooks.js": "export class ResizeAudit { pre() {} post() {} }\n" },
    ...spec,
  });
  return dir;
}

test("check passes a good plugin package, exit 0", () => {
  const dir = pluginDir();
  const run = runCli(["check", dir]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, "");
  assert.match(run.stdout, /^acme-resize-audit@1\.2\.0 /);
  assert.match(run.stdout, /nova\.hooks:resize_hook\s+dist\/hooks\.js\s+yes\s+yes\s+yes/);
  assert.match(run.stdout, /ok: ready to publish/);
});

test("check resolves a relative plugin-dir from the working directory", () => {
  const dir = pluginDir();
  assert.equal(runCli(["check", "."], { cwd: dir }).status, 0);
});

test("check fails when the module is left out of what npm pack publishes (files)", () => {
  const dir = pluginDir();
  // Rewrite package.json with a "files" field that forgets dist/.
  writeFile(
    join(dir, "package.json"),
    JSON.stringify({
      name: "acme-resize-audit",
      version: "1.2.0",
      type: "module",
      files: ["lib"],
      entryPoints: { "nova.hooks": { resize_hook: "./dist/hooks.js:ResizeAudit" } },
    }),
  );
  const run = runCli(["check", dir]);
  assert.equal(run.status, 1);
  const [line] = errLines(run);
  assert.match(
    line!,
    /^plughooks check: ERR_NOT_IN_PACKED_FILES package "acme-resize-audit", entry point "nova\.hooks:resize_hook" \("\.\/dist\/hooks\.js:ResizeAudit"\): dist\/hooks\.js is not in what npm pack would publish/,
  );
  const json = jsonOf(runCli(["check", dir, "--json"]));
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.command, "check");
  assert.deepEqual(json.entryPoints, [
    {
      group: "nova.hooks",
      name: "resize_hook",
      reference: "./dist/hooks.js:ResizeAudit",
      file: "dist/hooks.js",
      published: false,
      pre: true,
      post: true,
      ok: false,
    },
  ]);
});

test("check honours .npmignore, and --skip-pack skips the publish check", () => {
  const dir = pluginDir();
  writeFile(join(dir, ".npmignore"), "dist/\n");
  assert.equal(runCli(["check", dir]).status, 1);
  const skipped = runCli(["check", dir, "--skip-pack", "--json"]);
  assert.equal(skipped.status, 0, skipped.stdout);
  assert.equal(jsonOf(skipped).entryPoints[0].published, null);
});

test("check rejects invalid JSON, no entryPoints, escaping references", () => {
  const badJson = pluginDir({ rawPackageJson: "{ nope" });
  const run = runCli(["check", badJson]);
  assert.equal(run.status, 1);
  assert.match(errLines(run)[0]!, /^plughooks check: ERR_INVALID_PACKAGE_JSON /);

  const none = pluginDir({ entryPoints: undefined });
  const noneRun = runCli(["check", none]);
  assert.equal(noneRun.status, 1);
  assert.match(
    noneRun.stderr,
    /ERR_NO_ENTRY_POINTS package "acme-resize-audit".*no entryPoints field/,
  );

  const escaping = pluginDir({ entryPoints: { "nova.hooks": { resize_hook: "../x.js:X" } } });
  const escRun = runCli(["check", escaping]);
  assert.equal(escRun.status, 1);
  assert.match(
    escRun.stderr,
    /ERR_REFERENCE_ESCAPES_PACKAGE package "acme-resize-audit", entry point "nova\.hooks:resize_hook"/,
  );

  assert.equal(runCli(["check", join(tempDir(), "missing")]).status, 1);
});

test("check loads each export: missing export, throwing module, neither pre nor post", () => {
  const cases: [string, string, string][] = [
    ["export class Other {}\n", "ERR_EXPORT_NOT_FOUND", "ResizeAudit"],
    ['throw new Error("boom");\n', "ERR_MODULE_THREW", "boom"],
    ["export class ResizeAudit {}\n", "ERR_EMPTY_HOOK_OBJECT", "neither pre nor post"],
    ["export const ResizeAudit = () => {};\n", "ERR_INVALID_HOOK_OBJECT", "not a constructor"],
  ];
  for (const [source, code, words] of cases) {
    const dir = pluginDir({ files: { "dist/hooks.js": source } });
    // The publish check has its own tests; skipping npm pack keeps this one fast.
    const run = runCli(["check", dir, "--skip-pack"]);
    assert.equal(run.status, 1, source);
    const lines = errLines(run);
    assert.equal(lines.length, 1, run.stderr);
    assert.ok(
      lines[0]!.startsWith(`plughooks check: ${code} package "acme-resize-audit"`),
      lines[0],
    );
    assert.ok(lines[0]!.includes(words), lines[0]);
  }
});
