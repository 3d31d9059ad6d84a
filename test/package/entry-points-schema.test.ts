/**
 * The JSON Schema shipped as `plughooks/entry-points.schema.json` against the parser that
 * plughooks runs (`readEntryPoints`, `parseReference`): for generated manifests, the schema
 * accepts exactly what the parser accepts. The one rule a schema cannot state (a bare
 * module must be the package's *own* name: a field's schema cannot read `name`) is its own
 * property: the schema accepts a reference exactly when some package could declare it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Ajv } from "ajv";
import fc from "fast-check";
import { readEntryPoints } from "../../src/entry-points/manifest.js";
import { parseReference } from "../../src/entry-points/reference.js";
import type { Problem } from "../../src/errors/index.js";
import { check, countInput, runs } from "../fuzz/support.js";

const schemaFile = new URL("../../../schema/entry-points.schema.json", import.meta.url);
const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
// strict: an unknown keyword in the schema is an error, except VS Code's message keyword.
const ajv = new Ajv({ strict: true, allErrors: true });
ajv.addVocabulary(["patternErrorMessage"]);
const validateManifest = ajv.compile(schema);
const validateReference = ajv.compile({ $ref: `${schema.$id}#/definitions/reference` });

const OWN = "pkg";
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

/** The package a bare module names (`@s/p/x` -> `@s/p`), or undefined for a `./` path. */
function packageNamedBy(reference: string): string | undefined {
  const colon = reference.lastIndexOf(":");
  const module = colon === -1 ? reference : reference.slice(0, colon);
  const segments = module.split("/");
  const name = segments.slice(0, module.startsWith("@") ? 2 : 1).join("/");
  return PACKAGE_NAME.test(name) ? name : undefined;
}

const PIECES = [
  "./",
  "../",
  "..",
  ".",
  "/",
  "//",
  "\\",
  "%2e",
  "\u0000",
  "\n",
  "\u007f",
  "node_modules",
  "Node_Modules",
  "a",
  "dist",
  "hooks.js",
  ":",
  ":Hook",
  ":default",
  ".attr",
  "ns.A",
  "__proto__",
  "constructor",
  "prototype",
  "node:fs",
  "http://h/",
  "C:",
  "pkg",
  "pkg/",
  "@scope/pkg",
  "other",
  "$",
  "_",
  "1",
  " ",
  "é",
  "\u2028",
  "\ufeff",
  "😀",
  "-",
  "#",
];
const pieced = fc.array(fc.constantFrom(...PIECES), { maxLength: 9 }).map((p) => p.join(""));
const referenceArb = fc.oneof(
  { weight: 6, arbitrary: pieced },
  { weight: 2, arbitrary: pieced.map((p) => `./${p}`) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1015, max: 1030 }), fc.boolean())
      .map(([n, colon]) => `./${"a".repeat(n)}${colon ? ":X" : ""}`),
  },
);
const NAMES = ["nova.hooks", "resize_hook", "", " ", "\t", "\u2028", "__proto__", "constructor"];
const nameArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMES, "prototype", "a b", "\ufeffx") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const notAnObject = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
);
// Object.fromEntries defines own keys, `__proto__` included, as JSON.parse does.
const objectOf = <T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>) =>
  fc.array(fc.tuple(key, value), { maxLength: 4 }).map((pairs) => Object.fromEntries(pairs));

/** A reference the own-name rule does not decide: a `./` path, or the package's own name. */
const decidable = (reference: unknown) =>
  typeof reference !== "string" || [undefined, OWN].includes(packageNamedBy(reference));
const groupArb = fc.oneof(
  { weight: 6, arbitrary: objectOf(nameArb, fc.oneof(referenceArb, notAnObject)) },
  { weight: 1, arbitrary: notAnObject },
);
const entryPointsArb = fc.oneof(
  { weight: 8, arbitrary: objectOf(nameArb, groupArb) },
  { weight: 1, arbitrary: notAnObject },
);

function parserAccepts(entryPoints: unknown): Problem[] {
  const problems: Problem[] = [];
  readEntryPoints(
    { name: OWN, version: "1.0.0", directory: "/nowhere", dependencies: [], entryPoints },
    undefined,
    problems,
  );
  return problems;
}

test("[schema] the schema accepts exactly the manifests the parser accepts", async () => {
  let accepted = 0;
  await check(
    "schema: manifests",
    fc.property(entryPointsArb, (entryPoints) => {
      const references = Object.values(entryPoints ?? {}).flatMap((g) =>
        typeof g === "object" && g !== null ? Object.values(g) : [],
      );
      fc.pre(references.every(decidable));
      countInput();
      const problems = parserAccepts(entryPoints);
      const valid = validateManifest({ name: OWN, entryPoints });
      if (valid) accepted++;
      assert.equal(
        valid,
        problems.length === 0,
        `entryPoints ${JSON.stringify(entryPoints)}: parser says ${JSON.stringify(problems.map((p) => p.message))}, schema says ${ajv.errorsText(validateManifest.errors)}`,
      );
    }),
    runs(1500),
  );
  // The generator must reach both verdicts, or the equality above says little.
  assert.ok(accepted > 20, `only ${accepted} generated manifests were valid`);
});

test("[schema] a reference passes the schema exactly when some package could declare it", async () => {
  let accepted = 0;
  await check(
    "schema: references",
    fc.property(referenceArb, (reference) => {
      countInput();
      const own = packageNamedBy(reference) ?? OWN;
      let parsed = true;
      try {
        parseReference(reference, { package: own });
      } catch {
        parsed = false;
      }
      if (parsed) accepted++;
      assert.equal(
        validateReference(reference),
        parsed,
        `reference ${JSON.stringify(reference)} of package ${own}: ${ajv.errorsText(validateReference.errors)}`,
      );
    }),
    runs(3000),
  );
  assert.ok(accepted > 100, `only ${accepted} generated references were valid`);
});

test("[schema] another package's name passes the schema, and the parser refuses it", () => {
  // The documented limit: the field's schema cannot compare a module with `name`.
  for (const reference of ["other/hooks:Audit", "@scope/pkg:Audit", "other"]) {
    assert.equal(validateReference(reference), true, reference);
    assert.throws(() => parseReference(reference, { package: OWN }), {
      code: "ERR_REFERENCE_ESCAPES_PACKAGE",
    });
  }
});

test("[schema] the README's and the format page's references are valid", () => {
  for (const reference of schema.definitions.reference.examples) {
    assert.equal(validateReference(reference), true, reference);
  }
  assert.equal(validateReference("./dist/../x.js"), false);
  assert.equal(validateReference(".\\dist\\hooks.js"), false);
  assert.equal(validateReference("./dist/hooks.js:"), false);
});
