import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { resolveLoadConfig } from "../../src/config/index.js";
import type { EntryPoint, EntryPointsResult } from "../../src/entry-points/index.js";
import { createHooks } from "../../src/index.js";
import { createLoadManager } from "../../src/loading/index.js";
import type { DiscoveryOptions } from "../../src/loading/manager.js";
import { runCli } from "../cli/helpers.js";
import { makeApp, writeFile } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

const GROUP = "nova.hooks";

/** A discovery of one package declaring `count` hook names, whose entry points count reads. */
function countedDiscovery(root: string, count: number) {
  const list: EntryPoint[] = [];
  for (let i = 0; i < count; i++) {
    const name = `hook_${String(i).padStart(6, "0")}`;
    list.push({
      package: "big",
      version: "1.0.0",
      directory: join(root, "node_modules", "big"),
      group: GROUP,
      name,
      reference: "./hooks.js",
      module: "./hooks.js",
      exportPath: ["default"],
    });
  }
  let reads = 0;
  const entryPoints = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  const result: EntryPointsResult = { root, entryPoints, problems: [], packagesScanned: 2 };
  return { result, names: list.map((ep) => ep.name), reads: () => reads };
}

test("[promise:load-linear] loading every hook name reads each entry point a constant number of times, not once per name", () => {
  const root = makeApp();
  const n = 20_000;
  const counted = countedDiscovery(root, n);
  const manager = createLoadManager({
    group: GROUP,
    root,
    config: resolveLoadConfig({ deny: ["big"] }, {}),
    discover: () => counted.result,
  });
  const found = manager.discover();
  for (const name of counted.names) {
    for (const ep of found.named(name)) assert.equal(found.load(ep).ok, false);
  }
  // Today's main walked every entry point for every name: n * n = 400,000,000 reads.
  assert.ok(counted.reads() <= 3 * n, `${counted.reads()} reads for ${n} entry points`);
});

test("[promise:denied-costs-nothing] a denied package with 20,000 hook names is never imported and is logged once", async () => {
  const names = Object.fromEntries(
    Array.from({ length: 20_000 }, (_, i) => [`hook_${i}`, "./hooks.js"]),
  );
  const app = makeApp({
    packages: [
      {
        name: "huge",
        entryPoints: { [GROUP]: names },
        files: { "hooks.js": 'throw new Error("a denied package must not be imported");\n' },
      },
    ],
  });
  const logger = recordingLogger();
  const hooks = createHooks({ group: GROUP, root: app, logger, env: { PLUGHOOKS_DENY: "huge" } });
  const report = await hooks.load();
  assert.deepEqual(report.problems, []);
  assert.equal(report.skipped.length, 20_000);
  assert.equal(report.hooks.size, 20_000);
  const skips = logger.at("info").filter((line) => line.includes('"huge"'));
  assert.equal(skips.length, 1, "one line for the package, not one per hook name");
});

test("[promise:manager-env] discovery gets the environment and the user cache folder from the env given, never process.env", () => {
  const root = makeApp();
  const seen: DiscoveryOptions[] = [];
  const env = { XDG_CACHE_HOME: "/srv/cache", PLUGHOOKS_INDEX: "1" };
  createLoadManager({
    group: GROUP,
    root,
    config: resolveLoadConfig({}, env),
    discover: (options) => {
      seen.push(options);
      return { root, entryPoints: [], problems: [], packagesScanned: 1 };
    },
  }).discover();
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.env, env);
  assert.equal(seen[0]!.cacheDirectory, "/srv/cache");
  assert.equal(seen[0]!.index, true);
});

test("[promise:cli-discovers-once] every application command discovers once, through the manager the runtime uses", () => {
  const app = makeApp({
    packages: [
      {
        name: "one",
        entryPoints: { a: { h: "./hooks.js" }, b: { h: "./hooks.js" } },
        files: { "hooks.js": "export default class { pre() {} }\n" },
      },
    ],
  });
  writeFile(join(app, "node_modules", ".keep"), "");
  for (const command of [["list"], ["doctor"], ["show", "h"], ["verify"], ["lock"]]) {
    const run = runCli([...command, "--root", app], { env: { NODE_DEBUG: "plughooks" } });
    // Each discovery asks for the index once: a hit, or a scan.
    const discoveries = run.stderr
      .split("\n")
      .filter((line) => /discovery index: (hit|none for|ignoring|stale)/.test(line));
    assert.equal(discoveries.length, 1, `${command[0]}:\n${run.stderr}`);
  }
});
