import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { errLines, jsonOf, runCli } from "../cli/helpers.js";
import { makeApp, writeFile } from "../helpers/fixtures.js";
import { markerPlugin } from "./helpers.js";

test("[promise:verify-names-file] plughooks verify names each changed, added and removed file, exit 1", () => {
  const app = makeApp({
    packages: [
      {
        ...markerPlugin("vf-a"),
        files: { ...markerPlugin("vf-a").files, "lib/util.js": "1\n", "notes.txt": "x\n" },
      },
    ],
  });
  assert.equal(runCli(["lock", "--root", app]).status, 0);
  assert.equal(runCli(["verify", "--root", app]).status, 0);
  const dir = join(app, "node_modules", "vf-a");
  writeFileSync(join(dir, "lib", "util.js"), "2\n");
  writeFile(join(dir, "lib", "new.cjs"), "evil()\n");
  rmSync(join(dir, "notes.txt"));
  const run = runCli(["verify", "--root", app]);
  assert.equal(run.status, 1);
  assert.deepEqual(errLines(run), [
    'plughooks verify: changed package "vf-a", entry point "nova.hooks:resize_hook": changed file node_modules/vf-a/lib/util.js, added file node_modules/vf-a/lib/new.cjs, removed file node_modules/vf-a/notes.txt',
  ]);
  const json = jsonOf(runCli(["verify", "--root", app, "--json"]));
  assert.deepEqual(json.differences[0].files, {
    changed: ["lib/util.js"],
    added: ["lib/new.cjs"],
    removed: ["notes.txt"],
  });
});

test("plughooks verify gives an invalid lock and a missing lock their own codes", () => {
  const app = makeApp({ packages: [markerPlugin("vf-codes")] });
  const missing = jsonOf(runCli(["verify", "--root", app, "--json"]));
  assert.equal(missing.code, "ERR_LOCK_FILE_MISSING");
  writeFileSync(join(app, "plughooks.lock.json"), '{"schemaVersion": 1, "entryPoints": []}\n');
  const old = runCli(["verify", "--root", app]);
  assert.equal(old.status, 1);
  assert.match(old.stderr, /\[ERR_LOCK_INVALID\] .*schemaVersion 1 pins only entry modules/);
});

test("[promise:import-only-subpath] plughooks check loads an entry point exported only for import", () => {
  const app = makeApp({
    packages: [
      {
        name: "ck-import",
        exports: { "./hooks": { import: "./dist/hooks.mjs" } },
        entryPoints: { "nova.hooks": { resize_hook: "ck-import/hooks:Hook" } },
        files: { "dist/hooks.mjs": "export class Hook { pre() {} }\n" },
      },
    ],
  });
  const run = runCli(["check", join(app, "node_modules", "ck-import"), "--skip-pack", "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const [entry] = jsonOf(run).entryPoints;
  assert.deepEqual([entry.file, entry.pre, entry.ok], ["dist/hooks.mjs", true, true]);
});
