import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createHooks, FatalHookError } from "../../src/index.js";
import { makeApp, recordingPlugin } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

const GROUP = "nova.hooks";
const appWith = (name = "acme-audit") =>
  makeApp({
    packages: [
      {
        name,
        entryPoints: { [GROUP]: { resize_hook: "./hooks.js" } },
        files: { "hooks.js": recordingPlugin("audit") },
      },
    ],
  });

test("[promise:lock-fails-closed] a required lock that is missing or invalid refuses everything, with its own code", async () => {
  const logger = recordingLogger();
  const missing = await createHooks({
    group: GROUP,
    root: appWith(),
    env: {},
    lock: true,
    logger,
  }).load();
  assert.equal(missing.hooks.get("resize_hook")?.length ?? 0, 0);
  assert.deepEqual(
    missing.problems.map((p) => p.code),
    ["ERR_LOCK_FILE_MISSING"],
  );
  for (const text of ["", "{ not json", '{"schemaVersion": 99, "entryPoints": []}']) {
    const app = appWith();
    writeFileSync(join(app, "plughooks.lock.json"), text);
    const invalid = await createHooks({ group: GROUP, root: app, env: {}, logger }).load();
    assert.equal(invalid.hooks.get("resize_hook")?.length ?? 0, 0, JSON.stringify(text));
    assert.deepEqual(
      invalid.problems.map((p) => p.code),
      ["ERR_LOCK_INVALID"],
      "an invalid lock is not ERR_PLUGIN_LOCKED_OUT",
    );
  }
});

test("[promise:log-lines-carry-codes] every error and warning line about a hook or a plugin starts with its code", async () => {
  const app = makeApp({
    packages: [
      {
        name: "acme-broken",
        entryPoints: { [GROUP]: { resize_hook: "./missing.js" } },
      },
    ],
  });
  const logger = recordingLogger();
  const hooks = createHooks({ group: GROUP, root: app, logger, env: {} });
  hooks.register("resize_hook", {
    pre() {
      throw new Error("soft");
    },
  });
  hooks.register("stop_hook", {
    pre() {
      throw new FatalHookError("hard");
    },
  });
  hooks.register("sync_hook", { pre: () => Promise.reject(new Error("late")) });
  hooks.addHook("resize_hook")(() => 1)();
  assert.throws(hooks.addHook("stop_hook")(() => 1));
  hooks.addHook("sync_hook")(() => 1)();
  await new Promise((resolve) => setImmediate(resolve));
  const lines = [...logger.at("error"), ...logger.at("warn")];
  const codes = lines.map((line) => /^\[([A-Z_]+)\] /.exec(line)?.[1] ?? `no code: ${line}`);
  assert.deepEqual(codes.sort(), [
    "ERR_FATAL_HOOK",
    "ERR_HOOK_FAILED",
    "ERR_HOOK_PROMISE_REJECTED",
    "ERR_HOOK_STRAY_PROMISE",
    "ERR_MODULE_NOT_FOUND",
  ]);
});
