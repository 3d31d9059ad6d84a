import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { entryPoints } from "../../src/entry-points/index.js";
import { createHooks } from "../../src/index.js";
import { loadEntryPoint, resolveModuleFile } from "../../src/loading/index.js";
import { openLockGate } from "../../src/lock/index.js";
import { writeFile } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";
import { imported, lockedApp } from "./helpers.js";

/** A plugin whose entry module requires or imports a helper file; both mark their import. */
function pluginWithHelper(name: string, type: "module" | "commonjs") {
  const mark = (what: string) =>
    `(globalThis.__imported ??= []).push(${JSON.stringify(`${name}/${what}`)});\n`;
  const files: Record<string, string> =
    type === "module"
      ? {
          "hooks.js": `${mark("hooks")}import { value } from "./lib/helper.js";\nexport class Hook { pre() { return value; } }\n`,
          "lib/helper.js": `${mark("helper")}export const value = 1;\n`,
        }
      : {
          "hooks.js": `${mark("hooks")}const { value } = require("./lib/helper.js");\nconst config = require("./config.json");\nexports.Hook = class Hook { pre() { return value + config.x; } };\n`,
          "lib/helper.js": `${mark("helper")}exports.value = 1;\n`,
          "config.json": '{"x": 1}\n',
        };
  return { name, type, entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Hook" } }, files };
}

const load = (app: string) =>
  createHooks({ group: "nova.hooks", root: app, logger: recordingLogger(), env: {} }).load();

const helperOf = (app: string, name: string) => join(app, "node_modules", name, "lib", "helper.js");

for (const type of ["module", "commonjs"] as const) {
  test(`[promise:lock-refuses-changed-file] a changed helper file (${type}) refuses the plugin before import`, async () => {
    const name = `pin-helper-${type}`;
    const app = lockedApp([pluginWithHelper(name, type)]);
    writeFileSync(helperOf(app, name), "globalThis.__stolen = true;\n");
    const report = await load(app);
    assert.deepEqual(report.hooks.get("resize_hook") ?? [], []);
    assert.equal(report.problems[0]?.code, "ERR_PLUGIN_LOCKED_OUT");
    assert.match(
      report.problems[0]!.message,
      new RegExp(`changed file node_modules/${name}/lib/helper\\.js`),
    );
    assert.ok(!imported().some((m) => m.startsWith(`${name}/`)), "nothing of it was imported");
  });
}

test("[promise:lock-refuses-changed-file] an added file, a removed file, or a changed nested package.json refuses the plugin", async () => {
  const app = lockedApp([
    pluginWithHelper("pin-add", "commonjs"),
    pluginWithHelper("pin-rm", "commonjs"),
    {
      ...pluginWithHelper("pin-nested", "commonjs"),
      files: {
        ...pluginWithHelper("pin-nested", "commonjs").files,
        "lib/package.json": '{"type":"commonjs"}\n',
      },
    },
  ]);
  writeFile(join(app, "node_modules", "pin-add", "lib", "helper.cjs"), "evil();\n");
  rmSync(join(app, "node_modules", "pin-rm", "config.json"));
  writeFile(join(app, "node_modules", "pin-nested", "lib", "package.json"), '{"type":"module"}\n');
  const report = await load(app);
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.package, p.message.replace(/.*: /, "")]),
    [
      ["ERR_PLUGIN_LOCKED_OUT", "pin-add", "added file node_modules/pin-add/lib/helper.cjs"],
      [
        "ERR_PLUGIN_LOCKED_OUT",
        "pin-nested",
        "changed file node_modules/pin-nested/lib/package.json",
      ],
      ["ERR_PLUGIN_LOCKED_OUT", "pin-rm", "removed file node_modules/pin-rm/config.json"],
    ],
  );
});

test("files in the plugin's nested node_modules are its dependencies, not pinned by its lock entry", async () => {
  const app = lockedApp([pluginWithHelper("pin-deps", "commonjs")]);
  writeFile(join(app, "node_modules", "pin-deps", "node_modules", "dep", "index.js"), "x\n");
  const report = await load(app);
  assert.deepEqual(report.problems, []);
  assert.equal(report.hooks.get("resize_hook")?.length, 1);
});

