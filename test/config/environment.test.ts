import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  ENVIRONMENT_VARIABLES,
  readEnvironment,
  resolveLoadConfig,
  userCacheDirectory,
} from "../../src/config/index.js";
import { createHooks } from "../../src/index.js";
import { repositoryRoot } from "../cli/helpers.js";
import { makeApp, recordingPlugin, tempDir, writeFile } from "../helpers/fixtures.js";

const GROUP = "nova.hooks";
const onePlugin = () =>
  makeApp({
    packages: [
      {
        name: "acme-audit",
        entryPoints: { [GROUP]: { resize_hook: "./hooks.js" } },
        files: { "hooks.js": recordingPlugin("audit") },
      },
    ],
  });

test("[promise:env-one-reading] every switch variable reads on and off by the same words; anything else is refused", () => {
  const switches = ["PLUGHOOKS_STRICT", "PLUGHOOKS_CODEGEN", "PLUGHOOKS_INDEX"] as const;
  const key = {
    PLUGHOOKS_STRICT: "strict",
    PLUGHOOKS_CODEGEN: "codegen",
    PLUGHOOKS_INDEX: "index",
  } as const;
  for (const name of switches) {
    for (const on of ["1", "true", "YES", " on "])
      assert.equal(readEnvironment({ [name]: on })[key[name]], true, `${name}=${on}`);
    for (const off of ["0", "false", "No", "OFF"])
      assert.equal(readEnvironment({ [name]: off })[key[name]], false, `${name}=${off}`);
    assert.equal(readEnvironment({ [name]: "" })[key[name]], undefined);
    assert.throws(() => readEnvironment({ [name]: "maybe" }), { code: "ERR_INVALID_OPTION" });
  }
  for (const off of ["0", "false", "no", "off", "NO"])
    assert.deepEqual(readEnvironment({ PLUGHOOKS_LOCK: off }).lock, { kind: "off" }, off);
  for (const on of ["1", "true", "yes", "on"])
    assert.deepEqual(readEnvironment({ PLUGHOOKS_LOCK: on }).lock, { kind: "require" }, on);
  assert.deepEqual(readEnvironment({ PLUGHOOKS_LOCK: "ops/lock.json" }).lock, {
    kind: "require",
    path: "ops/lock.json",
  });
  assert.deepEqual(ENVIRONMENT_VARIABLES.length, 11);
});

test("[promise:env-one-module] no module but src/config reads a PLUGHOOKS_ variable, XDG_CACHE_HOME or the home folder", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "config") walk(path);
        continue;
      }
      if (!entry.name.endsWith(".ts")) continue;
      for (const line of readFileSync(path, "utf8").split("\n")) {
        if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue; // comments
        if (/env\.PLUGHOOKS_|env\[|XDG_CACHE_HOME|\.HOME\b|homedir\(|userInfo\(/.test(line))
          offenders.push(`${path}: ${line.trim()}`);
      }
    }
  };
  walk(join(repositoryRoot(), "src"));
  assert.deepEqual(offenders, []);
});

test("[promise:lock-no-means-off] PLUGHOOKS_LOCK=no ignores a present lock, as PLUGHOOKS_STRICT=no means off", async () => {
  const app = onePlugin();
  // A lock that approves nothing: with it in force, acme-audit would be refused.
  writeFileSync(
    join(app, "plughooks.lock.json"),
    JSON.stringify({ schemaVersion: 1, entryPoints: [] }),
  );
  const locked = await createHooks({ group: GROUP, root: app, env: {} }).load();
  assert.equal(locked.hooks.get("resize_hook")?.length ?? 0, 0, "the lock is in force by default");
  for (const no of ["no", "0", "off", "false"]) {
    const report = await createHooks({
      group: GROUP,
      root: app,
      env: { PLUGHOOKS_LOCK: no },
    }).load();
    assert.deepEqual(report.problems, [], `PLUGHOOKS_LOCK=${no}`);
    assert.equal(report.hooks.get("resize_hook")?.length, 1, `PLUGHOOKS_LOCK=${no}`);
  }
  assert.equal(resolveLoadConfig({}, { PLUGHOOKS_LOCK: "no" }).lock, false);
  assert.equal(
    resolveLoadConfig({ lock: true }, { PLUGHOOKS_LOCK: "no" }).lock,
    true,
    "requiring wins",
  );
});

