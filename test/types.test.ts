import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const project = fileURLToPath(new URL("../../test/types/tsconfig.json", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

test("the hook-object types accept what they should and refuse what they should", () => {
  const result = spawnSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
  assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
});
