// Synthetic installed applications for the discovery bench: a root package and `size`
// packages hoisted flat into its node_modules (as npm lays them out), a tenth of them scoped,
// each package.json of realistic size with a few dependencies, and 1 in 100 declaring an
// entry point in the bench group. Generated once per size and generator version, outside the
// repository (see appsDir), and reused.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appsDir } from "./paths.js";

const VERSION = "1";
export const DISCOVERY_GROUP = "bench.hooks";

const nameOf = (k) => (k % 10 === 3 ? `@scope${k % 7}/pkg-${k}` : `pkg-${k}`);

function manifest(k, size) {
  const deps = {};
  for (const d of [k * 7 + 1, k * 13 + 5, k * 31 + 11]) {
    if (d % size !== k) deps[nameOf(d % size)] = "^1.0.0";
  }
  const m = {
    name: nameOf(k),
    version: `1.${k % 10}.${k % 3}`,
    description: `Synthetic package number ${k}, generated for the plughooks discovery bench.`,
    keywords: ["bench", "synthetic", `k${k}`],
    license: "MIT",
    author: "plughooks bench <bench@example.invalid>",
    repository: { type: "git", url: `git+https://example.invalid/pkg-${k}.git` },
    type: "module",
    main: "./index.js",
    exports: { ".": "./index.js", "./package.json": "./package.json" },
    files: ["index.js"],
    scripts: { test: "node --test", build: "tsc -p ." },
    engines: { node: ">=18" },
    dependencies: deps,
  };
  if (k % 100 === 50) {
    m.entryPoints = { [DISCOVERY_GROUP]: { [`hook_${k}`]: "./hook.js:Hook" } };
  }
  return m;
}

/** Returns the root folder of the synthetic application with `size` installed packages. */
export function syntheticApp(size) {
  const root = join(appsDir, `app-${size}`);
  const marker = join(root, ".generated");
  if (existsSync(marker) && readFileSync(marker, "utf8") === VERSION) return root;
  rmSync(root, { recursive: true, force: true });
  const direct = {};
  for (let k = 0; k < size; k += 10) direct[nameOf(k)] = "^1.0.0";
  mkdirSync(join(root, "node_modules"), { recursive: true });
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify(
      { name: `bench-app-${size}`, version: "1.0.0", private: true, dependencies: direct },
      null,
      2,
    ),
  );
  for (let k = 0; k < size; k++) {
    const m = manifest(k, size);
    const dir = join(root, "node_modules", m.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify(m, null, 2));
    writeFileSync(join(dir, "index.js"), "export default 1;\n");
    if (m.entryPoints) writeFileSync(join(dir, "hook.js"), `export class Hook { pre() {} }\n`);
  }
  writeFileSync(marker, VERSION);
  return root;
}
