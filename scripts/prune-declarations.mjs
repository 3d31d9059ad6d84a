// Keeps in dist/ only the declaration files a user can reach: those the `types` of
// package.json's exports point at, and what they import, transitively. tsc emits one
// .d.ts per source module (the CLI's too); a module no export reaches is not an API, and
// shipping its declarations would invite imports of internals. Run after tsc by `build`.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../", import.meta.url));
const dist = join(repo, "dist");
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));

/** Every `types` target of the exports map (any depth of conditions), plus `types`. */
function typeEntries(node, found = new Set()) {
  if (typeof node === "object" && node !== null)
    for (const [key, value] of Object.entries(node)) {
      if (key === "types" && typeof value === "string") found.add(value);
      else typeEntries(value, found);
    }
  return found;
}
const entries = typeEntries(pkg.exports);
if (pkg.types) entries.add(pkg.types);

// Relative specifiers of `from "./x.js"`, `import("./x.js")` and `/// <reference path>`.
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|<reference\s+path=)["'](\.{1,2}\/[^"']+)["']/g;

function declarationOf(fromFile, specifier) {
  const target = resolve(dirname(fromFile), specifier);
  for (const candidate of [
    target.replace(/\.js$/, ".d.ts"),
    target.replace(/\.mjs$/, ".d.mts"),
    target,
    `${target}.d.ts`,
    join(target, "index.d.ts"),
  ])
    if (candidate.endsWith(".d.ts") || candidate.endsWith(".d.mts"))
      if (existsSync(candidate)) return candidate;
  return null;
}

const reachable = new Set();
const queue = [...entries].map((entry) => join(repo, entry));
while (queue.length > 0) {
  const file = queue.pop();
  if (reachable.has(file)) continue;
  if (!existsSync(file)) {
    // Fail closed: an export whose declarations are missing is a broken package.
    console.error(`prune-declarations: ${relative(repo, file)} is missing`);
    process.exit(1);
  }
  reachable.add(file);
  // TSDoc comments hold `@example` code whose imports are the reader's, not ours.
  const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  for (const [, specifier] of code.matchAll(SPECIFIER)) {
    const target = declarationOf(file, specifier);
    if (target === null) {
      console.error(`prune-declarations: ${relative(repo, file)} imports ${specifier}, not found`);
      process.exit(1);
    }
    queue.push(target);
  }
}

let removed = 0;
for (const name of readdirSync(dist, { recursive: true })) {
  const file = join(dist, name);
  if (/\.d\.m?ts$/.test(file) && !reachable.has(file)) {
    rmSync(file);
    removed++;
  }
}
console.log(
  `declarations: kept ${reachable.size} reachable from ${entries.size} export(s), removed ${removed}`,
);
