import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { after, beforeEach, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { entryPoints } from "../../src/entry-points/index.js";
import { indexSettings, readIndex } from "../../src/entry-points/index-cache.js";
import { createHooks } from "../../src/index.js";
import { linkDir, makeApp, type PackageSpec, tempDir, writePackage } from "../helpers/fixtures.js";
import { withoutRacyWindow } from "../helpers/index-settings.js";

// The real guard is 100 ms (a change racing the scan); tests wait a little instead.
const racyMs = withoutRacyWindow();
const userCache = tempDir("plughooks-user-cache-");
const savedXdg = process.env.XDG_CACHE_HOME;
process.env.XDG_CACHE_HOME = userCache;
after(() => {
  if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedXdg;
});
beforeEach(() => {
  delete process.env.PLUGHOOKS_INDEX;
});

const GROUP = "nova.hooks";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const hook = (name = "resize_hook") => ({ [GROUP]: { [name]: "./hooks.js:Hook" } });
const summary = (app: string, options: { index?: boolean } = {}) =>
  entryPoints({ root: app, group: GROUP, ...options }).entryPoints.map(
    (ep) => `${ep.package}@${ep.version} ${ep.name}`,
  );
const indexOf = (app: string) => readIndex(app, GROUP, { env: process.env });
const indexFolder = (app: string) => join(app, "node_modules", ".cache", "plughooks");
const indexFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];

/** An app, discovered once after its files settled, so that the index is written. */
async function indexedApp(
  packages: readonly PackageSpec[] = [{ name: "acme-a", entryPoints: hook() }, { name: "lib" }],
) {
  const app = makeApp({ packages });
  await sleep(30);
  const first = summary(app);
  assert.notEqual(indexOf(app), undefined, "the first discovery wrote the index");
  return { app, first };
}

test("a warm start is served by the index and equals a scan", async () => {
  const { app, first } = await indexedApp();
  assert.deepEqual(first, ["acme-a@1.0.0 resize_hook"]);
  assert.equal(indexFiles(indexFolder(app)).length, 1);
  const warm = entryPoints({ root: app, group: GROUP });
  assert.deepEqual(
    warm.entryPoints,
    entryPoints({ root: app, group: GROUP, index: false }).entryPoints,
  );
  assert.equal(warm.packagesScanned, 3);
});

test("[promise:index-stale-on-change] adding a package by hand makes the index stale", async () => {
  const { app } = await indexedApp();
  await sleep(5);
  writePackage(join(app, "node_modules", "acme-b"), { name: "acme-b", entryPoints: hook() });
  assert.equal(indexOf(app), undefined);
  assert.deepEqual(summary(app), ["acme-a@1.0.0 resize_hook", "acme-b@1.0.0 resize_hook"]);
});

test("a scoped package added into an existing scope folder makes it stale", async () => {
  const { app } = await indexedApp([{ name: "@acme/one", entryPoints: hook() }, { name: "plain" }]);
  await sleep(5);
  writePackage(join(app, "node_modules", "@acme", "two"), {
    name: "@acme/two",
    entryPoints: hook(),
  });
  assert.deepEqual(summary(app), ["@acme/one@1.0.0 resize_hook", "@acme/two@1.0.0 resize_hook"]);
});

test("[promise:index-stale-on-change] removing a plugin makes it stale", async () => {
  const { app } = await indexedApp();
  rmSync(join(app, "node_modules", "acme-a"), { recursive: true });
  assert.deepEqual(summary(app), []);
});

test("[promise:index-stale-on-change] an upgrade in place is caught even when the new package.json keeps an old mtime", async () => {
  const { app } = await indexedApp();
  await sleep(5);
  // npm extracts files with a fixed 1985 mtime: only ctime and the inode tell the change.
  const dir = join(app, "node_modules", "acme-a");
  const staging = join(app, "node_modules", ".acme-a-new");
  writePackage(staging, { name: "acme-a", version: "2.0.0", entryPoints: hook("build_hook") });
  utimesSync(join(staging, "package.json"), new Date("1985-10-26"), new Date("1985-10-26"));
  rmSync(dir, { recursive: true });
  renameSync(staging, dir);
  assert.deepEqual(summary(app), ["acme-a@2.0.0 build_hook"]);
});

