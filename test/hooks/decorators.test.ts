/**
 * `@hooks.addHook(...)` on real classes compiled by TypeScript, in both decorator modes:
 * TC39 standard decorators and legacy `experimentalDecorators`.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { tempDir } from "../helpers/fixtures.js";

const plughooks = new URL("../../src/index.js", import.meta.url).href;

const source = `
import { createHooks, hookNameOf } from ${JSON.stringify(plughooks)};
export const calls: unknown[][] = [];
export const hooks = createHooks({ group: "nova.hooks", root: ${JSON.stringify(tempDir())}, env: {} });
hooks.register("resize_hook", {
  pre: (...args: unknown[]) => { calls.push(["pre", ...args]); },
  post: (...args: unknown[]) => { calls.push(["post", ...args]); },
});
hooks.register("build_hook", {
  pre: (...args: unknown[]) => { calls.push(["build.pre", ...args]); },
});

export class ComputeManager {
  flavor = "small";
  @hooks.addHook("resize_hook")
  resizeInstance(context: string, instance: string, a = 1, b = 2) {
    return \`\${this.flavor}:\${context}:\${instance}:\${a + b}\`;
  }
  @hooks.addHook("resize_hook", { passFunction: true })
  static create(size: number) {
    return size * 2;
  }
  @hooks.addHook("build_hook")
  async build(spec: string) {
    return spec.toUpperCase();
  }
}
export { hookNameOf };
`;

for (const experimentalDecorators of [false, true]) {
  const mode = experimentalDecorators
    ? "legacy experimentalDecorators"
    : "TC39 standard decorators";
  test(`decorated methods work with ${mode}`, async () => {
    const output = ts.transpileModule(source, {
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        experimentalDecorators,
        useDefineForClassFields: true,
      },
      reportDiagnostics: true,
    });
    assert.deepEqual(output.diagnostics ?? [], []);
    // The compiled code really uses the mode under test.
    assert.equal(output.outputText.includes("__decorate("), experimentalDecorators);
    assert.equal(output.outputText.includes("__esDecorate("), !experimentalDecorators);
    const file = join(tempDir(), "compute.mjs");
    writeFileSync(file, output.outputText);
    const mod = await import(pathToFileURL(file).href);
    const manager = new mod.ComputeManager();

    assert.equal(manager.resizeInstance("ctx", "vm-1"), "small:ctx:vm-1:3");
    assert.equal(manager.resizeInstance("ctx", "vm-2", 10, 20), "small:ctx:vm-2:30");
    assert.deepEqual(mod.calls, [
      ["pre", manager, "ctx", "vm-1"],
      ["post", "small:ctx:vm-1:3", manager, "ctx", "vm-1"],
      ["pre", manager, "ctx", "vm-2", 10, 20],
      ["post", "small:ctx:vm-2:30", manager, "ctx", "vm-2", 10, 20],
    ]);

    const method = mod.ComputeManager.prototype.resizeInstance;
    assert.equal(mod.hookNameOf(method), "resize_hook");
    assert.equal(method.name, "resizeInstance");
    assert.equal(method.length, 2);

    mod.calls.length = 0;
    assert.equal(mod.ComputeManager.create(4), 8);
    const [pre] = mod.calls;
    assert.equal(typeof pre[1], "function", "passFunction: the original function comes first");
    assert.equal(pre[1].name, "create");
    assert.equal(pre[2], mod.ComputeManager, "then the receiver (the class, for a static method)");

    mod.calls.length = 0;
    assert.equal(await manager.build("x"), "X");
    assert.deepEqual(mod.calls, [["build.pre", manager, "x"]]);
  });
}
