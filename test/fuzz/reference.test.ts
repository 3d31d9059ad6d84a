/**
 * Properties of the reference parser (`parseReference`): for any input it throws nothing but
 * a PlughooksError, pollutes no prototype, and accepts exactly the references the format
 * allows (checked against a model written from ARCHITECTURE.md); and a reference it accepts
 * always resolves, on a real disk full of traps, to a file inside its own package.
 */
import assert from "node:assert/strict";
import { mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import type { EntryPoint } from "../../src/entry-points/index.js";
import { parseReference } from "../../src/entry-points/reference.js";
import { PlughooksError } from "../../src/errors/index.js";
import { loadEntryPoint, resolveModuleFile } from "../../src/loading/index.js";
import { modelParse } from "./reference-model.js";
import { check, countInput, runs, tempDir, writeFile } from "./support.js";

const CODES = new Set(["ERR_INVALID_REFERENCE", "ERR_REFERENCE_ESCAPES_PACKAGE"]);

// ---------------------------------------------------------------------------------------
// Inputs: references built from pieces that matter to a path parser, plus raw strings and
// arbitrary values.
// ---------------------------------------------------------------------------------------
const OWN_NAMES = ["pkg", "@scope/pkg", "a.b", "Pkg", "..", "./x", "node:fs", "", "%41", "a\\b"];
const PIECES = [
  "./",
  "../",
  "..",
  ".",
  "/",
  "//",
  "\\",
  "\\..",
  "%2e",
  "%2E%2e",
  "%2f",
  "%00",
  "\u0000",
  "\n",
  "\u007f",
  "node_modules",
  "Node_Modules",
  "a",
  "dist",
  "hooks.js",
  "x.cjs",
  ":",
  ":Hook",
  ":default",
  ".attr",
  "ns.A",
  "__proto__",
  "constructor",
  "prototype",
  "file:",
  "node:fs",
  "http://h/",
  "data:text/javascript,1",
  "C:",
  "c:\\",
  "pkg",
  "pkg/",
  "@scope/pkg",
  "@scope/",
  "other",
  "$",
  "_",
  "1",
  " ",
  "é",
  "\u2028",
  "\ud800",
  "~",
  "*",
  "?",
  "#",
];
const anyCodeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const pieced = fc.array(fc.constantFrom(...PIECES), { maxLength: 9 }).map((p) => p.join(""));
const referenceArb = fc.oneof(
  { weight: 5, arbitrary: pieced },
  // Any code point, lone surrogates included. (A custom unit: fast-check's "binary" unit
  // spends seconds building a reverse mapping before the first run.)
  { weight: 2, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1000, max: 1040 }), fc.boolean())
      .map(([n, colon]) => `./${"a".repeat(n)}${colon ? ":X" : ""}`),
  },
  { weight: 1, arbitrary: fc.anything() },
);
const ownArb = fc.oneof(fc.constantFrom(...OWN_NAMES), fc.string({ maxLength: 8 }));

test("[promise:reference-grammar] parseReference throws only PlughooksError, pollutes nothing, and accepts exactly the format", async () => {
  const protoKeys = Reflect.ownKeys(Object.prototype).length;
  const arrayKeys = Reflect.ownKeys(Array.prototype).length;
  await check(
    "reference: parser equals the format model",
    fc.property(
      fc.array(fc.tuple(referenceArb, ownArb), { minLength: 1, maxLength: 20 }),
      (cases) => {
        for (const [reference, own] of cases) {
          countInput();
          const expected = modelParse(reference, own);
          let got: ReturnType<typeof parseReference> | undefined;
          try {
            got = parseReference(reference, { package: own });
          } catch (error) {
            assert.ok(
              error instanceof PlughooksError,
              `threw a non-PlughooksError: ${String(error)}`,
            );
            assert.ok(CODES.has(error.code), error.code);
            assert.equal(error.site?.package, own, "the error names the package");
          }
          assert.deepEqual(
            got === undefined ? undefined : { module: got.module, exportPath: [...got.exportPath] },
            expected,
            `reference ${JSON.stringify(reference)} of package ${JSON.stringify(own)}`,
          );
        }
        assert.equal(Reflect.ownKeys(Object.prototype).length, protoKeys);
        assert.equal(Reflect.ownKeys(Array.prototype).length, arrayKeys);
      },
    ),
    runs(300),
  );
});