test("a plugin's package.json edited in place (same size) makes it stale", async () => {
  const { app } = await indexedApp();
  await sleep(5);
  const file = join(app, "node_modules", "acme-a", "package.json");
  writeFileSync(file, readFileSync(file, "utf8").replace('"1.0.0"', '"1.0.1"'));
  assert.deepEqual(summary(app), ["acme-a@1.0.1 resize_hook"]);
});

test("a workspace (a linked folder outside node_modules) edited by hand makes it stale", async () => {
  const { app } = await indexedApp();
  const workspace = writePackage(join(app, "packages", "local"), { name: "local" });
  linkDir(workspace, join(app, "node_modules", "local"));
  await sleep(30);
  assert.deepEqual(summary(app), ["acme-a@1.0.0 resize_hook"]);
  assert.notEqual(indexOf(app), undefined);
  await sleep(5);
  writePackage(workspace, { name: "local", entryPoints: hook() });
  assert.deepEqual(summary(app), ["acme-a@1.0.0 resize_hook", "local@1.0.0 resize_hook"]);
});

test("a package manager's state file or lockfile rewritten makes it stale", async () => {
  for (const file of [
    "node_modules/.package-lock.json",
    "pnpm-lock.yaml",
    ".pnp.cjs",
    "node_modules/.modules.yaml",
  ]) {
    const { app } = await indexedApp();
    await sleep(5);
    writeFileSync(join(app, file), "changed\n");
    assert.equal(indexOf(app), undefined, `${file} invalidates`);
  }
});

test("[promise:index-corrupt-rebuilt] a corrupt, truncated, foreign or unreadable index is ignored and rebuilt", async () => {
  const { app, first } = await indexedApp();
  const [name] = indexFiles(indexFolder(app));
  const file = join(indexFolder(app), name!);
  const valid = readFileSync(file, "utf8");
  const damaged = [
    "not json at all",
    valid.slice(0, valid.length / 2),
    "",
    JSON.stringify({ ...JSON.parse(valid), format: 999 }),
    JSON.stringify({ ...JSON.parse(valid), entryPoints: [{ package: 1 }] }),
    "null",
  ];
  for (const text of damaged) {
    writeFileSync(file, text);
    await sleep(5);
    assert.deepEqual(summary(app), first);
    assert.doesNotThrow(() => JSON.parse(readFileSync(file, "utf8")), "rebuilt as valid JSON");
  }
  // A folder where the file should be: unreadable and unreplaceable, still no error.
  rmSync(file);
  mkdirSync(file);
  assert.deepEqual(summary(app), first);
});

test("[promise:index-corrupt-rebuilt] an index with one stamp, link or entry point of the wrong shape is never used", async () => {
  const { app } = await indexedApp();
  const [name] = indexFiles(indexFolder(app));
  const file = join(indexFolder(app), name!);
  const valid = JSON.parse(readFileSync(file, "utf8")) as {
    stamps: unknown[][];
    links: unknown[];
    entryPoints: Record<string, unknown>[];
  };
  assert.notEqual(indexOf(app), undefined, "the genuine index is used");
  const last = valid.stamps.length - 1;
  const ep = valid.entryPoints[0]!;
  const damaged: Record<string, unknown> = {
    // statSync(42) throws, and -2 means "could not be stat'ed": read unchecked, it would pass.
    "a stamp whose path is not a string": { stamps: [...valid.stamps, [42, -2, 0, 0, 0]] },
    "a null stamp among the project files": {
      stamps: [valid.stamps[0], null, ...valid.stamps.slice(1)],
    },
    "a stamp with a number written as text": {
      stamps: valid.stamps.map((st, i) =>
        i === last ? [st[0], String(st[1]), ...st.slice(2)] : st,
      ),
    },
    "a stamp with four fields": {
      stamps: valid.stamps.map((st, i) => (i === last ? st.slice(0, 4) : st)),
    },
    "a link that is not a pair": { links: [["only-one"]] },
    "a link that is not strings": { links: [[1, 2]] },
    "an entry point without its module": {
      entryPoints: [{ ...ep, module: undefined }, ...valid.entryPoints.slice(1)],
    },
    "an entry point whose export path is not text": {
      entryPoints: [{ ...ep, exportPath: [1] }, ...valid.entryPoints.slice(1)],
    },
  };
  for (const [what, change] of Object.entries(damaged)) {
    writeFileSync(file, JSON.stringify({ ...valid, ...(change as object) }), { mode: 0o600 });
    assert.equal(indexOf(app), undefined, what);
  }
});

