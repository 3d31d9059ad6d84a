/**
 * The discovery index is evidence, not authority (issue 11, items 5, 6 and 10): an index is
 * believed only when it belongs to this root, its stamps cover what it claims, every entry
 * point lies where discovery could reach, and its folder and file belong to the current user
 * alone; it is written through an exclusively created temporary file; and discovery reads
 * its settings from the env it is given, never from process.env behind the caller's back.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { entryPoints } from "../../src/entry-points/index.js";
import { readIndex } from "../../src/entry-points/index-cache.js";
import { makeApp, type PackageSpec, tempDir, writePackage } from "../helpers/fixtures.js";
import { withoutRacyWindow } from "../helpers/index-settings.js";

withoutRacyWindow();

const GROUP = "nova.hooks";
const hook = (name = "resize_hook") => ({ [GROUP]: { [name]: "./hooks.js:Hook" } });
const canCheckOwners = typeof process.getuid === "function";

/** Discovery with its own user cache folder, never the one of the process. */
function discover(app: string, cache: string, extra: { index?: boolean } = {}) {
  return entryPoints({ root: app, group: GROUP, env: {}, cacheDirectory: cache, ...extra });
}
const names = (result: ReturnType<typeof entryPoints>) =>
  result.entryPoints.map((ep) => `${ep.package} ${ep.name}`);
const jsonFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];

/** An app whose first discovery wrote its index; returns where it is. */
async function indexed(packages: readonly PackageSpec[], options: { nodeModules?: boolean } = {}) {
  const cache = tempDir("plughooks-cache-");
  let app: string;
  if (options.nodeModules === false) {
    app = tempDir();
    writePackage(app, { name: "app", entryPoints: hook("own_hook") });
  } else {
    app = makeApp({ packages });
  }
  await sleep(30);
  const first = names(discover(app, cache));
  const folder =
    options.nodeModules === false
      ? join(cache, "plughooks")
      : join(app, "node_modules", ".cache", "plughooks");
  const [name] = jsonFiles(folder);
  assert.ok(name, `the first discovery wrote an index in ${folder}`);
  return { app, cache, first, folder, file: join(folder, name) };
}

/** Runs discovery in a child process with NODE_DEBUG=plughooks; returns its stderr. */
function debugOf(app: string, cache: string): string {
  const module = new URL("../../src/entry-points/index.js", import.meta.url).href;
  const script = `import { entryPoints } from ${JSON.stringify(module)};
entryPoints({ root: ${JSON.stringify(app)}, group: ${JSON.stringify(GROUP)}, env: {}, cacheDirectory: ${JSON.stringify(cache)} });`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, NODE_DEBUG: "plughooks" },
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stderr;
}

test("[promise:index-evidence-not-authority] an index with no stamps, naming a folder outside node_modules, is ignored and said so", async () => {
  const { app, cache, first, file } = await indexed([], { nodeModules: false });
  const genuine = JSON.parse(readFileSync(file, "utf8"));
  const evil = tempDir("plughooks-evil-");
  writePackage(evil, { name: "evil", entryPoints: hook(), files: { "hooks.js": "" } });
  const forged = {
    ...genuine,
    stamps: [],
    entryPoints: [
      {
        package: "evil",
        version: "6.6.6",
        directory: evil,
        group: GROUP,
        name: "resize_hook",
        reference: "./hooks.js:Hook",
        module: "./hooks.js",
        exportPath: ["Hook"],
      },
    ],
  };
  writeFileSync(file, JSON.stringify(forged), { mode: 0o600 });
  assert.deepEqual(names(discover(app, cache)), first);
  writeFileSync(file, JSON.stringify(forged), { mode: 0o600 });
  assert.match(debugOf(app, cache), /discovery index: ignoring .*stamps do not cover/);
});

test("[promise:index-evidence-not-authority] an index whose entry point lies outside the reachable package folders is ignored, even with its stamps", async () => {
  const { app, cache, first, file } = await indexed([{ name: "acme-a", entryPoints: hook() }]);
  const genuine = JSON.parse(readFileSync(file, "utf8"));
  const places = [
    tempDir("plughooks-evil-"), // anywhere
    join(app, "node_modules", ".cache", "evil"), // under node_modules, but no package folder
    join(app, "node_modules", "acme-a", "..", "..", "..", "evil"), // climbing out
  ];
  for (const evil of places) {
    writePackage(evil, { name: "evil", entryPoints: hook(), files: { "hooks.js": "" } });
    // The attacker knows the stamp format: format 1 stamped text in ns, later ones numbers.
    const stamp = (path: string) => {
      const st = statSync(path, { bigint: true });
      const ms = statSync(path);
      return genuine.format === 1
        ? [path, `${st.mtimeNs}:${st.ctimeNs}:${st.size}:${st.ino}`]
        : [path, ms.mtimeMs, ms.ctimeMs, ms.size, ms.ino];
    };
    const forged = {
      ...genuine,
      stamps: [...genuine.stamps, stamp(join(evil, "package.json"))],
      entryPoints: [{ ...genuine.entryPoints[0], package: "evil", directory: evil }],
    };
    writeFileSync(file, JSON.stringify(forged));
    assert.deepEqual(names(discover(app, cache)), first, evil);
  }
});

