/**
 * The published files (dist/) keep the lock's code in a file of its own, `dist/lock.js`,
 * which the first-call code requires only when a lock applies (src/loading/lock-code.ts).
 * These tests run the built package in fresh processes: `npm run build` first.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { repositoryRoot, runCli } from "../cli/helpers.js";
import { makeApp, recordingPlugin, tempDir } from "../helpers/fixtures.js";

const DIST_INDEX = pathToFileURL(join(repositoryRoot(), "dist", "index.js")).href;

/** An app whose packages each plug a recording hook into `resize_hook`. */
const appWith = (...names: string[]): string =>
  makeApp({
    packages: names.map((name) => ({
      name,
      entryPoints: { "nova.hooks": { resize_hook: "./hooks.js" } },
      files: { "hooks.js": recordingPlugin(name) },
    })),
  });

/** One fresh process: the first hooked call of `app` through dist/, and what it loaded. */
function firstCallThroughDist(
  app: string,
  distIndex = DIST_INDEX,
): {
  result: number;
  calls: unknown[][];
  errors: string[];
  lockLoaded: boolean;
} {
  const script = `
import { createRequire } from "node:module";
import { createHooks } from ${JSON.stringify(distIndex)};
const errors = [];
const logger = { debug() {}, info() {}, warn: (m) => errors.push(m), error: (m) => errors.push(m) };
const hooks = createHooks({ group: "nova.hooks", root: ${JSON.stringify(app)}, logger, env: {} });
const resize = hooks.addHook("resize_hook")((size) => size * 2);
const result = resize(2);
// require() of an ES module (how dist/ loads its first-call and lock files) fills require.cache.
const lockLoaded = Object.keys(createRequire(import.meta.url).cache).some((f) => f.endsWith("/dist/lock.js"));
console.log(JSON.stringify({ result, calls: globalThis.__calls ?? [], errors, lockLoaded }));
`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, NODE_DEBUG: "" },
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test("[bundle] without a lock file, the first hooked call never loads the lock's code", () => {
  const app = appWith("audit");
  const seen = firstCallThroughDist(app);
  assert.equal(seen.result, 4);
  assert.deepEqual(seen.calls, [
    ["audit.pre", 2],
    ["audit.post", 4, 2],
  ]);
  assert.deepEqual(seen.errors, []);
  assert.equal(seen.lockLoaded, false);
});

test("[bundle] with a lock file, the lock's code is loaded and refuses a changed plugin file before import", () => {
  const app = appWith("audit", "quota");
  const locked = runCli(["lock", "--root", app]);
  assert.equal(locked.status, 0, locked.stderr);
  appendFileSync(join(app, "node_modules", "quota", "hooks.js"), "globalThis.__quotaRan = 1;\n");
  const seen = firstCallThroughDist(app);
  assert.equal(seen.result, 4);
  assert.deepEqual(seen.calls, [
    ["audit.pre", 2],
    ["audit.post", 4, 2],
  ]);
  assert.equal(seen.lockLoaded, true);
  assert.equal(seen.errors.length, 1);
  assert.match(seen.errors[0] ?? "", /^\[ERR_PLUGIN_LOCKED_OUT\] package "quota"/);
});

test("[promise:lock-fails-closed] [bundle] a lock applies but dist/lock.js cannot be loaded: every plugin is refused, the call goes on", () => {
  const app = appWith("audit");
  const locked = runCli(["lock", "--root", app]);
  assert.equal(locked.status, 0, locked.stderr);
  // A copy of the published files without the lock's own file: a broken install.
  const install = tempDir();
  writeFileSync(join(install, "package.json"), '{ "name": "plughooks", "type": "module" }\n');
  cpSync(join(repositoryRoot(), "dist"), join(install, "dist"), { recursive: true });
  rmSync(join(install, "dist", "lock.js"));
  const seen = firstCallThroughDist(app, pathToFileURL(join(install, "dist", "index.js")).href);
  assert.equal(seen.result, 4);
  assert.deepEqual(seen.calls, []);
  assert.equal(seen.errors.length, 1);
  assert.match(seen.errors[0] ?? "", /^\[ERR_LOCK_UNREADABLE\] package "audit"/);
  assert.match(seen.errors[0] ?? "", /cannot load its lock code/);
});
