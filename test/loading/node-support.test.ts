import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type EntryPoint, entryPoints } from "../../src/entry-points/index.js";
import { canRequireEsm, requireEsmAdvice } from "../../src/loading/import-module.js";
import { loadEntryPoint } from "../../src/loading/index.js";
import { makeApp, type PackageSpec } from "../helpers/fixtures.js";

function onlyEntryPoint(spec: PackageSpec): EntryPoint {
  const app = makeApp({ packages: [spec] });
  const found = entryPoints({ root: app, group: "g" });
  assert.deepEqual(found.problems, []);
  return found.entryPoints[0] as EntryPoint;
}

test("require(esm) support is read from process.features.require_module, absent on Node < 20.19", () => {
  assert.equal(canRequireEsm({ require_module: true }), true);
  assert.equal(canRequireEsm({ require_module: false }), false);
  assert.equal(canRequireEsm({}), false, "Node 20.18 has no such feature flag");
  assert.match(requireEsmAdvice("v20.18.1"), /Node v20\.18\.1 .*Node 20\.19 or later/);
});

test("[promise:esm-needs-node-20-19] without require(esm), an ES module plugin gets ERR_REQUIRE_ESM_UNSUPPORTED naming the Node version needed", () => {
  const ep = onlyEntryPoint({
    name: "esm-on-old-node",
    entryPoints: { g: { h: "./hooks.js:Hook" } },
    files: { "hooks.js": "export class Hook { pre() {} }\n" },
  });
  // Node 20.20 started with --no-experimental-require-module behaves as Node < 20.19 does:
  // require() of an ES module throws ERR_REQUIRE_ESM, and require_module is false.
  const loading = pathToFileURL(
    join(fileURLToPath(new URL("../../src/loading/index.js", import.meta.url))),
  ).href;
  const script = `
    const { loadEntryPoint } = await import(${JSON.stringify(loading)});
    const outcome = loadEntryPoint(${JSON.stringify(ep)});
    process.stdout.write(JSON.stringify(outcome.ok ? { ok: true } : { code: outcome.problem.code, message: outcome.problem.message }));
  `;
  const run = spawnSync(
    process.execPath,
    ["--no-experimental-require-module", "--input-type=module", "-e", script],
    { encoding: "utf8" },
  );
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { code?: string; message?: string };
  assert.equal(result.code, "ERR_REQUIRE_ESM_UNSUPPORTED");
  assert.match(result.message ?? "", /Node 20\.19 or later/);
  // The same plugin loads in this process, which can require(esm).
  assert.equal(loadEntryPoint(ep).ok, true);
});

test("[promise:import-only-subpath] a self-referenced subpath exported only under the import condition loads", () => {
  const ep = onlyEntryPoint({
    name: "import-only",
    exports: {
      "./hooks": { import: "./dist/hooks.mjs" },
      "./lib/*": { import: "./dist/lib/*.mjs" },
    },
    entryPoints: { g: { h: "import-only/hooks:Hook", i: "import-only/lib/extra:Hook" } },
    files: {
      "dist/hooks.mjs": "export class Hook { pre() {} }\n",
      "dist/lib/extra.mjs": "export class Hook { post() {} }\n",
    },
  });
  const outcome = loadEntryPoint(ep);
  assert.ok(outcome.ok, outcome.ok ? "" : outcome.problem.message);
  assert.equal(outcome.file, join(ep.directory, "dist", "hooks.mjs"));
});

test("[promise:import-only-subpath] an import-only subpath whose target is missing, or no subpath at all, says why", () => {
  const missing = onlyEntryPoint({
    name: "import-only-missing",
    exports: { "./hooks": { import: "./dist/hooks.mjs" } },
    entryPoints: { g: { h: "import-only-missing/hooks:Hook" } },
  });
  const outcome = loadEntryPoint(missing);
  assert.equal(!outcome.ok && outcome.problem.code, "ERR_MODULE_NOT_FOUND");
  assert.match(
    !outcome.ok ? outcome.problem.message : "",
    /exports \.\/hooks only for import, as \.\/dist\/hooks\.mjs, which is not a file/,
  );
  const none = onlyEntryPoint({
    name: "import-none",
    exports: { "./other": "./other.js" },
    entryPoints: { g: { h: "import-none/hooks:Hook" } },
  });
  const refused = loadEntryPoint(none);
  assert.match(
    !refused.ok ? refused.problem.message : "",
    /"exports" has no such subpath, for require or for import/,
  );
});

test("[promise:esm-needs-node-20-19] without require(esm), a hooked call still runs, without plugins, and the log says why", () => {
  const app = makeApp({
    packages: [
      {
        name: "cjs-plugin",
        entryPoints: { g: { h: "./hooks.cjs:Hook" } },
        files: { "hooks.cjs": "exports.Hook = class { pre() { console.log('pre ran'); } };\n" },
      },
    ],
  });
  const hooksModule = pathToFileURL(
    fileURLToPath(new URL("../../src/index.js", import.meta.url)),
  ).href;
  const script = `
    const { createHooks } = await import(${JSON.stringify(hooksModule)});
    const lines = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (line) => lines.push(line) };
    const hooks = createHooks({ group: "g", root: ${JSON.stringify(app)}, logger, env: {} });
    const double = hooks.addHook("h")((n) => n * 2);
    process.stdout.write(JSON.stringify({ result: double(21), lines }));
  `;
  const run = spawnSync(
    process.execPath,
    ["--no-experimental-require-module", "--input-type=module", "-e", script],
    { encoding: "utf8" },
  );
  assert.equal(run.status, 0, run.stderr);
  const { result, lines } = JSON.parse(run.stdout) as { result: number; lines: string[] };
  assert.equal(result, 42, "the host's call is not lost");
  assert.ok(
    lines.some((line) => line.startsWith("[ERR_REQUIRE_ESM_UNSUPPORTED]")),
    lines.join("\n"),
  );
});
