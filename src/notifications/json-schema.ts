/**
 * A JSON Schema validator for the subset that describes notification payloads, with no
 * dependency. Supported keywords: `type` (a name or a list), `properties`, `required`,
 * `additionalProperties` (a boolean or a schema), `items` (one schema), `enum`, `const`,
 * `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`,
 * `pattern`, `minItems`, `maxItems`, `anyOf`, `nullable`-free `type: [..., "null"]`, and the
 * annotations `$schema`, `$id`, `title`, `description`, `default`, `examples`, `format`
 * (not checked). Any other keyword (`$ref`, `oneOf`, `if`...) is refused when the schema is
 * defined, never ignored: a validator that skips what it does not know would pass payloads
 * the schema forbids.
 */

/** A JSON Schema object in the supported subset. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One reason a value does not match, with where: `"/host/0"`. */
export interface JsonSchemaIssue {
  readonly path: string;
  readonly message: string;
}

const ANNOTATIONS = new Set([
  "$schema",
  "$id",
  "title",
  "description",
  "default",
  "examples",
  "format",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
]);
const CHECKED = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "anyOf",
]);
const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/**
 * Returns why `schema` is outside the supported subset (an unknown keyword, a bad `type`),
 * or `undefined` when it can be checked in full.
 */
export function unsupportedKeyword(schema: unknown, path = "#"): string | undefined {
  if (typeof schema === "boolean") return undefined;
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    return `${path} is not a schema object`;
  }
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!CHECKED.has(keyword)) return `${path} uses "${keyword}", which plughooks does not check`;
    if (keyword === "type") {
      const names = Array.isArray(value) ? value : [value];
      for (const name of names)
        if (!TYPES.has(name as string))
          return `${path} has an unknown type ${JSON.stringify(name)}`;
    }
    if (keyword === "properties") {
      if (typeof value !== "object" || value === null) return `${path}/properties is not an object`;
      for (const [name, sub] of Object.entries(value)) {
        const why = unsupportedKeyword(sub, `${path}/properties/${name}`);
        if (why !== undefined) return why;
      }
    }
    if (keyword === "items" || (keyword === "additionalProperties" && typeof value !== "boolean")) {
      const why = unsupportedKeyword(value, `${path}/${keyword}`);
      if (why !== undefined) return why;
    }
    if (keyword === "anyOf") {
      if (!Array.isArray(value)) return `${path}/anyOf is not a list`;
      for (const [i, sub] of value.entries()) {
        const why = unsupportedKeyword(sub, `${path}/anyOf/${i}`);
        if (why !== undefined) return why;
      }
    }
    if (keyword === "pattern") {
      try {
        new RegExp(value as string, "u");
      } catch {
        return `${path}/pattern is not a valid regular expression`;
      }
    }
  }
  return undefined;
}

/** Options of {@link validateJson}. */
export interface ValidateJsonOptions {
  /**
   * Accept properties the schema does not list even where it says
   * `additionalProperties: false`: a listener reading a newer minor version gets fields it
   * does not know yet, and a minor version only adds fields.
   */
  readonly allowAdditional?: boolean;
}

/**
 * Checks `value` against a schema of the supported subset and lists every issue.
 *
 * @example
 * ```ts
 * validateJson({ type: "object", required: ["id"] }, {}); // [{ path: "", message: 'missing required property "id"' }]
 * ```
 */
export function validateJson(
  schema: unknown,
  value: unknown,
  options: ValidateJsonOptions = {},
): JsonSchemaIssue[] {
  const issues: JsonSchemaIssue[] = [];
  check(schema, value, "", options, issues);
  return issues;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function matchesType(name: string, value: unknown): boolean {
  switch (name) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeOf(value) === name;
  }
}

function check(
  schema: unknown,
  value: unknown,
  path: string,
  options: ValidateJsonOptions,
  issues: JsonSchemaIssue[],
): void {
  if (schema === true) return;
  if (schema === false) {
    issues.push({ path, message: "no value is allowed here" });
    return;
  }
  const s = schema as Record<string, unknown>;
  const add = (message: string) => issues.push({ path, message });
  if (s.type !== undefined) {
    const names = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    if (!names.some((name) => matchesType(name, value))) {
      add(`expected ${names.join(" or ")}, got ${typeOf(value)}`);
      return;
    }
  }
  if (s.const !== undefined && !deepEqual(s.const, value))
    add(`must be ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((option) => deepEqual(option, value))) {
    add(`must be one of ${s.enum.map((o) => JSON.stringify(o)).join(", ")}`);
  }
  if (Array.isArray(s.anyOf)) {
    const passes = s.anyOf.some((sub) => validateJson(sub, value, options).length === 0);
    if (!passes) add("matches none of the anyOf schemas");
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) add(`must be >= ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) add(`must be <= ${s.maximum}`);
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum)
      add(`must be > ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum)
      add(`must be < ${s.exclusiveMaximum}`);
  }
  if (typeof value === "string") {
    // Code points, as JSON Schema counts; only computed when a bound asks for it.
    const length =
      typeof s.minLength === "number" || typeof s.maxLength === "number" ? [...value].length : 0;
    if (typeof s.minLength === "number" && length < s.minLength)
      add(`must have at least ${s.minLength} characters`);
    if (typeof s.maxLength === "number" && length > s.maxLength)
      add(`must have at most ${s.maxLength} characters`);
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value))
      add(`must match /${s.pattern}/`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems)
      add(`must have at least ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems)
      add(`must have at most ${s.maxItems} items`);
    if (s.items !== undefined)
      for (const [i, item] of value.entries())
        check(s.items, item, `${path}/${i}`, options, issues);
  }
  if (matchesType("object", value)) {
    const object = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    if (Array.isArray(s.required)) {
      for (const name of s.required as string[])
        if (!Object.hasOwn(object, name)) add(`missing required property "${name}"`);
    }
    for (const [name, item] of Object.entries(object)) {
      const where = `${path}/${name}`;
      if (Object.hasOwn(properties, name)) check(properties[name], item, where, options, issues);
      else if (s.additionalProperties === false) {
        if (!options.allowAdditional) issues.push({ path: where, message: "is not allowed" });
      } else if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
        check(s.additionalProperties, item, where, options, issues);
      }
    }
  }
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
