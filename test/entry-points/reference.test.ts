import assert from "node:assert/strict";
import { test } from "node:test";
import { parseReference } from "../../src/entry-points/index.js";
import { PlughooksError } from "../../src/errors/index.js";

const site = { package: "acme-audit", group: "nova.hooks", entryPoint: "resize_hook" };

test("[promise:reference-splits-at-last-colon] a reference splits at its last colon into module and export path", () => {
  assert.deepEqual(parseReference("./dist/hooks.js:ResizeAudit", site), {
    module: "./dist/hooks.js",
    exportPath: ["ResizeAudit"],
  });
  assert.deepEqual(parseReference("./hooks.js:ns.Inner.Audit", site), {
    module: "./hooks.js",
    exportPath: ["ns", "Inner", "Audit"],
  });
});

test("the export defaults to default", () => {
  assert.deepEqual(parseReference("./hooks.js", site), {
    module: "./hooks.js",
    exportPath: ["default"],
  });
});

test("a subpath of the package itself is accepted, another package is not", () => {
  assert.equal(parseReference("acme-audit/hooks:Audit", site).module, "acme-audit/hooks");
  assert.equal(parseReference("acme-audit", site).module, "acme-audit");
  assert.equal(
    parseReference("@acme/x/hooks", { ...site, package: "@acme/x" }).module,
    "@acme/x/hooks",
  );
  const error = catchError(() => parseReference("lodash/fp:map", site));
  assert.equal(error.code, "ERR_REFERENCE_ESCAPES_PACKAGE");
  assert.match(error.message, /another package/);
});

const rejected: [reference: unknown, code: string][] = [
  ["", "ERR_INVALID_REFERENCE"],
  ["   ", "ERR_INVALID_REFERENCE"],
  [42, "ERR_INVALID_REFERENCE"],
  [null, "ERR_INVALID_REFERENCE"],
  [{ path: "./a.js" }, "ERR_INVALID_REFERENCE"],
  ["/etc/passwd:x", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["C:/x.js:A", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["file:///etc/x.js:A", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["https://evil.example/x.js:A", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["node:fs:readFileSync", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["data:text/javascript,1:A", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["./../other/x.js:A", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["./a/../../x.js:A", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  ["../x.js", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  [".\\..\\x.js:A", "ERR_INVALID_REFERENCE"],
  ["./%2e%2e/x.js:A", "ERR_INVALID_REFERENCE"],
  ["./a\u0000.js:A", "ERR_INVALID_REFERENCE"],
  ["./a.js:", "ERR_INVALID_REFERENCE"],
  ["./a.js:1abc", "ERR_INVALID_REFERENCE"],
  ["./a.js:A..B", "ERR_INVALID_REFERENCE"],
  ["./a.js:__proto__", "ERR_INVALID_REFERENCE"],
  ["./a.js:A.constructor", "ERR_INVALID_REFERENCE"],
  ["./:A", "ERR_INVALID_REFERENCE"],
  ["./a//b.js:A", "ERR_INVALID_REFERENCE"],
  ["hooks.js:A", "ERR_REFERENCE_ESCAPES_PACKAGE"],
  [`./${"a".repeat(2000)}.js`, "ERR_INVALID_REFERENCE"],
];

for (const [reference, code] of rejected) {
  test(`[promise:reference-stays-inside-package] rejects ${JSON.stringify(reference)?.slice(0, 40)} with ${code}`, () => {
    const error = catchError(() => parseReference(reference, site));
    assert.equal(error.code, code);
    // Every message names the package and the entry point.
    assert.equal(error.site?.package, "acme-audit");
    assert.equal(error.site?.entryPoint, "resize_hook");
  });
}

function catchError(fn: () => unknown): PlughooksError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof PlughooksError, `expected a PlughooksError, got ${String(caught)}`);
  return caught;
}

test("[promise:reference-without-dot-slash-hint] a path written without ./ is told to start with ./, not called another package", () => {
  for (const [reference, fixed] of [
    ["dist/hooks.js:Ship", "./dist/hooks.js"],
    ["hooks.mjs", "./hooks.mjs"],
    ["lib/x.cjs:A", "./lib/x.cjs"],
  ]) {
    const error = catchError(() => parseReference(reference, site));
    assert.equal(error.code, "ERR_REFERENCE_ESCAPES_PACKAGE", reference);
    assert.ok(error.message.includes(JSON.stringify(fixed)), error.message);
    assert.doesNotMatch(error.message, /another package/);
  }
  // A bare name without a file extension still reads as another package.
  assert.match(catchError(() => parseReference("lodash/fp:map", site)).message, /another package/);
});
