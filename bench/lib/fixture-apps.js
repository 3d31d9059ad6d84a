// A small application with one real plugin package on disk, for the first-call bench.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appsDir } from "./paths.js";

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

// Each bench child calls firstCallApp(): rewriting unchanged files would move their mtimes,
// so the discovery index would be stale in every child and "through the index" would never
// hit it. Write only what differs.
function writeIfChanged(path, text) {
  if (existsSync(path) && readFileSync(path, "utf8") === text) return false;
  writeFileSync(path, text);
  return true;
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

const TWENTY = 20;

/**
 * `bench/.tmp/app-twenty`: the app depends on 20 plugin packages, each an ES module with a
 * hook class under FIRST_HOOK, plus a few lines of code of its own (a plugin is more than a
 * class). Returns the app folder, the 20 module files (for the require() baseline) and
 * whether a file was written (then the discovery index is stale in this process).
 */
export function twentyPluginsApp() {
  const root = join(appsDir, "app-twenty");
  const names = Array.from(
    { length: TWENTY },
    (_, k) => `bench-plugin-${String(k).padStart(2, "0")}`,
  );
  let written = false;
  const write = (path, text) => {
    written = writeIfChanged(path, text) || written;
  };
  mkdirSync(root, { recursive: true });
  write(
    join(root, "package.json"),
    json({
      name: "bench-app-twenty",
      version: "1.0.0",
      dependencies: Object.fromEntries(names.map((name) => [name, "1.0.0"])),
    }),
  );
  const files = names.map((name, k) => {
    const dir = join(root, "node_modules", name);
    mkdirSync(dir, { recursive: true });
    write(
      join(dir, "package.json"),
      json({
        name,
        version: "1.0.0",
        type: "module",
        entryPoints: { [FIRST_GROUP]: { [FIRST_HOOK]: "./hook.js:Hook" } },
      }),
    );
    const file = join(dir, "hook.js");
    write(
      file,
      `const seen = new Map();
function describe(x) { return typeof x === "number" ? "n" + x : String(x); }
export class Hook {
  pre(x) { seen.set(describe(x), ${k}); globalThis.benchTwentyPre = (globalThis.benchTwentyPre ?? 0) + 1; }
  post(r) { seen.delete(describe(r - 1)); globalThis.benchTwentyPost = (globalThis.benchTwentyPost ?? 0) + 1; }
}
`,
    );
    return file;
  });
  return { root, files, written };
}
