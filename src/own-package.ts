import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fs } from "./builtins.js";

const { readFileSync } = fs;

let found: { path: string; version: string } | null | undefined;

/**
 * plughooks' own package.json: the nearest one named "plughooks" above this module. Found by
 * walking up rather than by a fixed relative path, because the published files are bundled
 * (`dist/chunk-*.js`) while tests run the unbundled build (`build/src/...`).
 */
export function ownPackage(): { path: string; version: string } | undefined {
  if (found !== undefined) return found ?? undefined;
  found = null;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const path = join(directory, "package.json");
    try {
      const json = JSON.parse(readFileSync(path, "utf8")) as { name?: unknown; version?: unknown };
      if (json.name === "plughooks") {
        found = { path, version: typeof json.version === "string" ? json.version : "unknown" };
        return found;
      }
    } catch {
      // no package.json here, or not ours: keep walking up
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