test("[promise:index-evidence-not-authority] a folder written with `.` or `..` segments, or a hidden name, is not a package folder, even with its stamps", async () => {
  const { app, cache, first, file } = await indexed([
    { name: "acme-a", entryPoints: hook() },
    { name: "@acme/b" },
  ]);
  const nodeModules = join(app, "node_modules");
  writePackage(join(app, "evil"), { name: "evil", entryPoints: hook(), files: { "hooks.js": "" } });
  writePackage(join(nodeModules, ".hidden"), { name: "hidden", entryPoints: hook() });
  writePackage(join(nodeModules, "@acme", ".hidden"), { name: "hidden", entryPoints: hook() });
  writePackage(join(app, "evil", "node_modules", "inner"), { name: "inner", entryPoints: hook() });
  // Indexed again after those folders were made: every stamp holds, so only where the entry
  // point lies can make the forged index below refused.
  await sleep(30);
  assert.deepEqual(names(discover(app, cache)), first);
  assert.notEqual(readIndex(app, GROUP, { env: {}, cacheDirectory: cache }), undefined);
  const genuine = JSON.parse(readFileSync(file, "utf8"));
  // Written as strings, not through path.join (which would resolve the dots): the index is
  // text, and a forger writes what it likes. Each names a real folder, stamped.
  const places = [
    `${nodeModules}/acme-a/../../evil`, // climbing out of a package folder
    `${nodeModules}/../evil`, // climbing out of node_modules
    `${nodeModules}/./acme-a/../../evil`,
    `${nodeModules}/acme-a/.`, // a package folder, but not as discovery writes it
    `${nodeModules}/.hidden`,
    `${nodeModules}/@acme/.hidden`,
    `${nodeModules}/@acme/b/../../../evil`,
    `${nodeModules}/../evil/node_modules/inner`, // a node_modules reached by climbing
    `${nodeModules}/./../evil/node_modules/inner`,
  ];
  for (const evil of places) {
    const manifest = `${evil}/package.json`;
    const ms = statSync(manifest);
    const forged = {
      ...genuine,
      stamps: [...genuine.stamps, [manifest, ms.mtimeMs, ms.ctimeMs, ms.size, ms.ino]],
      entryPoints: [{ ...genuine.entryPoints[0], package: "evil", directory: evil }],
    };
    writeFileSync(file, JSON.stringify(forged), { mode: 0o600 });
    assert.equal(readIndex(app, GROUP, { env: {}, cacheDirectory: cache }), undefined, evil);
    assert.deepEqual(names(discover(app, cache)), first, evil);
  }
});

test("[promise:index-made-for-its-root] an index copied from another root is ignored", async () => {
  const a = await indexed([{ name: "acme-a", entryPoints: hook() }]);
  const b = await indexed([{ name: "acme-b", entryPoints: hook() }]);
  const copy = join(b.folder, readdirSync(b.folder).find((f) => f.endsWith(".json"))!);
  writeFileSync(copy, readFileSync(a.file));
  assert.deepEqual(names(discover(b.app, b.cache)), ["acme-b resize_hook"]);
});

test("[promise:index-sees-nested-copies] a plugin copied by hand into a nested node_modules is found on the next start", async () => {
  // `lib` depends on the plugin, which is not installed: the walk searched lib's folder.
  const { app, cache, first } = await indexed([
    { name: "lib", dependencies: { "acme-late": "1.0.0" } },
    { name: "acme-a", entryPoints: hook() },
  ]);
  assert.deepEqual(first, ["acme-a resize_hook"]);
  await sleep(20);
  writePackage(join(app, "node_modules", "lib", "node_modules", "acme-late"), {
    name: "acme-late",
    entryPoints: hook(),
  });
  assert.deepEqual(names(discover(app, cache)), ["acme-a resize_hook", "acme-late resize_hook"]);
});

