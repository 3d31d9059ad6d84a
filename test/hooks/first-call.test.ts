/**
 * The first call that runs plugins runs them through the reference loop and compiles nothing
 * (make-runner.ts, runOnce); the next call builds the compiled call path. Which path ran is
 * read from the stack a plugin's `pre` sees: `callWithLoop` (the loop) or `callPath` (the
 * generated function's name).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createHooks } from "../../src/index.js";
import { makeApp, type PackageSpec } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

type Seen = { path: "loop" | "compiled" | "other"; args: unknown[]; result?: unknown }[];
const seen = () => ((globalThis as { __firstCallSeen?: Seen }).__firstCallSeen ??= []);

/** A plugin whose pre and post record which call path called them. */
const stackPlugin = (name: string): PackageSpec => ({
  name,
  entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Hook" } },
  files: {
    "hooks.js": `const path = () => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack;
  Error.stackTraceLimit = limit;
  return stack.includes("callWithLoop") ? "loop" : stack.includes("callPath") ? "compiled" : "other";
};
export class Hook {
  pre(...args) { (globalThis.__firstCallSeen ??= []).push({ path: path(), args }); }
  post(result, ...args) { (globalThis.__firstCallSeen ??= []).push({ path: path(), args, result }); }
}
`,
  },
});

const app = () => makeApp({ packages: [stackPlugin("aa-audit"), stackPlugin("bb-audit")] });

test("the first call runs discovered plugins through the loop, the next calls through the compiled path, with the same results", () => {
  seen().length = 0;
  const logger = recordingLogger();
  const hooks = createHooks({ group: "nova.hooks", root: app(), logger, env: {} });
  const resize = hooks.addHook("resize_hook")((size: number) => size * 2);
  assert.equal(resize(2), 4);
  assert.equal(resize(3), 6);
  assert.equal(resize(4), 8);
  assert.deepEqual(
    seen().map((s) => s.path),
    ["loop", "loop", "loop", "loop", ...Array(8).fill("compiled")],
  );
  // pre, pre, post, post for each call: the same order and arguments on both paths
  assert.deepEqual(
    seen().map((s) => [s.args, s.result]),
    [2, 3, 4].flatMap((x) => [
      [[x], undefined],
      [[x], undefined],
      [[x], x * 2],
      [[x], x * 2],
    ]),
  );
  assert.deepEqual(logger.at("error"), []);
});

test("without code generation every call runs through the loop", () => {
  seen().length = 0;
  const hooks = createHooks({ group: "nova.hooks", root: app(), codegen: false, env: {} });
  const resize = hooks.addHook("resize_hook")((size: number) => size * 2);
  assert.equal(resize(2), 4);
  assert.equal(resize(3), 6);
  assert.deepEqual(
    seen().map((s) => s.path),
    Array(8).fill("loop"),
  );
});

test("hooks added with register() only are compiled on the first call (semantic tests exercise the generated path)", () => {
  seen().length = 0;
  const hooks = createHooks({ group: "nova.hooks", root: makeApp(), env: {} });
  const path = () => {
    const stack = new Error().stack ?? "";
    return stack.includes("callWithLoop")
      ? "loop"
      : stack.includes("callPath")
        ? "compiled"
        : "other";
  };
  const paths: string[] = [];
  hooks.register("resize_hook", { pre: () => void paths.push(path()) });
  const resize = hooks.addHook("resize_hook")((size: number) => size * 2);
  assert.equal(resize(2), 4);
  assert.equal(resize(3), 6);
  assert.deepEqual(paths, ["compiled", "compiled"]);
});

test("a reset after the first call compiles on the next call (only a function's first call uses the loop)", () => {
  seen().length = 0;
  const hooks = createHooks({ group: "nova.hooks", root: app(), env: {} });
  const resize = hooks.addHook("resize_hook")((size: number) => size * 2);
  assert.equal(resize(2), 4);
  hooks.reset();
  assert.equal(resize(3), 6);
  assert.deepEqual(
    seen().map((s) => s.path),
    ["loop", "loop", "loop", "loop", ...Array(4).fill("compiled")],
  );
});
