// A small application with one real plugin package on disk, for the first-call bench.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appsDir } from "./paths.js";

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

// Each bench child calls firstCallApp(): rewriting unchanged files would move their mtimes,
// so the discovery index would be stale in every child and "through the index" would never
// hit it. Write only what differs.
function writeIfChanged(path, text) {
  if (existsSync(path) && readFileSync(path, "utf8") === text) return;
  writeFileSync(path, text);
}

export const FIRST_GROUP = "bench.hooks";
export const FIRST_HOOK = "first_hook";

/** `bench/.tmp/app-first`: the app depends on `bench-plugin-first`, an ES module plugin. */
export function firstCallApp() {
  const root = join(appsDir, "app-first");
  const plugin = join(root, "node_modules", "bench-plugin-first");
  mkdirSync(plugin, { recursive: true });
  writeIfChanged(
    join(root, "package.json"),
    json({
      name: "bench-app-first",
      version: "1.0.0",
      dependencies: { "bench-plugin-first": "1.0.0" },
    }),
  );
  writeIfChanged(
    join(plugin, "package.json"),
    json({
      name: "bench-plugin-first",
      version: "1.0.0",
      type: "module",
      entryPoints: { [FIRST_GROUP]: { [FIRST_HOOK]: "./hook.js:FirstHook" } },
    }),
  );
  writeIfChanged(
    join(plugin, "hook.js"),
    `export class FirstHook {
  pre(x) { globalThis.benchFirstPre = x; }
  post(r) { globalThis.benchFirstPost = r; }
}
`,
  );
  return root;
}