test("[promise:index-sees-nested-copies] a plugin copied into an existing nested node_modules is found on the next start", async () => {
  // npm nests a second copy of `dep` under `lib`; then a plugin is copied beside it.
  const app = makeApp({
    packages: [
      { name: "lib", dependencies: { dep: "2.0.0", "acme-nested": "1.0.0" } },
      { name: "dep" },
    ],
  });
  writePackage(join(app, "node_modules", "lib", "node_modules", "dep"), {
    name: "dep",
    version: "2.0.0",
  });
  const cache = tempDir("plughooks-cache-");
  await sleep(30);
  assert.deepEqual(names(discover(app, cache)), []);
  await sleep(20);
  const nested = join(app, "node_modules", "lib", "node_modules", "acme-nested");
  mkdirSync(nested);
  cpSync(join(app, "node_modules", "dep"), nested, { recursive: true });
  writePackage(nested, { name: "acme-nested", entryPoints: hook() });
  assert.deepEqual(names(discover(app, cache)), ["acme-nested resize_hook"]);
});

test("[promise:index-cache-owned-by-user] an index folder or file that others can write is neither read nor written", async () => {
  const { app, cache, folder, file } = await indexed([], { nodeModules: false });
  const genuine = readFileSync(file, "utf8");
  // A stale-looking but well-formed index, to see whether it is believed.
  const lie = JSON.stringify({ ...JSON.parse(genuine), entryPoints: [] });
  for (const [what, mode] of [
    ["folder", 0o777],
    ["folder", 0o770],
    ["file", 0o666],
    ["file", 0o620],
  ] as const) {
    chmodSync(folder, 0o700);
    writeFileSync(file, lie);
    chmodSync(what === "folder" ? folder : file, mode);
    assert.deepEqual(names(discover(app, cache)), ["app own_hook"], `${what} ${mode.toString(8)}`);
  }
  // plughooks tightens its own folder when it writes, and then trusts what it wrote.
  chmodSync(folder, 0o777);
  discover(app, cache);
  assert.equal(statSync(folder).mode & 0o777, 0o700);
  assert.notEqual(readIndex(app, GROUP, { env: {}, cacheDirectory: cache }), undefined);
});

test("[promise:index-cache-owned-by-user] an index folder or file owned by another user is neither read nor written", async (t) => {
  if (!canCheckOwners || process.getuid?.() !== 0) {
    t.skip("needs root to give a file away");
    return;
  }
  const { app, cache, folder, file } = await indexed([], { nodeModules: false });
  const lie = JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), entryPoints: [] });
  writeFileSync(file, lie);
  chownSync(file, 4242, 4242);
  assert.deepEqual(names(discover(app, cache)), ["app own_hook"]);
  writeFileSync(file, lie); // that discovery replaced it with its own
  chownSync(file, 4242, 4242);
  assert.match(debugOf(app, cache), /ignoring .*owned by uid 4242/);
  // Someone else's folder: refused, and nothing is written in it.
  const other = tempDir("plughooks-cache-");
  mkdirSync(join(other, "plughooks"), { mode: 0o700 });
  chownSync(join(other, "plughooks"), 4242, 4242);
  await sleep(5);
  assert.deepEqual(names(discover(app, other)), ["app own_hook"]);
  assert.deepEqual(readdirSync(join(other, "plughooks")), []);
  chownSync(folder, 4242, 4242);
  assert.equal(readIndex(app, GROUP, { env: {}, cacheDirectory: cache }), undefined);
});

test("[promise:index-cache-owned-by-user] a planted symlink as the index folder is not followed", async () => {
  const app = tempDir();
  writePackage(app, { name: "app", entryPoints: hook("own_hook") });
  const cache = tempDir("plughooks-cache-");
  const elsewhere = tempDir("plughooks-elsewhere-");
  symlinkSync(elsewhere, join(cache, "plughooks"));
  await sleep(30);
  assert.deepEqual(names(discover(app, cache)), ["app own_hook"]);
  assert.deepEqual(readdirSync(elsewhere), [], "nothing written through the link");
});

test("[promise:index-written-exclusively] a symlink planted at the temporary file's name never redirects the write", async () => {
  const { app, cache, file } = await indexed([{ name: "acme-a", entryPoints: hook() }]);
  const victim = join(tempDir("plughooks-victim-"), "victim.txt");
  writeFileSync(victim, "precious");
  writePackage(join(app, "node_modules", "acme-b"), { name: "acme-b" }); // stale: rewrite
  await sleep(30);
  // The temporary name is `<index>.<pid>.<random>.tmp`: make "random" predictable.
  const random = Math.random;
  Math.random = () => 0.5;
  try {
    symlinkSync(victim, `${file}.${process.pid}.${(0.5).toString(36).slice(2)}.tmp`);
    assert.deepEqual(names(discover(app, cache)), ["acme-a resize_hook"]);
  } finally {
    Math.random = random;
  }
  assert.equal(readFileSync(victim, "utf8"), "precious");
});

