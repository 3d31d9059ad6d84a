import { PlughooksError } from "../errors/index.js";
import { type JsonSchema, unsupportedKeyword, validateJson } from "./json-schema.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/** What a payload schema may be: a Standard Schema (zod, valibot, ArkType) or a JSON Schema. */
export type SchemaSource<T = unknown> = StandardSchemaV1<unknown, T> | JsonSchemaOf<T>;

/**
 * A plain JSON Schema, tagged with the payload type it describes (written by hand, since a
 * JSON Schema object carries no TypeScript type). Build one with {@link jsonSchema}.
 */
export interface JsonSchemaOf<T> {
  readonly "~jsonSchema": JsonSchema;
  /** Type-only: the payload type. */
  readonly "~type"?: T;
}

/**
 * Wraps a plain JSON Schema (the subset `validateJson` supports) as a payload schema, with
 * the payload type given as a type argument.
 *
 * @example
 * ```ts
 * const schema = jsonSchema<{ id: string }>({
 *   type: "object", properties: { id: { type: "string" } }, required: ["id"],
 * });
 * ```
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_INVALID_DEFINITION` for a
 *   keyword outside the supported subset.
 */
export function jsonSchema<T>(schema: JsonSchema): JsonSchemaOf<T> {
  const why = unsupportedKeyword(schema);
  if (why !== undefined) {
    throw new PlughooksError("ERR_NOTIFICATION_INVALID_DEFINITION", `JSON Schema: ${why}`);
  }
  return { "~jsonSchema": schema };
}

/** The payload type a schema describes. */
export type InferPayload<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : S extends JsonSchemaOf<infer T>
    ? T
    : never;

/** The outcome of a payload check: the (possibly transformed) value, or the issues. */
export type PayloadCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly string[] };

/** A schema of either kind behind one interface. */
export interface PayloadSchema {
  /** `"standard:zod"` or `"json-schema"`. */
  readonly kind: string;
  /** Checks a value; `allowAdditional` as in `validateJson` (JSON Schema only). */
  check(value: unknown, allowAdditional: boolean): PayloadCheck | Promise<PayloadCheck>;
  /** The JSON Schema, when the source has or can export one. */
  readonly json: JsonSchema | undefined;
}

/**
 * Puts a Standard Schema or a {@link jsonSchema} behind {@link PayloadSchema}.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_INVALID_DEFINITION`.
 */
export function toPayloadSchema(source: unknown, what: string): PayloadSchema {
  if (typeof source === "object" && source !== null && "~jsonSchema" in source) {
    const json = (source as JsonSchemaOf<unknown>)["~jsonSchema"];
    return {
      kind: "json-schema",
      json,
      check(value, allowAdditional) {
        const issues = validateJson(json, value, { allowAdditional });
        return issues.length === 0
          ? { ok: true, value }
          : { ok: false, issues: issues.map((i) => `${i.path || "/"}: ${i.message}`) };
      },
    };
  }
  const standard =
    (typeof source === "object" || typeof source === "function") && source !== null
      ? (source as Partial<StandardSchemaV1>)["~standard"]
      : undefined;
  if (standard === undefined || standard.version !== 1 || typeof standard.validate !== "function") {
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DEFINITION",
      `${what}: the schema must be a Standard Schema v1 (zod, valibot, ArkType...) or jsonSchema(...)`,
    );
  }
  return {
    kind: `standard:${standard.vendor}`,
    json: exportJsonSchema(standard),
    check(value) {
      const result = standard.validate(value);
      return result instanceof Promise ? result.then(fromStandard) : fromStandard(result);
    },
  };
}

function fromStandard(result: StandardSchemaV1.Result<unknown>): PayloadCheck {
  if (result.issues === undefined) return { ok: true, value: result.value };
  return {
    ok: false,
    issues: result.issues.map((issue) => {
      const path = (issue.path ?? [])
        .map((p) => String(typeof p === "object" && p !== null ? p.key : p))
        .join("/");
      return `/${path}: ${issue.message}`;
    }),
  };
}

function exportJsonSchema(standard: StandardSchemaV1.Props): JsonSchema | undefined {
  try {
    return standard.jsonSchema?.output({ target: "draft-2020-12" });
  } catch {
    // Some schemas (transforms, custom checks) have no JSON form: the type still works,
    // only the export is missing, and `plughooks notifications` says so.
    return undefined;
  }
}
