import assert from "node:assert/strict";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PluginLoadError } from "../../src/errors/index.js";
import { createHooks } from "../../src/index.js";
import { makeApp, writeFile, writePackage } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";
import { imported, lockedApp, markerPlugin, writeLock } from "./helpers.js";

const hooksFor = (app: string, extra: Record<string, unknown> = {}) =>
  createHooks({ group: "nova.hooks", root: app, logger: recordingLogger(), env: {}, ...extra });

const packagesOf = (report: Awaited<ReturnType<ReturnType<typeof createHooks>["load"]>>) =>
  (report.hooks.get("resize_hook") ?? []).map((h) => h.package);

test("with a matching lock, every locked plugin loads", async () => {
  const app = lockedApp([markerPlugin("lk-ok-a"), markerPlugin("lk-ok-b")]);
  const report = await hooksFor(app).load();
  assert.deepEqual(packagesOf(report), ["lk-ok-a", "lk-ok-b"]);
  assert.deepEqual(report.problems, []);
});

test("[promise:lock-refuses-new-plugin] the lock refuses an added plugin, which is never imported", async () => {
  const app = lockedApp([markerPlugin("lk-add-kept")]);
  writePackage(join(app, "node_modules", "lk-add-new"), markerPlugin("lk-add-new"));
  writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "app", dependencies: { "lk-add-kept": "*", "lk-add-new": "*" } }),
  );
  const report = await hooksFor(app).load();
  assert.deepEqual(packagesOf(report), ["lk-add-kept"]);
  assert.equal(report.problems.length, 1);
  const [problem] = report.problems;
  assert.equal(problem?.code, "ERR_PLUGIN_LOCKED_OUT");
  assert.equal(problem?.package, "lk-add-new");
  assert.equal(problem?.entryPoint, "resize_hook");
  assert.match(problem!.message, /new plugin/);
  assert.ok(!imported().includes("lk-add-new"), "a refused plugin must not be imported");
});

test("[promise:lock-refuses-changed-file] the lock refuses a plugin whose module file changed, which is never imported", async () => {
  const app = lockedApp([markerPlugin("lk-mod-evil"), markerPlugin("lk-mod-fine")]);
  const file = join(app, "node_modules", "lk-mod-evil", "hooks.js");
  writeFileSync(file, `${readFileSync(file, "utf8")}globalThis.__stolen = true;\n`);
  const report = await hooksFor(app).load();
  assert.deepEqual(packagesOf(report), ["lk-mod-fine"]);
  assert.equal(report.problems[0]?.code, "ERR_PLUGIN_LOCKED_OUT");
  assert.match(report.problems[0]!.message, /changed file node_modules\/lk-mod-evil\/hooks\.js/);
  assert.ok(!imported().includes("lk-mod-evil"));
});

test("the lock refuses a changed version, and says so", async () => {
  const app = lockedApp([markerPlugin("lk-ver", { version: "1.0.0" })]);
  writePackage(join(app, "node_modules", "lk-ver"), markerPlugin("lk-ver", { version: "1.0.1" }));
  const report = await hooksFor(app).load();
  assert.deepEqual(packagesOf(report), []);
  assert.match(report.problems[0]!.message, /changed version \(1\.0\.0 -> 1\.0\.1\)/);
});

test("strict mode throws on a locked-out plugin", async () => {
  const app = lockedApp([]);
  writePackage(join(app, "node_modules", "lk-strict"), markerPlugin("lk-strict"));
  writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "app", dependencies: { "lk-strict": "*" } }),
  );
  await assert.rejects(hooksFor(app, { strict: true }).load(), (error: unknown) => {
    return (
      error instanceof PluginLoadError &&
      error.problems.some((p) => p.code === "ERR_PLUGIN_LOCKED_OUT")
    );
  });
  assert.ok(!imported().includes("lk-strict"));
});

test("lock: true without a lock file refuses everything (fails closed); no option loads", async () => {
  const app = lockedApp([markerPlugin("lk-req")]);
  writeFileSync(join(app, "plughooks.lock.json"), "");
  const invalid = await hooksFor(app).load();
  assert.deepEqual(packagesOf(invalid), [], "an unreadable lock refuses all");
  assert.equal(invalid.problems[0]?.code, "ERR_LOCK_INVALID");

  const bare = makeApp({ packages: [markerPlugin("lk-req2")] });
  assert.deepEqual(packagesOf(await hooksFor(bare).load()), ["lk-req2"], "no lock: all load");
  const required = await hooksFor(bare, { lock: true }).load();
  assert.deepEqual(packagesOf(required), []);
  assert.equal(required.problems[0]?.code, "ERR_LOCK_FILE_MISSING");
  assert.match(required.problems[0]!.message, /the required lock file .* does not exist/);
  const fromEnv = await hooksFor(bare, { env: { PLUGHOOKS_LOCK: "1" } }).load();
  assert.deepEqual(packagesOf(fromEnv), []);
});

test("lock: false (or PLUGHOOKS_LOCK=0) ignores a present lock; a path option uses that file", async () => {
  const app = lockedApp([markerPlugin("lk-off-a")]);
  writePackage(join(app, "node_modules", "lk-off-b"), markerPlugin("lk-off-b"));
  writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "app", dependencies: { "lk-off-a": "*", "lk-off-b": "*" } }),
  );
  assert.deepEqual(packagesOf(await hooksFor(app).load()), ["lk-off-a"]);
  assert.deepEqual(packagesOf(await hooksFor(app, { lock: false }).load()), [
    "lk-off-a",
    "lk-off-b",
  ]);
  assert.deepEqual(packagesOf(await hooksFor(app, { env: { PLUGHOOKS_LOCK: "0" } }).load()), [
    "lk-off-a",
    "lk-off-b",
  ]);
  writeLock(app, join(app, "approved.json"));
  assert.deepEqual(packagesOf(await hooksFor(app, { lock: "approved.json" }).load()), [
    "lk-off-a",
    "lk-off-b",
  ]);
});

test("an invalid lock option is ERR_INVALID_OPTION", () => {
  assert.throws(
    () => hooksFor("/", { lock: 3 }),
    (error: unknown) => (error as { code?: string }).code === "ERR_INVALID_OPTION",
  );
});

test("reset() reads the lock again", async () => {
  const app = lockedApp([markerPlugin("lk-reset")]);
  const hooks = hooksFor(app);
  assert.deepEqual(packagesOf(await hooks.load()), ["lk-reset"]);
  writeFileSync(
    join(app, "plughooks.lock.json"),
    '{"schemaVersion": 2, "entryPoints": [], "packages": {}}\n',
  );
  hooks.reset();
  assert.deepEqual(packagesOf(await hooks.load()), []);
});

test("[promise:lock-fails-closed] a lock path that cannot be stat'ed (a symlink loop) refuses every plugin, and the call is not thrown at", async () => {
  const app = makeApp({ packages: [markerPlugin("lk-loop")] });
  const lock = join(app, "plughooks.lock.json");
  symlinkSync(lock, lock); // ELOOP on stat: neither "no lock" nor a readable one
  const logger = recordingLogger();
  const hooks = createHooks({ group: "nova.hooks", root: app, env: {}, logger });
  const report = await hooks.load();
  assert.deepEqual(packagesOf(report), []);
  assert.equal(report.problems[0]?.code, "ERR_LOCK_UNREADABLE");
  assert.ok(!imported().includes("lk-loop"), "never imported");
  assert.equal(hooks.addHook("resize_hook")((n: number) => n + 1)(1), 2, "the call goes on");
});
