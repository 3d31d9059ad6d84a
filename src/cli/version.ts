import { readFileSync } from "node:fs";

/** plughooks's own version, read from its package.json (two folders above dist/cli/). */
export function ownVersion(): string {
  try {
    const url = new URL("../../package.json", import.meta.url);
    const json = JSON.parse(readFileSync(url, "utf8")) as { name?: unknown; version?: unknown };
    if (json.name === "plughooks" && typeof json.version === "string") return json.version;
  } catch {
    // Fall through: run from an unusual layout.
  }
  return "unknown";
}
