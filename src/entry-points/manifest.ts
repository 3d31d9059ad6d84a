import { type Problem, problem } from "../errors/index.js";
import { typeName } from "../text/type-name.js";
import { parseReference } from "./reference.js";
import type { EntryPoint } from "./types.js";

/** The fields of a package.json that discovery reads. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly directory: string;
  readonly dependencies: readonly string[];
  readonly entryPoints: unknown;
}

// Keys that mean something to JavaScript objects: never names, so never a prototype to reach.
const FORBIDDEN_NAMES = new Set(["__proto__", "constructor", "prototype"]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads the validated entry points of one package from its `entryPoints` field.
 * Only own enumerable keys are read (a `__proto__` key from JSON.parse is an own key, and is
 * reported like any other bad name), so nothing reaches a prototype. A group that is wrong
 * is reported once and skipped; a bad reference is reported and the rest still count.
 *
 * @param group - only this group, or every group when undefined.
 */
export function readEntryPoints(
  manifest: PackageManifest,
  group: string | undefined,
  problems: Problem[],
): EntryPoint[] {
  const field = manifest.entryPoints;
  if (field === undefined) return [];
  const pkg = { package: manifest.name, directory: manifest.directory };
  if (!isPlainObject(field)) {
    problems.push(
      problem(
        "ERR_INVALID_ENTRY_POINTS",
        pkg,
        `"entryPoints" must be an object of groups, not ${typeName(field)}`,
      ),
    );
    return [];
  }
  const found: EntryPoint[] = [];
  for (const groupName of Object.keys(field)) {
    if (group !== undefined && groupName !== group) continue;
    if (FORBIDDEN_NAMES.has(groupName) || groupName.trim() === "") {
      problems.push(
        problem(
          "ERR_INVALID_ENTRY_POINTS",
          pkg,
          `${JSON.stringify(groupName)} is not a valid group name`,
        ),
      );
      continue;
    }
    const names = field[groupName];
    if (!isPlainObject(names)) {
      problems.push(
        problem(
          "ERR_INVALID_ENTRY_POINTS",
          { ...pkg, group: groupName },
          `"entryPoints.${groupName}" must be an object of entry-point names to references, not ${typeName(names)}`,
        ),
      );
      continue;
    }
    for (const name of Object.keys(names)) {
      const reference = names[name];
      const site = {
        ...pkg,
        group: groupName,
        entryPoint: name,
        ...(typeof reference === "string" ? { reference } : {}),
      };
      if (
        name.trim() === "" ||
        name === "__proto__" ||
        name === "constructor" ||
        name === "prototype"
      ) {
        problems.push(
          problem(
            "ERR_INVALID_ENTRY_POINTS",
            site,
            `${JSON.stringify(name)} is not a valid entry-point name`,
          ),
        );
        continue;
      }
      try {
        const parsed = parseReference(reference, site);
        found.push({
          package: manifest.name,
          version: manifest.version,
          directory: manifest.directory,
          group: groupName,
          name,
          reference: reference as string,
          module: parsed.module,
          exportPath: parsed.exportPath,
        });
      } catch (error) {
        const code = (error as { code?: Problem["code"] }).code ?? "ERR_INVALID_REFERENCE";
        problems.push(problem(code, site, (error as Error).message));
      }
    }
  }
  return found;
}

/**
 * Turns parsed package.json JSON into a {@link PackageManifest}, or a problem when it is not
 * an object. Missing names fall back to the folder name, so problems can still name it.
 */
export function toManifest(
  json: unknown,
  directory: string,
  fallbackName: () => string,
): PackageManifest | Problem {
  if (!isPlainObject(json)) {
    return problem(
      "ERR_INVALID_PACKAGE_JSON",
      { package: fallbackName(), directory },
      `package.json must hold an object, not ${typeName(json)}`,
    );
  }
  const name = typeof json.name === "string" && json.name !== "" ? json.name : fallbackName();
  const version = typeof json.version === "string" ? json.version : "0.0.0";
  const dependencies: string[] = [];
  for (const field of ["dependencies", "optionalDependencies"] as const) {
    const deps = json[field];
    if (isPlainObject(deps)) for (const dep of Object.keys(deps)) dependencies.push(dep);
  }
  return { name, version, directory, dependencies, entryPoints: json.entryPoints };
}
