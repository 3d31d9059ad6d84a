import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
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
