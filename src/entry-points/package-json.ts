import { basename, join } from "node:path";
import { fs } from "../builtins.js";
import { type Problem, problem } from "../errors/index.js";
import { type PackageManifest, toManifest } from "./manifest.js";

const { readFileSync } = fs;

/**
 * Reads and parses `<directory>/package.json`. Returns `undefined` when there is none (a
 * folder in node_modules without one is not a package), a problem when it cannot be parsed.
 */
export function readManifest(directory: string): PackageManifest | Problem | undefined {
  let text: string;
  try {
    text = readFileSync(join(directory, "package.json"), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    return problem(
      "ERR_PACKAGE_UNREADABLE",
      { package: basename(directory), directory },
      `package.json cannot be read (${code ?? "error"})`,
      error,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const name = /"name"\s*:\s*"([^"]{1,214})"/.exec(text)?.[1] ?? basename(directory);
    return problem(
      "ERR_INVALID_PACKAGE_JSON",
      { package: name, directory },
      `package.json is not valid JSON (${(error as Error).message})`,
    );
  }
  return toManifest(json, directory, basename(directory));
}

/** Tells a manifest from a problem. */
export const isProblem = (value: PackageManifest | Problem): value is Problem => "code" in value;
