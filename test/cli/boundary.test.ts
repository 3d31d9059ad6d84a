import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { repositoryRoot } from "./helpers.js";

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

test("the library never imports the CLI (src/cli/ sits on top, outside its import graph)", () => {
  const src = join(repositoryRoot(), "src");
  const offenders = sources(src)
    .filter((file) => !relative(src, file).startsWith("cli"))
    .filter((file) => /from\s+["'][^"']*\/cli\//.test(readFileSync(file, "utf8")));
  assert.deepEqual(offenders, []);
});

test("the CLI has no runtime dependency outside node: built-ins and the library", () => {
  const cli = join(repositoryRoot(), "src", "cli");
  for (const file of sources(cli)) {
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']/g)) {
      assert.ok(
        specifier!.startsWith("node:") || specifier!.startsWith("."),
        `${relative(cli, file)} imports ${specifier}`,
      );
    }
  }
});