test("[promise:discovery-reads-given-env] the env option, not process.env, decides the index and its folder", async () => {
  const app = tempDir();
  writePackage(app, { name: "app", entryPoints: hook("own_hook") });
  const given = tempDir("plughooks-given-");
  const ambient = tempDir("plughooks-ambient-");
  const saved = { xdg: process.env.XDG_CACHE_HOME, index: process.env.PLUGHOOKS_INDEX };
  process.env.XDG_CACHE_HOME = ambient;
  process.env.PLUGHOOKS_INDEX = "0";
  try {
    await sleep(30);
    entryPoints({ root: app, group: GROUP, env: { XDG_CACHE_HOME: given } });
    assert.equal(jsonFiles(join(given, "plughooks")).length, 1, "written where env says");
    assert.equal(jsonFiles(join(ambient, "plughooks")).length, 0, "not where process.env says");
    const off = tempDir("plughooks-off-");
    entryPoints({ root: app, group: GROUP, env: { XDG_CACHE_HOME: off, PLUGHOOKS_INDEX: "off" } });
    assert.equal(jsonFiles(join(off, "plughooks")).length, 0, "PLUGHOOKS_INDEX from env");
    // cacheDirectory overrides the env; null means no user cache at all.
    const chosen = tempDir("plughooks-chosen-");
    entryPoints({ root: app, group: GROUP, env: { XDG_CACHE_HOME: off }, cacheDirectory: chosen });
    assert.equal(jsonFiles(join(chosen, "plughooks")).length, 1);
    assert.equal(jsonFiles(join(off, "plughooks")).length, 0);
  } finally {
    for (const [key, value] of [
      ["XDG_CACHE_HOME", saved.xdg],
      ["PLUGHOOKS_INDEX", saved.index],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
});

test("[promise:discovery-reads-given-env] os.homedir() throwing means no user cache, not a crash", async () => {
  const app = tempDir();
  writePackage(app, { name: "app", entryPoints: hook("own_hook") });
  await sleep(30);
  const module = new URL("../../src/entry-points/index.js", import.meta.url).href;
  // As for an unknown uid with no HOME: the built-in throws (patched before plughooks loads).
  const script = `import os from "node:os";
os.homedir = () => { const e = new Error("uv_os_homedir returned ENOENT"); e.code = "ERR_SYSTEM_ERROR"; throw e; };
const { entryPoints } = await import(${JSON.stringify(module)});
const r = entryPoints({ root: ${JSON.stringify(app)}, group: ${JSON.stringify(GROUP)} });
console.log(r.entryPoints.map((e) => e.name).join(","));`;
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.XDG_CACHE_HOME;
  delete env.HOME;
  delete env.PLUGHOOKS_INDEX;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "own_hook");
});

test("[promise:index-evidence-not-authority] a genuine index is believed: root, scoped, nested and linked plugins", async () => {
  const app = makeApp({
    root: {
      name: "middle-app",
      entryPoints: hook("own_hook"),
      dependencies: { "a-first": "1", "@s/z-last": "1", lib: "1", ws: "1" },
    },
    packages: [
      { name: "a-first", entryPoints: hook() },
      { name: "@s/z-last", entryPoints: hook() },
      { name: "lib", dependencies: { "n-nested": "1" } },
    ],
  });
  writePackage(join(app, "node_modules", "lib", "node_modules", "n-nested"), {
    name: "n-nested",
    entryPoints: hook(),
  });
  const workspace = join(app, "packages", "ws");
  writePackage(workspace, { name: "ws", entryPoints: hook() });
  symlinkSync(workspace, join(app, "node_modules", "ws"));
  const cache = tempDir("plughooks-cache-");
  await sleep(30);
  const cold = names(discover(app, cache));
  assert.deepEqual(cold, [
    "@s/z-last resize_hook",
    "a-first resize_hook",
    "middle-app own_hook",
    "n-nested resize_hook",
    "ws resize_hook",
  ]);
  assert.notEqual(readIndex(app, GROUP, { env: {}, cacheDirectory: cache }), undefined);
  assert.deepEqual(names(discover(app, cache)), cold);
});
