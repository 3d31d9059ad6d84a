import { sep } from "node:path";
import { type Problem, problem } from "../errors/index.js";
import { readRegularFile, readSettings } from "./bounded-read.js";
import { type PackageManifest, toManifest } from "./manifest.js";

/**
 * Reads and parses `<directory>/package.json`. Returns `undefined` when there is none (a
 * folder in node_modules without one is not a package), a problem when it cannot be read
 * safely (not a regular file, too large, unreadable) or parsed.
 */
export function readManifest(directory: string): PackageManifest | Problem | undefined {
  // Concatenation, not path.join: the folder is already normalised, and join costs more
  // than the read itself on a warm file cache.
  const path = `${directory}${sep}package.json`;
  let text: string;
  try {
    const read = readRegularFile(path);
    if (read === undefined) return undefined;
    if (typeof read !== "string") {
      const site = { package: baseName(directory), directory };
      if (read.refused === "not-a-file")
        return problem(
          "ERR_PACKAGE_JSON_NOT_A_FILE",
          site,
          `${path} is ${read.kind}, not a regular file; it was not read`,
        );
      return problem(
        "ERR_PACKAGE_JSON_TOO_LARGE",
        site,
        `${path} is larger than the cap (${read.size} bytes, at most ${readSettings.maxBytes}); it was not read`,
      );
    }
    text = read;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    return problem(
      "ERR_PACKAGE_UNREADABLE",
      { package: baseName(directory), directory },
      `package.json cannot be read (${code ?? "error"})`,
      error,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const name = /"name"\s*:\s*"([^"]{1,214})"/.exec(text)?.[1] ?? baseName(directory);
    return problem(
      "ERR_INVALID_PACKAGE_JSON",
      { package: name, directory },
      `package.json is not valid JSON (${(error as Error).message})`,
    );
  }
  return toManifest(json, directory, () => baseName(directory));
}

/** The last segment of a normalised absolute folder path. */
const baseName = (directory: string) => directory.slice(directory.lastIndexOf(sep) + 1);

/** Tells a manifest from a problem. */
export const isProblem = (value: PackageManifest | Problem): value is Problem => "code" in value;
