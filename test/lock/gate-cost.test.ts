import assert from "node:assert/strict";
import fs from "node:fs";
import { join, sep } from "node:path";
import { test } from "node:test";
import { makeApp } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

// Counts the folder reads of the lock's walk: the lock takes `readdirSync` from `node:fs`
// when its module is evaluated, so the count is installed before plughooks is imported
// (this file runs in its own process).
const reads: string[] = [];
const readdirSync = fs.readdirSync;
fs.readdirSync = ((path: fs.PathLike, ...rest: unknown[]) => {
  reads.push(String(path));
  return (readdirSync as (...a: unknown[]) => unknown)(path, ...rest);
}) as typeof fs.readdirSync;
const { createHooks } = await import("../../src/index.js");
const { writeLock } = await import("./helpers.js");
const { entryPoints } = await import("../../src/entry-points/index.js");
const { resolveModuleFile } = await import("../../src/loading/index.js");
const { openLockGate } = await import("../../src/lock/index.js");

test("[promise:load-linear] under a lock, load() walks a package with 2,000 hook names once, not once per name", async () => {
  const names = Object.fromEntries(
    Array.from({ length: 2_000 }, (_, i) => [`hook_${i}`, "./hooks.js:Hook"]),
  );
  const files: Record<string, string> = { "hooks.js": "export class Hook { pre() {} }\n" };
  for (let i = 0; i < 20; i++) files[`lib/part-${i}.js`] = `export const part = ${i};\n`;
  const app = makeApp({
    packages: [{ name: "many", entryPoints: { "nova.hooks": names }, files }],
  });
  writeLock(app);
  const hooks = createHooks({ group: "nova.hooks", root: app, logger: recordingLogger(), env: {} });
  const inside = join(app, "node_modules", "many") + sep;
  reads.length = 0;
  const report = await hooks.load();
  assert.deepEqual(report.problems, []);
  assert.equal(report.hooks.get("hook_0")?.length, 1);
  const walks = reads.filter((path) => `${path}${sep}`.startsWith(inside)).length;
  // Two folders (the package and lib/): one walk reads each once. A walk per hook name
  // read them 4,000 times, and cost names x files.
  assert.ok(walks <= 4, `${walks} folder reads in the package for one load()`);
});

test("[promise:load-linear] under a lock, one load resolves a module shared by 2,000 hook names once", () => {
  const names = Object.fromEntries(
    Array.from({ length: 2_000 }, (_, i) => [`hook_${i}`, "./hooks.js:Hook"]),
  );
  const files = { "hooks.js": "export class Hook { pre() {} }\n" };
  const app = makeApp({
    packages: [{ name: "shared", entryPoints: { "nova.hooks": names }, files }],
  });
  writeLock(app);
  let resolutions = 0;
  const gate = openLockGate({
    root: app,
    env: {},
    stampCache: false,
    resolveModule: (ep) => {
      resolutions++;
      return resolveModuleFile(ep);
    },
  });
  const found = entryPoints({ root: app });
  for (const ep of found.entryPoints) assert.equal(gate.check(ep).allowed, true);
  assert.equal(found.entryPoints.length, 2_000);
  assert.equal(resolutions, 1, "one resolution for one module, not one per hook name");
});
