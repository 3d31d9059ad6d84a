/**
 * Hooks get the call's own arguments, not copies (as in Nova, where hooks got the same
 * Python objects): a `pre` that mutates an object argument changes what the function sees,
 * and `post` sees the state after the call. Rebinding a parameter inside a hook changes
 * nothing for the call. A hook that tries to mutate a frozen argument fails, is logged,
 * and the call goes on with the argument as it was.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { createHooks } from "../../src/index.js";
import { recordingLogger, tempDir, writeFile } from "../fuzz/support.js";

const root = tempDir();
writeFile(join(root, "package.json"), JSON.stringify({ name: "root" }));

interface Spec {
  size: number;
  tags: string[];
}

for (const codegen of [true, false]) {
  const mode = `codegen ${codegen ? "on" : "off"}`;

  test(`a pre hook's mutation of an argument is visible to the call and to post (${mode})`, async () => {
    const hooks = createHooks({
      group: "faults",
      root,
      logger: recordingLogger(),
      codegen,
      env: {},
    });
    const seenByPost: unknown[] = [];
    hooks.register("resize", {
      pre(spec: Spec, count: number) {
        spec.size = 99;
        spec.tags.push("audited");
        // Rebinding a parameter is local to the hook.
        count = 1000;
        void count;
      },
      post(result: number, spec: Spec) {
        seenByPost.push(result, { ...spec, tags: [...spec.tags] });
      },
    });
    const resize = hooks.addHook("resize")((spec: Spec, count: number) => spec.size * count);
    const spec: Spec = { size: 1, tags: [] };
    assert.equal(resize(spec, 2), 198, "the call saw size 99 and count 2");
    assert.deepEqual(spec, { size: 99, tags: ["audited"] }, "the caller's object changed too");
    assert.deepEqual(seenByPost, [198, { size: 99, tags: ["audited"] }]);

    // The same for an async function, where the pre hook mutates after an await.
    hooks.register("resizeAsync", {
      async pre(spec: Spec) {
        await null;
        spec.size = 7;
      },
    });
    const resizeAsync = hooks.addHook("resizeAsync")(async (spec: Spec) => spec.size);
    assert.equal(await resizeAsync({ size: 1, tags: [] }), 7);
  });

  test(`a method's hooks get the instance and may change it (${mode})`, () => {
    const hooks = createHooks({
      group: "faults",
      root,
      logger: recordingLogger(),
      codegen,
      env: {},
    });
    hooks.register("scale", {
      pre(self: { factor: number }) {
        self.factor = 10;
      },
    });
    const scale = hooks.addHook("scale", { passThis: true })(function (
      this: { factor: number },
      n: number,
    ) {
      return n * this.factor;
    });
    const manager = { factor: 2, scale };
    assert.equal(manager.scale(3), 30);
    assert.equal(manager.factor, 10);
  });

  test(`[promise:frozen-arguments] a hook that mutates a frozen argument fails, is logged, and the call sees it unchanged (${mode})`, () => {
    const logger = recordingLogger();
    const hooks = createHooks({ group: "faults", root, logger, codegen, env: {} });
    hooks.register("frozen", {
      pre(spec: Spec) {
        spec.size = 99; // a TypeError: the object is frozen
      },
    });
    const read = hooks.addHook("frozen")((spec: Spec) => spec.size);
    assert.equal(read(Object.freeze({ size: 1, tags: [] })), 1);
    assert.match(
      logger.at("error")[0] ?? "",
      /TypeError: Cannot assign to read only property 'size'/,
    );
  });
}
