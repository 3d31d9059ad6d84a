import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveLockPolicy } from "../../src/lock/index.js";

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