/** Checks with the gate, then changes a file, then loads: the swap after the check. */
function checkThenSwap(name: string, type: "module" | "commonjs", swap: (dir: string) => void) {
  const app = lockedApp([pluginWithHelper(name, type)]);
  const [ep] = entryPoints({ root: app }).entryPoints;
  const gate = openLockGate({
    root: app,
    env: {},
    resolveModule: resolveModuleFile,
    stampCache: false,
  });
  const verdict = gate.check(ep!);
  assert.ok(verdict.allowed && verdict.guard !== undefined, "the check passed");
  swap(join(app, "node_modules", name));
  return loadEntryPoint(ep!, verdict.file, verdict.guard);
}

test("[promise:lock-compiles-checked-bytes] a CommonJS file swapped between the check and its require is refused, not run", () => {
  const outcome = checkThenSwap("pin-swap-cjs", "commonjs", (dir) =>
    writeFileSync(
      join(dir, "lib", "helper.js"),
      "globalThis.__swapped = true; exports.value = 2;\n",
    ),
  );
  assert.equal(outcome.ok, false);
  assert.equal(!outcome.ok && outcome.problem.code, "ERR_PLUGIN_LOCKED_OUT");
  assert.match(
    !outcome.ok ? outcome.problem.message : "",
    /lib\/helper\.js changed after the lock was checked/,
  );
  assert.equal((globalThis as { __swapped?: boolean }).__swapped, undefined);
});

test("[promise:lock-compiles-checked-bytes] a JSON file swapped after the check, or a file added after it, is refused", () => {
  const json = checkThenSwap("pin-swap-json", "commonjs", (dir) =>
    writeFileSync(join(dir, "config.json"), '{"x": 2}\n'),
  );
  assert.match(
    !json.ok ? json.problem.message : "",
    /config\.json changed after the lock was checked/,
  );
  const added = checkThenSwap("pin-swap-add", "commonjs", (dir) => {
    writeFileSync(join(dir, "lib", "extra.js"), "globalThis.__added = true;\n");
    writeFileSync(join(dir, "lib", "helper.js"), 'require("./extra.js"); exports.value = 1;\n');
  });
  assert.equal(!added.ok && added.problem.code, "ERR_PLUGIN_LOCKED_OUT");
  assert.equal((globalThis as { __added?: boolean }).__added, undefined);
});

test("[promise:lock-compiles-checked-bytes] an ES module entry swapped after the check is refused, not run", () => {
  const outcome = checkThenSwap("pin-swap-esm", "module", (dir) =>
    writeFileSync(join(dir, "hooks.js"), "globalThis.__swappedEsm = true; export class Hook {}\n"),
  );
  assert.equal(!outcome.ok && outcome.problem.code, "ERR_PLUGIN_LOCKED_OUT");
  assert.equal((globalThis as { __swappedEsm?: boolean }).__swappedEsm, undefined);
});

test("a plugin that catches the refusal of a file it requires is refused all the same", () => {
  const outcome = checkThenSwap("pin-swap-caught", "commonjs", (dir) => {
    writeFileSync(
      join(dir, "hooks.js"),
      readFileSync(join(dir, "hooks.js"), "utf8").replace(
        'const { value } = require("./lib/helper.js");',
        'let value = 0; try { ({ value } = require("./lib/helper.js")); } catch {}',
      ),
    );
  });
  assert.equal(!outcome.ok && outcome.problem.code, "ERR_PLUGIN_LOCKED_OUT");
});

test("the compile guard is gone after the load: the host's own requires are untouched", async () => {
  const { createRequire } = await import("node:module");
  const Module = createRequire(import.meta.url)("node:module") as {
    prototype: { _compile: unknown };
  };
  const before = Module.prototype._compile;
  checkThenSwap("pin-restore", "commonjs", () => {});
  assert.equal(Module.prototype._compile, before);
});

test("the application's own package is pinned by its package.json and entry modules, not its whole folder", async () => {
  const app = lockedApp([]);
  writeFile(
    join(app, "package.json"),
    JSON.stringify({
      name: "app",
      type: "module",
      entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Hook" } },
    }),
  );
  writeFile(join(app, "hooks.js"), "export class Hook { pre() {} }\n");
  writeFile(join(app, "src", "main.js"), "// the application\n");
  const { writeLock } = await import("./helpers.js");
  writeLock(app);
  writeFile(join(app, "src", "main.js"), "// the application, edited\n");
  writeFile(join(app, "logs", "today.log"), "x\n");
  const fine = await load(app);
  assert.deepEqual(
    fine.problems,
    [],
    "the lock file itself and the app's other files are not pinned",
  );
  writeFile(join(app, "hooks.js"), "export class Hook { post() {} }\n");
  const changed = await load(app);
  assert.match(changed.problems[0]?.message ?? "", /changed file hooks\.js/);
});
