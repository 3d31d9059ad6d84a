import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { lockApplies, resolveLockPolicy } from "../../src/lock/index.js";
import { tempDir } from "../helpers/fixtures.js";

const root = "/srv/app";
const lock = "/srv/app/plughooks.lock.json";

test("without option or env, a present lock is used (auto)", () => {
  assert.deepEqual(resolveLockPolicy(undefined, {}, root), { mode: "auto", path: lock });
  assert.deepEqual(resolveLockPolicy(undefined, { PLUGHOOKS_LOCK: " " }, root), {
    mode: "auto",
    path: lock,
  });
});

test("true / 1 require the default lock; a string / a path require that file", () => {
  assert.deepEqual(resolveLockPolicy(true, {}, root), { mode: "required", path: lock });
  assert.deepEqual(resolveLockPolicy(undefined, { PLUGHOOKS_LOCK: "1" }, root), {
    mode: "required",
    path: lock,
  });
  assert.deepEqual(resolveLockPolicy("conf/p.json", {}, root), {
    mode: "required",
    path: "/srv/app/conf/p.json",
  });
  assert.deepEqual(resolveLockPolicy(undefined, { PLUGHOOKS_LOCK: "/etc/p.json" }, root), {
    mode: "required",
    path: "/etc/p.json",
  });
});

test("[promise:lock-require-wins] false / 0 ignore a lock, but a requirement from either side wins", () => {
  assert.deepEqual(resolveLockPolicy(false, {}, root), { mode: "off" });
  assert.deepEqual(resolveLockPolicy(undefined, { PLUGHOOKS_LOCK: "0" }, root), { mode: "off" });
  assert.deepEqual(resolveLockPolicy(false, { PLUGHOOKS_LOCK: "true" }, root), {
    mode: "required",
    path: lock,
  });
  assert.deepEqual(resolveLockPolicy(true, { PLUGHOOKS_LOCK: "off" }, root), {
    mode: "required",
    path: lock,
  });
  // A path from the environment wins over a path in code: the operator decides.
  assert.deepEqual(resolveLockPolicy("a.json", { PLUGHOOKS_LOCK: "b.json" }, root), {
    mode: "required",
    path: "/srv/app/b.json",
  });
});

test("lockApplies: off never, required always, auto only when something is at the path", () => {
  const dir = tempDir();
  assert.equal(lockApplies({ mode: "off" }), false);
  assert.equal(lockApplies({ mode: "required", path: join(dir, "none.json") }), true);
  assert.equal(lockApplies({ mode: "auto", path: join(dir, "none.json") }), false);
  symlinkSync(join(dir, "nowhere"), join(dir, "dangling.json"));
  assert.equal(lockApplies({ mode: "auto", path: join(dir, "dangling.json") }), true);
});

test("the lock policy module loads neither node:crypto nor the rest of the lock", () => {
  const policy = new URL("../../src/lock/policy.js", import.meta.url).href;
  const script = `await import(${JSON.stringify(policy)});
    const loaded = process.moduleLoadList.filter((m) => m.includes("crypto"));
    process.stdout.write(JSON.stringify(loaded));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), []);
  const source = readFileSync(new URL(policy), "utf8");
  assert.deepEqual(source.match(/from "\.\/[^"]+"/g), null, "no import of another lock module");
});
