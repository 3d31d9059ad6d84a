import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { PlughooksError } from "../../src/errors/index.js";
import {
  checkMinorStep,
  defineNotification,
  jsonSchema,
  type PayloadOf,
  unsupportedKeyword,
  validateJson,
} from "../../src/notifications/index.js";

const code = (c: string) => (error: unknown) => error instanceof PlughooksError && error.code === c;

test("the JSON Schema subset checks types, required, bounds, enums, items and patterns", () => {
  const schema = {
    type: "object",
    properties: {
      id: { type: "string", pattern: "^[a-f0-9]+$", minLength: 2 },
      size: { type: "integer", minimum: 1, maximum: 64 },
      state: { enum: ["active", "error"] },
      tags: { type: "array", items: { type: "string" }, maxItems: 2 },
      host: { type: ["string", "null"] },
    },
    required: ["id", "size"],
    additionalProperties: false,
  };
  assert.deepEqual(
    validateJson(schema, { id: "ab", size: 2, state: "active", tags: ["a"], host: null }),
    [],
  );
  const issues = validateJson(schema, {
    id: "Z",
    size: 1.5,
    state: "gone",
    tags: ["a", 1, "c"],
    extra: 1,
  });
  assert.deepEqual(
    issues.map((i) => i.path).sort(),
    ["/extra", "/id", "/id", "/size", "/state", "/tags", "/tags/1"].sort(),
  );
  assert.match(validateJson(schema, {})[0]?.message ?? "", /missing required property "id"/);
  assert.equal(validateJson(schema, [])[0]?.message, "expected object, got array");
});

test("additionalProperties: false gives way when a listener reads a newer minor version", () => {
  const schema = {
    type: "object",
    properties: { a: { type: "string" } },
    additionalProperties: false,
  };
  assert.equal(validateJson(schema, { a: "x", b: 1 }).length, 1);
  assert.equal(validateJson(schema, { a: "x", b: 1 }, { allowAdditional: true }).length, 0);
});

test("a keyword outside the subset is refused when the schema is defined, never ignored", () => {
  assert.match(
    unsupportedKeyword({ type: "object", properties: { a: { $ref: "#/x" } } }) ?? "",
    /"\$ref"/,
  );
  assert.match(unsupportedKeyword({ oneOf: [] }) ?? "", /"oneOf"/);
  assert.equal(unsupportedKeyword({ type: "string", description: "d", format: "uuid" }), undefined);
  assert.throws(
    () => jsonSchema({ type: "object", if: {} }),
    code("ERR_NOTIFICATION_INVALID_DEFINITION"),
  );
});

test("a Standard Schema (zod) validates, types the payload, and exports its JSON Schema", () => {
  const ResizeEnd = defineNotification({
    type: "instance.resize.end",
    version: "1.0",
    schema: z.object({ instanceId: z.string(), flavor: z.string() }),
    sample: { instanceId: "9b1c", flavor: "m1.large" },
  });
  const payload: PayloadOf<typeof ResizeEnd> = { instanceId: "a", flavor: "b" };
  // @ts-expect-error: the payload type follows from the zod schema
  const wrong: PayloadOf<typeof ResizeEnd> = { instanceId: 1, flavor: "b" };
  assert.ok(payload && wrong);
  assert.equal(ResizeEnd.schema.kind, "standard:zod");
  assert.deepEqual(ResizeEnd.jsonSchema?.required, ["instanceId", "flavor"]);
  assert.deepEqual(ResizeEnd.schema.check({ instanceId: 1 }, false) as object, {
    ok: false,
    issues: [
      "/instanceId: Invalid input: expected string, received number",
      "/flavor: Invalid input: expected string, received undefined",
    ],
  });
});

test("a definition with a bad type, version, priority, schema or sample is refused with one code", () => {
  const schema = jsonSchema<{ id: string }>({
    type: "object",
    properties: { id: { type: "string" } },
    required: ["id"],
  });
  const base = { type: "a.b", version: "1.0", schema, sample: { id: "x" } };
  for (const bad of [
    { ...base, type: "a..b" },
    { ...base, type: "a.*" },
    { ...base, version: "1" },
    { ...base, version: "1.0.0" },
    { ...base, version: "01.0" },
    { ...base, priority: "loud" },
    { ...base, schema: { type: "object" } },
    { ...base, sample: { id: 3 } },
  ]) {
    assert.throws(
      () => defineNotification(bad as never),
      code("ERR_NOTIFICATION_INVALID_DEFINITION"),
      JSON.stringify(bad),
    );
  }
});

test("a minor version may add optional fields; removing, changing or requiring one breaks it", () => {
  const v1_0 = defineNotification({
    type: "volume.attach",
    version: "1.0",
    schema: jsonSchema<{ volume: string }>({
      type: "object",
      properties: { volume: { type: "string" } },
      required: ["volume"],
    }),
    sample: { volume: "v1" },
  });
  const v1_1 = defineNotification({
    type: "volume.attach",
    version: "1.1",
    previous: v1_0,
    schema: z.object({ volume: z.string(), device: z.string().optional() }),
    sample: { volume: "v1", device: "/dev/vdb" },
  });
  assert.equal(v1_1.previous, v1_0);
  const attempt =
    (version: string, schema: Record<string, unknown>, sample: unknown = { volume: "v" }) =>
    () =>
      defineNotification({
        type: "volume.attach",
        version,
        previous: v1_1,
        schema: jsonSchema(schema),
        sample: sample as never,
      });
  const breaking = "ERR_NOTIFICATION_BREAKING_MINOR";
  assert.throws(
    attempt("1.2", { type: "object", properties: { device: { type: "string" } } }),
    code(breaking),
    "removed",
  );
  assert.throws(
    attempt(
      "1.2",
      {
        type: "object",
        properties: { volume: { type: "integer" }, device: { type: "string" } },
        required: ["volume"],
      },
      { volume: 1 },
    ),
    code(breaking),
    "changed",
  );
  assert.throws(
    attempt("1.2", {
      type: "object",
      properties: {
        volume: { type: "string" },
        device: { type: "string" },
        host: { type: "string" },
      },
      required: ["volume", "host"],
    }),
    code(breaking),
    "new required",
  );
  assert.throws(
    attempt("1.1", {
      type: "object",
      properties: { volume: { type: "string" }, device: { type: "string" } },
      required: ["volume"],
    }),
    code(breaking),
    "same minor",
  );
  // A new major may change anything.
  assert.doesNotThrow(
    attempt("2.0", { type: "object", properties: { volume: { type: "integer" } } }, { volume: 2 }),
  );
});

test("a minor step that cannot be checked (no JSON Schema) is refused, not assumed compatible", () => {
  const opaque = {
    "~standard": { version: 1, vendor: "x", validate: (value: unknown) => ({ value }) },
  } as const;
  const v1 = defineNotification({ type: "a.b", version: "1.0", schema: opaque, sample: {} });
  const v2 = defineNotification({ type: "a.b", version: "1.1", schema: opaque, sample: {} });
  assert.throws(() => checkMinorStep(v1, v2), code("ERR_NOTIFICATION_BREAKING_MINOR"));
});
