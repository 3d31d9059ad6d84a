// A small application with one real plugin package on disk, for the first-call bench.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appsDir } from "./paths.js";

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

export const FIRST_GROUP = "bench.hooks";
export const FIRST_HOOK = "first_hook";

/** `bench/.tmp/app-first`: the app depends on `bench-plugin-first`, an ES module plugin. */
export function firstCallApp() {
  const root = join(appsDir, "app-first");
  const plugin = join(root, "node_modules", "bench-plugin-first");
  mkdirSync(plugin, { recursive: true });
  writeFileSync(
    join(root, "package.json"),
    json({
      name: "bench-app-first",
      version: "1.0.0",
      dependencies: { "bench-plugin-first": "1.0.0" },
    }),
  );
  writeFileSync(
    join(plugin, "package.json"),
    json({
      name: "bench-plugin-first",
      version: "1.0.0",
      type: "module",
      entryPoints: { [FIRST_GROUP]: { [FIRST_HOOK]: "./hook.js:FirstHook" } },
    }),
  );
  writeFileSync(
    join(plugin, "hook.js"),
    `export class FirstHook {
  pre(x) { globalThis.benchFirstPre = x; }
  post(r) { globalThis.benchFirstPost = r; }
}
`,
  );
  return root;
}
