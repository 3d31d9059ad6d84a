/**
 * The reference format as a model for the fuzz tests, written from ARCHITECTURE.md and
 * independently of `src/entry-points/reference.ts`.
 */
// The model: the reference format as ARCHITECTURE.md states it, written independently of
// the parser. `<module>[:<export>[.<attr>...]]`, split at the last `:`; the module is `./`
// plus a path of non-empty segments, or the package's own name (plus a subpath); nothing
// that could leave the package (`..`, absolute, URL, `node:`, another package, a nested
// `node_modules`, backslashes, percent-encoding, control characters).
const NPM_NAME = /^(@[a-z0-9][a-z0-9_.-]*\/)?[a-z0-9][a-z0-9_.-]*$/i;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const FORBIDDEN_NAMES = new Set(["__proto__", "prototype", "constructor"]);

export function modelParse(
  reference: unknown,
  own: string,
): { module: string; exportPath: string[] } | undefined {
  if (typeof reference !== "string" || reference.trim() === "" || reference.length > 1024)
    return undefined;
  for (const ch of reference) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return undefined;
  }
  const colon = reference.lastIndexOf(":");
  const module = colon < 0 ? reference : reference.slice(0, colon);
  const exported = colon < 0 ? "default" : reference.slice(colon + 1);
  const exportPath = exported.split(".");
  if (exportPath.some((name) => !IDENT.test(name) || FORBIDDEN_NAMES.has(name))) return undefined;
  if (module.includes("\\") || module.includes("%")) return undefined;
  const segments = module.split("/");
  if (segments.some((s) => s === ".." || s.toLowerCase() === "node_modules")) return undefined;
  if (module.startsWith("./")) {
    if (segments.slice(1).some((s) => s === "")) return undefined;
  } else if (!(NPM_NAME.test(own) && (module === own || module.startsWith(`${own}/`)))) {
    return undefined;
  }
  return { module, exportPath };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What the model expects of one package's `entryPoints` field. */
export interface ModelEntryPoints {
  readonly found: {
    group: string;
    name: string;
    reference: string;
    module: string;
    exportPath: string[];
  }[];
  /** One per problem: `"field"` (the field or a group is wrong), `"name"`, `"reference"`. */
  readonly problems: ("field" | "name" | "reference")[];
}

/**
 * The `entryPoints` field as ARCHITECTURE.md states it: an object of groups, each an object
 * of entry-point names to references. Anything else is a problem of its own; one bad entry
 * does not spoil the others.
 */
export function modelEntryPoints(
  field: unknown,
  own: string,
  group: string | undefined,
): ModelEntryPoints {
  const result: ModelEntryPoints = { found: [], problems: [] };
  if (field === undefined) return result;
  if (!isPlainObject(field)) {
    result.problems.push("field");
    return result;
  }
  for (const groupName of Object.keys(field)) {
    if (group !== undefined && groupName !== group) continue;
    // Group names follow the entry-point name rule (reserved words and blanks are refused).
    if (groupName.trim() === "" || FORBIDDEN_NAMES.has(groupName)) {
      result.problems.push("field");
      continue;
    }
    const names = field[groupName];
    if (!isPlainObject(names)) {
      result.problems.push("field");
      continue;
    }
    for (const name of Object.keys(names)) {
      const reference = names[name];
      if (name.trim() === "" || FORBIDDEN_NAMES.has(name)) {
        result.problems.push("name");
        continue;
      }
      const parsed = modelParse(reference, own);
      if (parsed === undefined) result.problems.push("reference");
      else result.found.push({ group: groupName, name, reference: reference as string, ...parsed });
    }
  }
  return result;
}
