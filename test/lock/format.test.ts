import assert from "node:assert/strict";
import { test } from "node:test";
import { PlughooksError } from "../../src/errors/index.js";
import { type LockEntry, parseLock, serializeLock } from "../../src/lock/index.js";

const entry = (over: Partial<LockEntry> = {}): LockEntry => ({
  group: "nova.hooks",
  name: "resize_hook",
  package: "acme",
  version: "1.0.0",
  reference: "./hooks.js:Hook",
  file: "node_modules/acme/hooks.js",
  moduleSha256: "a".repeat(64),
  packageJsonSha256: "b".repeat(64),
  ...over,
});

test("serializeLock is deterministic: sorted by group, name, package, fixed key order", () => {
  const a = entry({ package: "zed" });
  const b = entry({ package: "alpha" });
  const c = entry({ name: "build_hook" });
  const text = serializeLock([a, b, c]);
  assert.equal(text, serializeLock([c, a, b]));
  assert.ok(text.endsWith("}\n"));
  const parsed = parseLock(text, "x.json");
  assert.deepEqual(
    parsed.entryPoints.map((e) => `${e.name}:${e.package}`),
    ["build_hook:acme", "resize_hook:alpha", "resize_hook:zed"],
  );
  assert.deepEqual(Object.keys(JSON.parse(text).entryPoints[0]), [
    "group",
    "name",
    "package",
    "version",
    "reference",
    "file",
    "moduleSha256",
    "packageJsonSha256",
  ]);
});

test("parseLock rejects anything it does not understand with ERR_INVALID_LOCK_FILE (not ERR_PLUGIN_LOCKED_OUT)", () => {
  const bad = [
    "{ not json",
    "[]",
    '{"schemaVersion": 2, "entryPoints": []}',
    '{"schemaVersion": 1}',
    '{"schemaVersion": 1, "entryPoints": [1]}',
    '{"schemaVersion": 1, "entryPoints": [{"group": "g"}]}',
  ];
  for (const text of bad) {
    assert.throws(
      () => parseLock(text, "/app/plughooks.lock.json"),
      (error: unknown) =>
        error instanceof PlughooksError &&
        error.code === "ERR_INVALID_LOCK_FILE" &&
        error.message.includes("/app/plughooks.lock.json"),
      text,
    );
  }
});