test("the index is rebuilt with a debug line saying why", async () => {
  const { app } = await indexedApp();
  const [name] = indexFiles(indexFolder(app));
  writeFileSync(join(indexFolder(app), name!), '{"format":1,"root":');
  const { stderr, code } = await discoverInChild(app, { NODE_DEBUG: "plughooks" });
  assert.equal(code, 0);
  assert.match(stderr, /discovery index: ignoring .*not valid JSON/);
  assert.match(stderr, /discovery index: wrote /);
});

test("the option and PLUGHOOKS_INDEX=0 turn it off", async () => {
  const app = makeApp({ packages: [{ name: "acme-a", entryPoints: hook() }] });
  await sleep(30);
  summary(app, { index: false });
  assert.deepEqual(indexFiles(indexFolder(app)), []);
  process.env.PLUGHOOKS_INDEX = "0";
  summary(app);
  assert.deepEqual(indexFiles(indexFolder(app)), []);
  delete process.env.PLUGHOOKS_INDEX;
  summary(app);
  assert.equal(indexFiles(indexFolder(app)).length, 1);
});

test("createHooks passes the option and its env's PLUGHOOKS_INDEX on", async () => {
  const ways = [
    { options: { index: false }, written: false },
    { options: { env: { PLUGHOOKS_INDEX: "off" } }, written: false },
    { options: {}, written: true },
  ];
  for (const { options, written } of ways) {
    const app = makeApp({ packages: [{ name: "acme-a", entryPoints: hook() }] });
    await sleep(30);
    const hooks = createHooks({ group: GROUP, root: app, logger: quiet, ...options });
    await hooks.load();
    assert.equal(indexFiles(indexFolder(app)).length, written ? 1 : 0, JSON.stringify(options));
  }
});

test("falls back to the user cache folder, else keeps no index", async () => {
  const app = makeApp({ packages: [{ name: "acme-a", entryPoints: hook() }] });
  writeFileSync(join(app, "node_modules", ".cache"), "a file, so the folder cannot be made");
  await sleep(30);
  const before = indexFiles(join(userCache, "plughooks")).length;
  assert.deepEqual(summary(app), ["acme-a@1.0.0 resize_hook"]);
  assert.equal(indexFiles(join(userCache, "plughooks")).length, before + 1);
  assert.notEqual(indexOf(app), undefined);

  const other = makeApp({ packages: [{ name: "acme-b", entryPoints: hook() }] });
  writeFileSync(join(other, "node_modules", ".cache"), "");
  const blocked = tempDir("plughooks-blocked-");
  writeFileSync(join(blocked, "plughooks"), "");
  process.env.XDG_CACHE_HOME = blocked;
  try {
    await sleep(30);
    assert.deepEqual(summary(other), ["acme-b@1.0.0 resize_hook"]);
    assert.equal(indexOf(other), undefined);
  } finally {
    process.env.XDG_CACHE_HOME = userCache;
  }
});