// ---------------------------------------------------------------------------------------
// Resolution on a real disk. One package full of traps: symlinks out of it (file, folder,
// through `exports`), a folder whose `main` climbs out, a nested node_modules package,
// symlink loops, odd file names. Code outside the package records that it ran: it never may.
// ---------------------------------------------------------------------------------------
interface Fixture {
  readonly app: string;
  readonly packages: Readonly<Record<string, string>>;
}

const evaluated = (): string[] =>
  ((globalThis as { __fuzzEvaluated?: string[] }).__fuzzEvaluated ??= []);

function makeFixture(): Fixture {
  const root = tempDir();
  const app = join(root, "app");
  const outside = join(root, "outside");
  const tracer = (label: string) =>
    `(globalThis.__fuzzEvaluated ??= []).push(${JSON.stringify(label)});\nmodule.exports = class { pre() {} };\n`;
  writeFile(join(outside, "evil.js"), tracer("outside"));
  writeFile(join(outside, "index.js"), tracer("outside"));
  writeFile(join(app, "package.json"), JSON.stringify({ name: "app" }));

  const pkg = join(app, "node_modules", "pkg");
  writeFile(
    join(pkg, "package.json"),
    JSON.stringify({
      name: "pkg",
      type: "commonjs",
      exports: {
        ".": "./dist/index.js",
        "./sub": "./dist/hooks.js",
        "./escape": "../../../outside/evil.js",
        "./nm": "./node_modules/other/index.js",
        "./link": "./link-out.js",
        "./linkdir/*": "./linkdir/*",
        "./*": "./dist/*",
      },
    }),
  );
  for (const file of ["hooks.js", "dist/hooks.js", "dist/index.js", "a b.js", "é.js", "a:b.js"]) {
    writeFile(join(pkg, file), tracer("inside"));
  }
  writeFile(
    join(pkg, "lib", "package.json"),
    JSON.stringify({ main: "../../../../outside/evil.js" }),
  );
  writeFile(join(pkg, "node_modules", "other", "package.json"), JSON.stringify({ name: "other" }));
  writeFile(join(pkg, "node_modules", "other", "index.js"), tracer("nested package"));
  symlinkSync(join(outside, "evil.js"), join(pkg, "link-out.js"));
  symlinkSync(outside, join(pkg, "linkdir"), "dir");
  symlinkSync(join(pkg, "loop"), join(pkg, "loop"));
  symlinkSync(join(pkg, "loop-b"), join(pkg, "loop-a"));
  symlinkSync(join(pkg, "loop-a"), join(pkg, "loop-b"));
  symlinkSync(join(pkg, "node_modules", "other"), join(pkg, "vendored"), "dir");

  // A package without `exports`: Node resolves its self-reference through node_modules,
  // where a different package of the same name sits.
  const nox = join(app, "node_modules", "nox");
  writeFile(join(nox, "package.json"), JSON.stringify({ name: "nox", type: "commonjs" }));
  writeFile(join(nox, "x.js"), tracer("inside"));
  writeFile(join(nox, "node_modules", "nox", "package.json"), JSON.stringify({ name: "nox" }));
  writeFile(join(nox, "node_modules", "nox", "y.js"), tracer("nested package"));
  mkdirSync(join(nox, "empty"));
  return { app, packages: { pkg: realpathSync(pkg), nox: realpathSync(nox) } };
}

const SEGMENTS = [
  "hooks.js",
  "dist",
  "index.js",
  "lib",
  "link-out.js",
  "linkdir",
  "evil.js",
  "loop",
  "loop-a",
  "node_modules",
  "node_modules/other",
  "other",
  "vendored",
  "a b.js",
  "é.js",
  "a:b.js",
  "x.js",
  "y.js",
  "nox",
  "empty",
  ".",
  "..",
  "",
  "%2e%2e",
  "..\\..\\outside",
  "sub",
  "escape",
  "nm",
  "link",
  "missing.js",
  "a\u0000.js",
  "%00",
  "x".repeat(300),
  "HOOKS.JS",
  "Node_Modules",
];
const PREFIXES = ["./", "pkg/", "pkg", "nox/", "nox", "", "../", "/", ".//", "./../"];
const modulePathArb = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 4 }))
  .map(([prefix, segments]) => prefix + segments.join("/"));
