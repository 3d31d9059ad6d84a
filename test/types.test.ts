import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

// Each project type-checks files that must compile; their `@ts-expect-error` lines are what
// must not (tsc fails on a directive that no longer matches an error).
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const projects = {
  "hook objects, hook maps with standard decorators, the plugin side, an untyped registry":
    "../../test/types/tsconfig.json",
  "hook maps with legacy experimentalDecorators": "../../test/types/legacy/tsconfig.json",
};

for (const [what, path] of Object.entries(projects)) {
  test(`the types accept what they should and refuse what they should: ${what}`, () => {
    const project = fileURLToPath(new URL(path, import.meta.url));
    const result = spawnSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
    assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
  });
}

// The tsconfigs the plugin guide shows (docs/getting-started-plugins.md includes these very
// files): each compiles a tiny plugin against the built package, and the output loads and
// throws plughooks' own FatalHookError. And the failure the guide explains: with
// `"module": "node16"`, TypeScript refuses a CommonJS file that imports the ES-module-only
// plughooks (TS1479), because node16 predates Node's require() of ES modules.
const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = `${repo}test/types/plugin-tsconfigs/`;

function pluginProject(kind: "esm" | "cjs", module?: string): string {
  const dir = mkdtempSync(join(tmpdir(), `plughooks-tsconfig-${kind}-`));
  cpSync(`${fixtures}${kind}`, dir, { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repo, join(dir, "node_modules", "plughooks"), "dir");
  if (module !== undefined) {
    const file = join(dir, "tsconfig.json");
    const config = JSON.parse(readFileSync(file, "utf8"));
    config.compilerOptions.module = module;
    writeFileSync(file, JSON.stringify(config));
  }
  return dir;
}

const compile = (dir: string) =>
  spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { encoding: "utf8" });

for (const kind of ["esm", "cjs"] as const) {
  test(`the ${kind === "esm" ? "ES module" : "CommonJS"} plugin tsconfig of the docs compiles a plugin that loads`, (t) => {
    assert.ok(existsSync(`${repo}dist/index.d.ts`), "run `npm run build` first: dist/ is missing");
    const dir = pluginProject(kind);
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const result = compile(dir);
    assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
    const load =
      kind === "esm"
        ? `import("./dist/hooks.js").then(run)`
        : `Promise.resolve(require("./dist/hooks.js")).then(run)`;
    const script = `function run(m) { try { new m.ResizeAudit().pre({}, "vm-1", 128); } catch (e) { console.log(e.name); } } ${load}`;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
    assert.equal(run.stdout.trim(), "FatalHookError", run.stderr);
  });
}

test('a CommonJS plugin compiled with "module": "node16" fails with TS1479, as the docs say', (t) => {
  const dir = pluginProject("cjs", "node16");
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const result = compile(dir);
  assert.notEqual(result.status, 0);
  assert.match(result.stdout, /error TS1479:/);
});
