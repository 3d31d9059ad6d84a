/**
 * Hooked functions are handed out from batches of compiled wrappers (src/hooks/wrapper.ts):
 * each must stay its own function, with its own name, length and call path, across batch
 * boundaries and arities. Every test runs on both call paths: generated and the loop.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createHooks, type HookObject, hookNameOf } from "../../src/index.js";
import { tempDir } from "../helpers/fixtures.js";

const emptyRoot = tempDir();

/** A target of `arity` parameters named `name`, returning its id and its arguments. */
function target(name: string, arity: number, id: number): (...args: unknown[]) => unknown {
  const params = Array.from({ length: arity }, (_, i) => `a${i}`).join(", ");
  return new Function("id", `return function ${name}(${params}) { return [id, ...arguments]; };`)(
    id,
  ) as (...args: unknown[]) => unknown;
}

for (const codegen of [true, false]) {
  describe(`wrapper batches (codegen: ${codegen})`, () => {
    test("200 hooked functions over arities 0 to 9 each keep their name, length, hook name and own call path", () => {
      const hooks = createHooks({ group: "test.hooks", root: emptyRoot, codegen, env: {} });
      const seen: string[] = [];
      const made: { fn: (...args: unknown[]) => unknown; id: number; arity: number }[] = [];
      // More than one batch per arity (8, then 16, then 32...), interleaved across arities.
      for (let id = 0; id < 200; id++) {
        const arity = id % 10;
        const hookName = `h${id}`;
        const hook: HookObject = {
          pre: () => {
            seen.push(`pre ${id}`);
          },
          post: (result: unknown) => {
            seen.push(`post ${id} ${(result as unknown[])[0]}`);
          },
        };
        hooks.register(hookName, hook);
        const fn = hooks.addHook(hookName)(target(`fn${id}`, arity, id));
        assert.equal(fn.name, `fn${id}`);
        assert.equal(fn.length, arity);
        assert.equal(hookNameOf(fn), hookName);
        made.push({ fn, id, arity });
      }
      for (const round of [1, 2]) {
        for (const { fn, id, arity } of made) {
          seen.length = 0;
          const args = Array.from({ length: arity }, (_, i) => i * round);
          assert.deepEqual(fn(...args), [id, ...args]);
          // another argument count than declared takes the other path, with the same hook
          assert.deepEqual(fn(...args, "extra"), [id, ...args, "extra"]);
          assert.deepEqual(seen, [
            `pre ${id}`,
            `post ${id} ${id}`,
            `pre ${id}`,
            `post ${id} ${id}`,
          ]);
        }
      }
    });

    test("[promise:not-a-constructor] every wrapper of a batch refuses new", () => {
      const hooks = createHooks({ group: "test.hooks", root: emptyRoot, codegen, env: {} });
      for (let id = 0; id < 20; id++) {
        const fn = hooks.addHook("h")(target(`fn${id}`, 1, id)) as unknown as new () => unknown;
        assert.throws(() => new fn(), TypeError);
      }
    });

    test("a hook registered after the first calls reaches every hooked function of a batch", () => {
      const hooks = createHooks({ group: "test.hooks", root: emptyRoot, codegen, env: {} });
      const fns = Array.from({ length: 20 }, (_, id) =>
        hooks.addHook("late")(target(`f${id}`, 1, id)),
      );
      for (const [id, fn] of fns.entries()) assert.deepEqual(fn(1), [id, 1]);
      const calls: number[] = [];
      hooks.register("late", { pre: (x: unknown) => void calls.push(x as number) });
      for (const [id, fn] of fns.entries()) assert.deepEqual(fn(id), [id, id]);
      assert.deepEqual(
        calls,
        fns.map((_, id) => id),
      );
    });
  });
}