const resolutionCaseArb = fc.tuple(
  fc.constantFrom("pkg", "nox"),
  modulePathArb,
  fc.constantFrom("", ":default", ":X", ":a.b"),
);

test("[promise:reference-stays-inside] an accepted reference resolves inside its package, and nothing outside it runs", async () => {
  // Node warns once per odd `exports` match ("./dist//x"); the inputs are odd on purpose.
  process.noDeprecation = true;
  const fixture = makeFixture();
  await check(
    "reference: accepted references resolve inside the package",
    fc.property(fc.array(resolutionCaseArb, { minLength: 1, maxLength: 12 }), (cases) => {
      for (const [name, module, exported] of cases) {
        countInput();
        const directory = fixture.packages[name]!;
        const reference = module + exported;
        const site = { package: name, directory, group: "g", entryPoint: "e", reference };
        let parsed: ReturnType<typeof parseReference>;
        try {
          parsed = parseReference(reference, site);
        } catch (error) {
          assert.ok(error instanceof PlughooksError);
          continue;
        }
        const entryPoint: EntryPoint = {
          package: name,
          version: "1.0.0",
          directory,
          group: "g",
          name: "e",
          reference,
          module: parsed.module,
          exportPath: parsed.exportPath,
        };
        let file: string | undefined;
        try {
          file = resolveModuleFile(entryPoint);
        } catch (error) {
          assert.ok(error instanceof PlughooksError, String(error));
          assert.ok(
            error.code === "ERR_MODULE_NOT_FOUND" || error.code === "ERR_REFERENCE_ESCAPES_PACKAGE",
            error.code,
          );
        }
        if (file !== undefined) {
          assert.equal(realpathSync(file), file, "a real path");
          assert.ok(file.startsWith(directory + sep), `${reference} -> ${file}`);
          const inner = relative(directory, file).split(sep);
          assert.ok(!inner.includes("node_modules"), `${reference} -> ${file}: another package`);
        }
        // Loading never throws, and only the package's own code runs.
        const outcome = loadEntryPoint(entryPoint);
        assert.equal(typeof outcome.ok, "boolean");
        assert.deepEqual(
          evaluated().filter((label) => label !== "inside"),
          [],
          `${reference} of ${name} ran code outside its package`,
        );
      }
    }),
    runs(200),
  );
  // The property is not empty: some references did resolve and run inside the package.
  assert.ok(evaluated().includes("inside"));
});

test("[promise:reference-stays-inside] known escapes are refused, each for its own reason", () => {
  const fixture = makeFixture();
  const directory = fixture.packages.pkg!;
  const entry = (module: string): EntryPoint => ({
    package: "pkg",
    version: "1.0.0",
    directory,
    group: "g",
    name: "e",
    reference: module,
    module,
    exportPath: ["default"],
  });
  const codeOf = (module: string) => {
    try {
      resolveModuleFile(entry(module));
      return "resolved";
    } catch (error) {
      return (error as PlughooksError).code;
    }
  };
  assert.equal(codeOf("./hooks.js"), "resolved");
  assert.equal(codeOf("./link-out.js"), "ERR_REFERENCE_ESCAPES_PACKAGE"); // file symlink out
  assert.equal(codeOf("./linkdir/evil.js"), "ERR_REFERENCE_ESCAPES_PACKAGE"); // folder symlink out
  assert.equal(codeOf("./lib"), "ERR_REFERENCE_ESCAPES_PACKAGE"); // `main` climbs out
  assert.equal(codeOf("pkg/link"), "ERR_REFERENCE_ESCAPES_PACKAGE"); // `exports` to a link out
  assert.equal(codeOf("./vendored/index.js"), "ERR_REFERENCE_ESCAPES_PACKAGE"); // into node_modules
  assert.equal(codeOf("./loop"), "ERR_MODULE_NOT_FOUND");
  assert.deepEqual(
    evaluated().filter((label) => label !== "inside"),
    [],
  );
});
