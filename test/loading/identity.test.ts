import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { installNameOf } from "../../src/entry-points/install-name.js";
import { createHooks } from "../../src/index.js";
import { jsonOf, runCli } from "../cli/helpers.js";
import {
  clearCalls,
  makeApp,
  recordedCalls,
  recordingPlugin,
  writePackage,
} from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

const GROUP = "nova.hooks";
const plugin = (name: string, label: string) => ({
  name,
  entryPoints: { [GROUP]: { resize_hook: "./hooks.js" } },
  files: { "hooks.js": recordingPlugin(label, { post: false }) },
});
const ran = () => recordedCalls().map((call) => call[0]);

test("installNameOf reads the name a folder is installed under", () => {
  assert.equal(installNameOf("/a/node_modules/x"), "x");
  assert.equal(installNameOf("/a/node_modules/@s/x"), "@s/x");
  assert.equal(installNameOf("/a/node_modules/.pnpm/x@1.0.0/node_modules/x"), "x");
  assert.equal(installNameOf("/a/node_modules/x/node_modules/@s/y"), "@s/y");
  assert.equal(installNameOf("/a/packages/x"), undefined);
  assert.equal(installNameOf("/a/node_modules/x/lib"), undefined);
});

test("[promise:identity-cannot-be-claimed] a folder whose package.json claims another package's name is refused, and the genuine package runs", async () => {
  // node_modules/aaa-helper says it is "trusted"; the genuine "trusted" is installed too.
  const app = makeApp({
    packages: [plugin("trusted", "genuine"), plugin("aaa-helper", "impostor")],
  });
  writePackage(join(app, "node_modules", "aaa-helper"), plugin("trusted", "impostor"));
  clearCalls();
  const logger = recordingLogger();
  const hooks = createHooks({ group: GROUP, root: app, logger, env: {}, allow: ["trusted"] });
  const report = await hooks.load();
  hooks.addHook("resize_hook")(() => 1)();
  assert.deepEqual(ran(), ["genuine.pre"], "only the genuine package runs");
  const mismatch = report.problems.filter((p) => p.code === "ERR_PACKAGE_IDENTITY_MISMATCH");
  assert.equal(mismatch.length, 1);
  assert.equal(mismatch[0]!.package, "aaa-helper");
  assert.match(mismatch[0]!.message, /"aaa-helper".*"trusted"/, "names both");
  assert.ok(logger.at("error").some((line) => line.startsWith("[ERR_PACKAGE_IDENTITY_MISMATCH]")));
  // strict mode makes it an error, like any refusal
  const strict = createHooks({ group: GROUP, root: app, env: {}, strict: true, logger });
  await assert.rejects(strict.load(), { code: "ERR_LOAD_FAILED" });
});

test("[promise:identity-npm-alias] an npm alias declared by the application is its install name, for allow, deny and the order", async () => {
  // "dependencies": { "zz-audit": "npm:acme-audit@^1" } installs acme-audit as zz-audit.
  const app = makeApp({
    packages: [plugin("mm-other", "other")],
    root: { dependencies: { "zz-audit": "npm:acme-audit@^1", "mm-other": "*" } },
  });
  writePackage(join(app, "node_modules", "zz-audit"), plugin("acme-audit", "aliased"));
  clearCalls();
  const all = await createHooks({ group: GROUP, root: app, env: {} }).load();
  assert.deepEqual(all.problems, []);
  assert.deepEqual(
    all.hooks.get("resize_hook")!.map((h) => h.package),
    ["mm-other", "zz-audit"],
    "named and ordered by the install name",
  );
  const denied = await createHooks({
    group: GROUP,
    root: app,
    env: { PLUGHOOKS_DENY: "zz-audit" },
  }).load();
  assert.deepEqual(
    denied.hooks.get("resize_hook")!.map((h) => h.package),
    ["mm-other"],
  );
  const byRealName = await createHooks({
    group: GROUP,
    root: app,
    env: {},
    deny: ["acme-audit"],
  }).load();
  assert.equal(byRealName.hooks.get("resize_hook")!.length, 2, "the real name is not the identity");
  const allowed = await createHooks({
    group: GROUP,
    root: app,
    env: {},
    allow: ["zz-audit"],
  }).load();
  assert.deepEqual(
    allowed.hooks.get("resize_hook")!.map((h) => h.package),
    ["zz-audit"],
  );
});

test("[promise:identity-lock] the lock records and checks packages by identity; list and the runtime agree", () => {
  const app = makeApp({
    packages: [plugin("trusted", "genuine"), plugin("aaa-helper", "impostor")],
  });
  writePackage(join(app, "node_modules", "aaa-helper"), plugin("trusted", "impostor"));
  const locked = runCli(["lock", "--root", app, "--json"]);
  assert.equal(locked.status, 1, "lock reports the impostor as a problem");
  const file = JSON.parse(readFileSync(join(app, "plughooks.lock.json"), "utf8"));
  assert.deepEqual(
    file.entryPoints.map((e: { package: string }) => e.package),
    ["trusted"],
    "only the genuine package is locked, under its identity",
  );
  const list = jsonOf(runCli(["list", "--root", app, "--json"]));
  assert.deepEqual(
    list.entryPoints.map((e: { package: string; status: string }) => `${e.package}:${e.status}`),
    ["trusted:allowed"],
  );
  assert.deepEqual(
    list.problems.map((p: { code: string }) => p.code),
    ["ERR_PACKAGE_IDENTITY_MISMATCH"],
  );
});

test("[promise:unknown-name-warning] denying the real name of an aliased package warns with the alias to name: it does not deny", () => {
  const app = makeApp({
    packages: [plugin("mm-other", "other")],
    root: { dependencies: { "zz-audit": "npm:acme-audit@^1", "mm-other": "*" } },
  });
  writePackage(join(app, "node_modules", "zz-audit"), plugin("acme-audit", "aliased"));
  const run = runCli(["list", "--root", app], { env: { PLUGHOOKS_DENY: "acme-audit" } });
  assert.equal(run.status, 0, run.stderr);
  const line = run.stderr.split("\n").find((l) => l.includes("WARN_UNKNOWN_PACKAGE_NAME"));
  assert.ok(line !== undefined, run.stderr);
  assert.match(line, /"acme-audit"/);
  assert.match(line, /"zz-audit"/, "names the alias that allow and deny match");
  assert.doesNotMatch(line, /a typo/);
});