test("writing an index sweeps dead temporary files and month-old indexes, nothing else", async () => {
  const { app } = await indexedApp();
  const dir = indexFolder(app);
  const old = new Date(Date.now() - 31 * 86_400_000);
  const files = {
    "discovery-dead.json.1.x.tmp": true,
    "discovery-fresh.json.2.y.tmp": false,
    "discovery-gone-root.json": true,
    "unrelated.txt": false,
  };
  for (const name of Object.keys(files)) {
    writeFileSync(join(dir, name), "x");
    if (name !== "discovery-fresh.json.2.y.tmp") utimesSync(join(dir, name), old, old);
  }
  await sleep(5);
  writePackage(join(app, "node_modules", "acme-new"), { name: "acme-new" });
  await sleep(30);
  summary(app); // stale: rescans and writes, then sweeps
  for (const [name, swept] of Object.entries(files))
    assert.equal(existsSync(join(dir, name)), !swept, name);
  assert.equal(indexFiles(dir).length, 1);
});

test("[promise:index-no-node-modules] an app without node_modules (Yarn PnP, a workspace package) gets no node_modules made", async () => {
  const app = tempDir();
  writePackage(app, { name: "pnp-like-app", entryPoints: hook() });
  await sleep(30);
  assert.deepEqual(summary(app), ["pnp-like-app@1.0.0 resize_hook"]);
  assert.equal(existsSync(join(app, "node_modules")), false);
  assert.notEqual(indexOf(app), undefined, "indexed in the user cache folder");
});

test("a discovery with problems is not indexed (they are reported afresh each time)", async () => {
  const app = makeApp({
    packages: [
      { name: "acme-a", entryPoints: hook() },
      { name: "bad", rawPackageJson: "{ nope" },
    ],
  });
  await sleep(30);
  assert.equal(entryPoints({ root: app, group: GROUP }).problems.length, 1);
  assert.equal(indexOf(app), undefined);
  assert.equal(entryPoints({ root: app, group: GROUP }).problems.length, 1);
});

test("a tree that changed just before or during the scan is not indexed", () => {
  indexSettings.racyMs = racyMs;
  try {
    const app = makeApp({ packages: [{ name: "acme-a", entryPoints: hook() }] });
    assert.deepEqual(summary(app), ["acme-a@1.0.0 resize_hook"]);
    assert.equal(indexOf(app), undefined);
  } finally {
    indexSettings.racyMs = 0;
  }
});

test("one index per group", async () => {
  const { app } = await indexedApp([
    { name: "acme-a", entryPoints: { ...hook(), "other.group": { x: "./x.js" } } },
  ]);
  const other = entryPoints({ root: app, group: "other.group" }).entryPoints.map((ep) => ep.name);
  assert.deepEqual(other, ["x"]);
  assert.deepEqual(summary(app), ["acme-a@1.0.0 resize_hook"]);
});

test("[promise:index-concurrent] concurrent first starts leave one valid index and no temporary files", async () => {
  const app = makeApp({
    packages: Array.from({ length: 40 }, (_, i) => ({
      name: `pkg-${i}`,
      ...(i % 4 === 0 ? { entryPoints: hook() } : {}),
    })),
  });
  await sleep(150); // past the real racy guard the child processes use
  const runs = await Promise.all(Array.from({ length: 6 }, () => discoverInChild(app, {})));
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  const outputs = new Set(runs.map((r) => r.stdout));
  assert.equal(outputs.size, 1, "every process found the same");
  assert.deepEqual(
    readdirSync(indexFolder(app)).filter((f) => !f.endsWith(".json")),
    [],
  );
  assert.equal(indexFiles(indexFolder(app)).length, 1);
  assert.notEqual(indexOf(app), undefined);
});

/** Runs discovery in a fresh process (the compiled module), with the real settings. */
function discoverInChild(app: string, env: Record<string, string>) {
  const module = new URL("../../src/entry-points/index.js", import.meta.url).href;
  const script = `import { entryPoints } from ${JSON.stringify(module)};
const r = entryPoints({ root: ${JSON.stringify(app)}, group: ${JSON.stringify(GROUP)} });
console.log(JSON.stringify(r.entryPoints.map((e) => e.package)));`;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, XDG_CACHE_HOME: userCache, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
