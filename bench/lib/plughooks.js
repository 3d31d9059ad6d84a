// Loading the built library (run `npm run build` first) and an empty application root, so
// that discovery on the first call scans nothing but what a bench puts there.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { appsDir, distIndex } from "./paths.js";

export async function importPlughooks() {
  if (!existsSync(distIndex)) throw new Error("dist/ is missing: run `npm run build` first");
  return import(pathToFileURL(distIndex).href);
}

/** A package with no dependencies and no node_modules: discovery finds only the root. */
export function emptyRoot() {
  const dir = join(appsDir, "app-empty");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "name": "bench-app-empty", "version": "1.0.0" }\n');
  return dir;
}
