import assert from "node:assert/strict";
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { entryPoints } from "../../src/entry-points/index.js";
import { resolveModuleFile } from "../../src/loading/index.js";
import {
  defaultStampCache,
  openLockGate,
  StampedHasher,
  sha256File,
  stampOf,
} from "../../src/lock/index.js";
import { makeApp, tempDir } from "../helpers/fixtures.js";
import { markerPlugin, writeLock } from "./helpers.js";

const ANY_AGE = -10_000_000_000n; // cache even a file written a moment ago
const uid = process.getuid?.() ?? 0;
const FAKE = "f".repeat(64);

/** A cache file claiming `file` hashes to FAKE at its current stamp. */
function plantCache(cache: string, file: string, mode = 0o644): void {
  const stamp = stampOf(statSync(file, { bigint: true }));
  writeFileSync(cache, JSON.stringify({ version: 1, entries: { [file]: `${stamp}|${FAKE}` } }));
  chmodSync(cache, mode);
}

test("[promise:lock-stamp-cache] a hash is reused while the file's stamp is unchanged, recomputed once it changes", () => {
  const dir = tempDir();
  const file = join(dir, "a.js");
  writeFileSync(file, "one\n");
  const cache = join(dir, "stamps.json");
  plantCache(cache, file);
  // The cache is used: it answers with what it holds, without reading the file.
  assert.equal(new StampedHasher({ path: cache, owner: uid }).hash(file), FAKE);
  writeFileSync(file, "two\n"); // new ctime (and content): the stamp no longer matches
  assert.equal(new StampedHasher({ path: cache, owner: uid }).hash(file), sha256File(file));
});

test("[promise:lock-stamp-cache] a cache file writable by others, owned by another user, or a symlink is not trusted", () => {
  const dir = tempDir();
  const file = join(dir, "a.js");
  writeFileSync(file, "one\n");
  const real = sha256File(file);
  const cache = join(dir, "stamps.json");
  plantCache(cache, file, 0o666);
  assert.equal(
    new StampedHasher({ path: cache, owner: uid }).hash(file),
    real,
    "group/world-writable",
  );
  plantCache(cache, file);
  assert.equal(
    new StampedHasher({ path: cache, owner: uid + 1 }).hash(file),
    real,
    "another owner",
  );
  const link = join(dir, "link.json");
  symlinkSync(cache, link);
  assert.equal(new StampedHasher({ path: link, owner: uid }).hash(file), real, "a symlink");
});

test("save writes entries the next hasher reuses; racily new files are not cached", () => {
  const dir = tempDir();
  const file = join(dir, "a.js");
  writeFileSync(file, "one\n");
  const cache = join(dir, "sub", "stamps.json");
  const fresh = new StampedHasher({ path: cache, owner: uid });
  fresh.hash(file);
  assert.equal(fresh.dirty, false, "written a moment ago: racy, not cached (as git does)");
  const hasher = new StampedHasher({ path: cache, owner: uid }, ANY_AGE);
  assert.equal(hasher.hash(file), sha256File(file));
  assert.equal(hasher.dirty, true);
  hasher.save();
  const saved = JSON.parse(readFileSync(cache, "utf8")) as { entries: Record<string, string> };
  assert.deepEqual(Object.keys(saved.entries), [file]);
  assert.equal(statSync(cache).mode & 0o022, 0, "written writable by its owner only");
  // Another owner never writes the cache (it would not be trusted anyway).
  const other = new StampedHasher({ path: join(dir, "other.json"), owner: uid + 1 }, ANY_AGE);
  other.hash(file);
  other.save();
  assert.equal(statSync(join(dir, "other.json"), { throwIfNoEntry: false }), undefined);
});

test("[promise:lock-stamp-cache] the application writes the stamp cache after a check, for its next start", async () => {
  const app = makeApp({ packages: [markerPlugin("sc-runtime")] });
  // Files changed in the last 2 s are not cached; the fixture was just written.
  await new Promise((resolve) => setTimeout(resolve, 2100));
  writeLock(app);
  const [ep] = entryPoints({ root: app }).entryPoints;
  const gate = openLockGate({ root: app, env: {}, resolveModule: resolveModuleFile });
  assert.equal(gate.check(ep!).allowed, true);
  await Promise.resolve(); // the cache is saved in a microtask, after the load under way
  const cache = defaultStampCache(app);
  const saved = JSON.parse(readFileSync(cache, "utf8")) as { entries: Record<string, string> };
  const dir = join(app, "node_modules", "sc-runtime");
  assert.deepEqual(Object.keys(saved.entries).sort(), [
    join(dir, "hooks.js"),
    join(dir, "package.json"),
  ]);
});
