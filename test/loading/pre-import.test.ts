import assert from "node:assert/strict";
import { test } from "node:test";
import { type EntryPoint, entryPoints } from "../../src/entry-points/index.js";
import { loadEntryPoint } from "../../src/loading/index.js";
import { needsPreImport, preImport } from "../../src/loading/pre-import.js";
import { makeApp } from "../helpers/fixtures.js";

test("pre-import is needed only under Yarn PnP on Node < 22", () => {
  assert.equal(needsPreImport({ node: "20.20.2", pnp: "3" }), true);
  assert.equal(needsPreImport({ node: "22.12.0", pnp: "3" }), false);
  assert.equal(needsPreImport({ node: "26.10.0", pnp: "3" }), false);
  assert.equal(needsPreImport({ node: "20.20.2" }), false);
});

test("a pre-imported ES module is the one the synchronous load then gets", async () => {
  const app = makeApp({
    packages: [
      {
        name: "counted",
        entryPoints: { g: { h: "./hooks.js:Hook" } },
        files: {
          "hooks.js":
            "globalThis.__preImportRuns = (globalThis.__preImportRuns ?? 0) + 1;\nexport class Hook { pre() {} }\n",
        },
      },
    ],
  });
  const entryPoint = entryPoints({ root: app, group: "g", index: false })
    .entryPoints[0] as EntryPoint;
  await preImport(entryPoint);
  const outcome = loadEntryPoint(entryPoint);
  assert.equal(outcome.ok, true);
  assert.equal((globalThis as { __preImportRuns?: number }).__preImportRuns, 1, "evaluated once");
});

test("pre-import never throws: the synchronous load reports the failure", async () => {
  const app = makeApp({
    packages: [
      {
        name: "throws",
        entryPoints: { g: { h: "./boom.js" } },
        files: { "boom.js": "throw new Error('boom');\n" },
      },
      { name: "missing", entryPoints: { g: { h: "./nope.js" } } },
    ],
  });
  for (const entryPoint of entryPoints({ root: app, group: "g", index: false }).entryPoints) {
    await assert.doesNotReject(preImport(entryPoint));
    const outcome = loadEntryPoint(entryPoint);
    assert.equal(outcome.ok, false);
    if (!outcome.ok)
      assert.equal(
        outcome.problem.code,
        entryPoint.package === "throws" ? "ERR_MODULE_THREW" : "ERR_MODULE_NOT_FOUND",
      );
  }
});
