import assert from "node:assert/strict";
import { test } from "node:test";
import { PlughooksError } from "../../src/errors/index.js";
import {
  type LockEntry,
  type LockedPackage,
  parseLock,
  serializeLock,
} from "../../src/lock/index.js";

const entry = (over: Partial<LockEntry> = {}): LockEntry => ({
  group: "nova.hooks",
  name: "resize_hook",
  package: "acme",
  identity: "acme",
  version: "1.0.0",
  reference: "./hooks.js:Hook",
  file: "node_modules/acme/hooks.js",
  ...over,
});

const locked = (name: string): LockedPackage => ({
  package: name,
  version: "1.0.0",
  directory: `node_modules/${name}`,
  files: { "package.json": "b".repeat(64), "hooks.js": "a".repeat(64), fifo: "(fifo)" },
});

const packages = { acme: locked("acme"), zed: locked("zed"), alpha: locked("alpha") };

test("serializeLock is deterministic: sorted entries, packages and files, fixed key order", () => {
  const a = entry({ package: "zed", identity: "zed" });
  const b = entry({ package: "alpha", identity: "alpha" });
  const c = entry({ name: "build_hook" });
  const text = serializeLock([a, b, c], packages);
  assert.equal(
    text,
    serializeLock([c, a, b], { zed: packages.zed, alpha: packages.alpha, acme: packages.acme }),
  );
  assert.ok(text.endsWith("}\n"));
  const parsed = parseLock(text, "x.json");
  assert.deepEqual(
    parsed.entryPoints.map((e) => `${e.name}:${e.package}`),
    ["build_hook:acme", "resize_hook:alpha", "resize_hook:zed"],
  );
  const json = JSON.parse(text);
  assert.deepEqual(Object.keys(json.entryPoints[0]), [
    "group",
    "name",
    "package",
    "identity",
    "version",
    "reference",
    "file",
  ]);
  assert.deepEqual(Object.keys(json.packages), ["acme", "alpha", "zed"]);
  assert.deepEqual(Object.keys(json.packages.acme.files), ["fifo", "hooks.js", "package.json"]);
});

test("parseLock rejects anything it does not understand with ERR_LOCK_INVALID, its own code", () => {
  const good = JSON.parse(serializeLock([entry()], { acme: locked("acme") }));
  const variant = (change: (lock: Record<string, any>) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return JSON.stringify(copy);
  };
  const bad = [
    "{ not json",
    "[]",
    // Version 1 pinned only the entry module: refused, not read as a weaker lock.
    '{"schemaVersion": 1, "entryPoints": []}',
    '{"schemaVersion": 3, "entryPoints": [], "packages": {}}',
    '{"schemaVersion": 2, "entryPoints": []}',
    '{"schemaVersion": 2, "packages": {}}',
    '{"schemaVersion": 2, "entryPoints": [1], "packages": {}}',
    variant((l) => delete l.packages.acme),
    variant((l) => (l.entryPoints[0].identity = 3)),
    variant((l) => (l.packages.acme.files["../escape.js"] = "a".repeat(64))),
    variant((l) => (l.packages.acme.files["/abs.js"] = "a".repeat(64))),
    variant((l) => (l.packages.acme.files["hooks.js"] = "not-a-hash")),
    variant((l) => (l.packages.acme.files = [])),
  ];
  for (const text of bad) {
    assert.throws(
      () => parseLock(text, "/app/plughooks.lock.json"),
      (error: unknown) =>
        error instanceof PlughooksError &&
        error.code === "ERR_LOCK_INVALID" &&
        error.message.includes("/app/plughooks.lock.json"),
      text,
    );
  }
  assert.equal(parseLock(JSON.stringify(good), "x").entryPoints.length, 1);
});
