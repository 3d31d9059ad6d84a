// The plugin's own package.json, as `plughooks check` reads it before any discovery.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Problem, problem, type Warning, warning } from "../errors/index.js";

/** The fields of a plugin's package.json that `check` reads, and the whole of it. */
export interface PluginHeader {
  readonly name: string;
  readonly version: string;
  readonly json: Readonly<Record<string, unknown>>;
}

/** Reads the plugin's package.json, or the problem that keeps `check` from going on. */
export function readPluginHeader(directory: string): PluginHeader | Problem {
  const site = { package: directory, directory };
  let text: string;
  try {
    text = readFileSync(join(directory, "package.json"), "utf8");
  } catch (error) {
    return problem("ERR_PACKAGE_UNREADABLE", site, "package.json cannot be read", error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return problem(
      "ERR_INVALID_PACKAGE_JSON",
      site,
      `package.json is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return problem("ERR_INVALID_PACKAGE_JSON", site, "package.json is not an object");
  }
  const record = json as Record<string, unknown>;
  const name = typeof record.name === "string" ? record.name : directory;
  if (record.entryPoints === undefined) {
    return problem(
      "ERR_NO_ENTRY_POINTS",
      { package: name, directory },
      "package.json has no entryPoints field",
    );
  }
  return {
    name,
    version: typeof record.version === "string" ? record.version : "0.0.0",
    json: record,
  };
}

/**
 * A warning when the plugin would resolve its own copy of plughooks once installed: listed in
 * `dependencies` or bundled, rather than a peerDependency (its FatalHookError, types and
 * state would be another copy's).
 */
export function ownCopyWarning(header: PluginHeader, directory: string): Warning | undefined {
  const listed = (field: string) => {
    const value = header.json[field];
    if (Array.isArray(value)) return value.includes("plughooks");
    return typeof value === "object" && value !== null && "plughooks" in value;
  };
  const field = ["dependencies", "bundleDependencies", "bundledDependencies"].find(listed);
  if (field === undefined) return undefined;
  return warning(
    "WARN_SEPARATE_PLUGHOOKS_COPY",
    { package: header.name, directory },
    `plughooks is in "${field}", so the installed plugin resolves its own copy of plughooks, not the application's; make it a peerDependency (and a devDependency for its types)`,
  );
}
