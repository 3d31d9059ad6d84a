import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { entryPoints } from "../../src/entry-points/index.js";
import { resolveModuleFile } from "../../src/loading/index.js";
import { compareWithLock, createLockEntries } from "../../src/lock/index.js";
import { makeApp } from "../helpers/fixtures.js";
import { markerPlugin } from "./helpers.js";

const options = (root: string) => ({ root, resolveModule: resolveModuleFile });

test("createLockEntries hashes each module and package.json; compareWithLock matches them", () => {
  const app = makeApp({
    packages: [markerPlugin("cmp-a"), markerPlugin("cmp-b", { hook: "build_hook" })],
  });
  const found = entryPoints({ root: app });
  const { entries, problems } = createLockEntries(found.entryPoints, options(found.root));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    entries.map((e) => [e.package, e.file]),
    [
      ["cmp-a", "node_modules/cmp-a/hooks.js"],
      ["cmp-b", "node_modules/cmp-b/hooks.js"],
    ],
  );
  const lock = { schemaVersion: 1, entryPoints: entries };
  const same = compareWithLock(found.entryPoints, lock, options(found.root));
  assert.equal(same.matched.length, 2);
  assert.deepEqual(same.differences, []);
  // --group scoping: the other group's entries neither match nor go missing.
  const scoped = compareWithLock(found.entryPoints, lock, { ...options(found.root), group: "x" });
  assert.deepEqual([scoped.matched.length, scoped.differences.length], [0, 0]);
});

test("compareWithLock names missing, unresolvable and package.json changes", () => {
  const app = makeApp({ packages: [markerPlugin("cmp-gone"), markerPlugin("cmp-moved")] });
  const found = entryPoints({ root: app });
  const lock = {
    schemaVersion: 1,
    entryPoints: createLockEntries(found.entryPoints, options(found.root)).entries,
  };
  rmSync(join(app, "node_modules", "cmp-moved", "hooks.js"));
  const pkg = join(app, "node_modules", "cmp-moved", "package.json");
  writeFileSync(pkg, `${JSON.stringify({ ...markerPluginJson("cmp-moved"), description: "x" })}`);
  const now = entryPoints({ root: app }).entryPoints.filter((ep) => ep.package !== "cmp-gone");
  const { matched, differences } = compareWithLock(now, lock, options(found.root));
  assert.deepEqual(matched, []);
  assert.deepEqual(
    differences.map((d) => [d.kind, d.package, d.changes]),
    [
      ["changed", "cmp-moved", ["unresolvable", "package-json"]],
      ["missing", "cmp-gone", []],
    ],
  );
  assert.equal(differences[1]!.detail, "locked plugin not installed");
});

function markerPluginJson(name: string) {
  const spec = markerPlugin(name);
  return { name, version: "1.0.0", type: "module", entryPoints: spec.entryPoints };
}