test("[promise:index-cache-from-env] the discovery index lives in the cache folder of the env given to createHooks, not process.env's", async () => {
  // No node_modules folder of its own: the index goes to the user cache folder.
  const app = tempDir();
  writeFile(join(app, "package.json"), JSON.stringify({ name: "app" }));
  const given = tempDir("plughooks-cache-given-");
  const ambient = tempDir("plughooks-cache-ambient-");
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = ambient;
  try {
    await createHooks({ group: GROUP, root: app, env: { XDG_CACHE_HOME: given } }).load();
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
  assert.ok(existsSync(join(given, "plughooks")), "written where the env given says");
  assert.equal(existsSync(join(ambient, "plughooks")), false, "not where process.env says");
});

test("userCacheDirectory: XDG_CACHE_HOME when absolute, else HOME/.cache; a relative one is ignored", () => {
  assert.equal(userCacheDirectory({ XDG_CACHE_HOME: "/x", HOME: "/h" }), "/x");
  assert.equal(userCacheDirectory({ XDG_CACHE_HOME: "rel", HOME: "/h" }), join("/h", ".cache"));
  assert.equal(userCacheDirectory({ HOME: "/h" }), join("/h", ".cache"));
});

test("[promise:no-home-no-crash] with no HOME and an unknown user (os.homedir() throws), hooked calls run without a user cache", () => {
  const app = onePlugin();
  const entry = pathToFileURL(join(repositoryRoot(), "dist", "index.js")).href;
  const script = `
    import os from "node:os";
    const fail = () => { throw Object.assign(new Error("no such user"), { code: "ENOENT" }); };
    os.homedir = fail;
    os.userInfo = fail;
    const { createHooks } = await import(${JSON.stringify(entry)});
    const hooks = createHooks({ group: "${GROUP}", root: ${JSON.stringify(app)}, env: {} });
    const resize = hooks.addHook("resize_hook")((n) => n * 2);
    console.log(JSON.stringify({ result: resize(21), calls: globalThis.__calls.length }));
  `;
  const { HOME: _home, XDG_CACHE_HOME: _xdg, ...env } = process.env;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { result: 42, calls: 2 });
});

test("[promise:env-names-no-code] no variable makes plughooks load code from elsewhere: NODE_PATH and global folders are not searched", () => {
  const elsewhere = tempDir("plughooks-node-path-");
  writeFile(
    join(elsewhere, "acme-global", "package.json"),
    JSON.stringify({
      name: "acme-global",
      entryPoints: { [GROUP]: { resize_hook: "./hooks.js" } },
    }),
  );
  writeFile(join(elsewhere, "acme-global", "hooks.js"), "export default class { pre() {} }\n");
  const app = makeApp({ root: { dependencies: { "acme-global": "*" } } });
  const entry = pathToFileURL(join(repositoryRoot(), "dist", "index.js")).href;
  const script = `
    const { createHooks } = await import(${JSON.stringify(entry)});
    const report = await createHooks({ group: "${GROUP}", root: ${JSON.stringify(app)} }).load();
    console.log(JSON.stringify({ hooks: report.hooks.get("resize_hook")?.length ?? 0 }));
  `;
  // Node itself would resolve "acme-global" through NODE_PATH; discovery must not.
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: {
      ...process.env,
      NODE_PATH: elsewhere,
      npm_config_prefix: elsewhere,
      PLUGHOOKS_ALLOW: "acme-global",
    },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { hooks: 0 });
});
