import assert from "node:assert/strict";
import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { entryPoints } from "../../src/entry-points/index.js";
import { resolveModuleFile } from "../../src/loading/index.js";
import {
  compareWithLock,
  createLockEntries,
  type LockFile,
  pinPackage,
  sha256File,
} from "../../src/lock/index.js";
import { makeApp, writeFile } from "../helpers/fixtures.js";
import { mkfifoSync } from "./fifo.js";
import { markerPlugin } from "./helpers.js";

const options = (root: string) => ({ root, resolveModule: resolveModuleFile });

const lockOf = (root: string): LockFile => {
  const found = entryPoints({ root });
  const { entries, packages } = createLockEntries(found.entryPoints, options(found.root));
  return { schemaVersion: 2, entryPoints: entries, packages };
};

test("createLockEntries pins every file of each package; compareWithLock matches them", () => {
  const app = makeApp({
    packages: [markerPlugin("cmp-a"), markerPlugin("cmp-b", { hook: "build_hook" })],
  });
  writeFile(join(app, "node_modules", "cmp-a", "lib", "util.cjs"), "module.exports = 1;\n");
  writeFile(join(app, "node_modules", "cmp-a", "node_modules", "dep", "index.js"), "x\n");
  const found = entryPoints({ root: app });
  const { entries, packages, problems } = createLockEntries(found.entryPoints, options(found.root));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    entries.map((e) => [e.package, e.identity, e.file]),
    [
      ["cmp-a", "cmp-a", "node_modules/cmp-a/hooks.js"],
      ["cmp-b", "cmp-b", "node_modules/cmp-b/hooks.js"],
    ],
  );
  // Nested node_modules are other packages: not pinned here.
  assert.deepEqual(Object.keys(packages["cmp-a"]!.files).sort(), [
    "hooks.js",
    "lib/util.cjs",
    "package.json",
  ]);
  assert.equal(
    packages["cmp-a"]!.files["lib/util.cjs"],
    sha256File(join(app, "node_modules", "cmp-a", "lib", "util.cjs")),
  );
  const lock = { schemaVersion: 2, entryPoints: entries, packages };
  const same = compareWithLock(found.entryPoints, lock, options(found.root));
  assert.equal(same.matched.length, 2);
  assert.deepEqual(same.differences, []);
  // --group scoping: the other group's entries neither match nor go missing.
  const scoped = compareWithLock(found.entryPoints, lock, { ...options(found.root), group: "x" });
  assert.deepEqual([scoped.matched.length, scoped.differences.length], [0, 0]);
});

test("[promise:lock-refuses-changed-file] compareWithLock names each changed, added and removed file", () => {
  const app = makeApp({ packages: [markerPlugin("cmp-files")] });
  const dir = join(app, "node_modules", "cmp-files");
  writeFile(join(dir, "lib", "helper.js"), "export const x = 1;\n");
  writeFile(join(dir, "README.md"), "hello\n");
  const lock = lockOf(app);
  writeFile(join(dir, "lib", "helper.js"), "export const x = 2;\n");
  writeFile(join(dir, "lib", "extra.node"), "\0");
  rmSync(join(dir, "README.md"));
  const found = entryPoints({ root: app });
  const { matched, differences } = compareWithLock(found.entryPoints, lock, options(found.root));
  assert.deepEqual(matched, []);
  const [d] = differences;
  assert.deepEqual(d?.changes, ["files"]);
  assert.deepEqual(d?.files, {
    changed: ["lib/helper.js"],
    added: ["lib/extra.node"],
    removed: ["README.md"],
  });
  assert.equal(
    d?.detail,
    "changed file node_modules/cmp-files/lib/helper.js, added file node_modules/cmp-files/lib/extra.node, removed file node_modules/cmp-files/README.md",
  );
});

test("compareWithLock names missing, unresolvable and package.json changes", () => {
  const app = makeApp({ packages: [markerPlugin("cmp-gone"), markerPlugin("cmp-moved")] });
  const lock = lockOf(app);
  rmSync(join(app, "node_modules", "cmp-moved", "hooks.js"));
  const pkg = join(app, "node_modules", "cmp-moved", "package.json");
  writeFileSync(pkg, `${JSON.stringify({ ...markerPluginJson("cmp-moved"), description: "x" })}`);
  const found = entryPoints({ root: app });
  const now = found.entryPoints.filter((ep) => ep.package !== "cmp-gone");
  const { matched, differences } = compareWithLock(now, lock, options(found.root));
  assert.deepEqual(matched, []);
  assert.deepEqual(
    differences.map((d) => [d.kind, d.package, d.changes]),
    [
      ["changed", "cmp-moved", ["unresolvable", "package-json", "files"]],
      ["missing", "cmp-gone", []],
    ],
  );
  assert.equal(differences[1]!.detail, "locked plugin not installed");
});

test("the lock keys packages by the identity the caller gives", () => {
  const app = makeApp({ packages: [markerPlugin("cmp-id")] });
  const found = entryPoints({ root: app });
  const identityOf = (ep: { directory: string }) => `path:${ep.directory}`;
  const { entries, packages } = createLockEntries(found.entryPoints, {
    ...options(found.root),
    identityOf,
  });
  const identity = `path:${join(found.root, "node_modules", "cmp-id")}`;
  assert.deepEqual(Object.keys(packages), [identity]);
  assert.equal(entries[0]?.identity, identity);
  const lock = { schemaVersion: 2, entryPoints: entries, packages };
  const byName = compareWithLock(found.entryPoints, lock, options(found.root));
  assert.deepEqual(
    byName.differences.map((d) => d.kind),
    ["new", "missing"],
    "another identity is another package",
  );
  const same = compareWithLock(found.entryPoints, lock, { ...options(found.root), identityOf });
  assert.equal(same.matched.length, 1);
});

test("pinPackage follows symlinks, pins special files by kind without reading them", () => {
  const app = makeApp({ packages: [markerPlugin("cmp-special")] });
  const dir = join(app, "node_modules", "cmp-special");
  const outside = join(app, "outside.js");
  writeFile(outside, "module.exports = 'outside';\n");
  symlinkSync(outside, join(dir, "linked.js"));
  symlinkSync(join(app, "nowhere"), join(dir, "broken.js"));
  symlinkSync(dir, join(dir, "loop"));
  mkfifoSync(join(dir, "pipe"));
  const { pins, real } = pinPackage(dir, sha256File);
  assert.equal(pins["linked.js"], sha256File(outside));
  assert.equal(real.get(outside), sha256File(outside), "the guard knows the real path");
  assert.equal(pins["broken.js"], "(broken link)");
  assert.equal(pins.pipe, "(fifo)");
  assert.ok(!Object.keys(pins).some((p) => p.startsWith("loop/")), "a folder is walked once");
});

function markerPluginJson(name: string) {
  const spec = markerPlugin(name);
  return { name, version: "1.0.0", type: "module", entryPoints: spec.entryPoints };
}
