/**
 * The generated call paths, snapshot-tested as tapable tests its code factory: the source for
 * each kind of plan is compared with `codegen.snapshot.txt`. The reference for the rules is
 * the loop in `call-loop.ts`; every semantic test runs on both paths (codegen on and off), so
 * a change here that drifts from the loop fails those tests, and a change of the generated
 * text shows up in review as a diff of the snapshot. `UPDATE_SNAPSHOTS=1` rewrites it.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { type CallPlan, makeCallPlan, type RunHook } from "../../src/hooks/call-plan.js";
import { runnerSource } from "../../src/hooks/codegen.js";

// From build/test/hooks/ (compiled) or test/hooks/ (source), the snapshot beside the source.
const snapshotFile = fileURLToPath(
  new URL(
    import.meta.url.includes("/build/")
      ? "../../../test/hooks/codegen.snapshot.txt"
      : "./codegen.snapshot.txt",
    import.meta.url,
  ),
);

const hook = (pre: boolean, post: boolean): RunHook => ({
  hook: { ...(pre ? { pre() {} } : {}), ...(post ? { post() {} } : {}) },
  hasPre: pre,
  hasPost: post,
  package: "p",
  entryPoint: undefined,
});

function plan(options: {
  hooks: RunHook[];
  isAsync?: boolean;
  passFunction?: boolean;
  passThis?: boolean;
}): CallPlan {
  const target = options.isAsync ? async function target() {} : function target() {};
  return makeCallPlan(
    {
      hookName: "h",
      group: "g",
      target,
      passFunction: options.passFunction ?? false,
      passThis: options.passThis ?? false,
      logger: console,
      hookTimeout: undefined,
    },
    options.hooks,
  );
}

const cases: [string, CallPlan, number][] = [
  ["no hooks, 2 arguments", plan({ hooks: [] }), 2],
  ["sync, 1 pre+post hook, 1 argument", plan({ hooks: [hook(true, true)] }), 1],
  [
    "sync, pre only and post only, 0 arguments",
    plan({ hooks: [hook(true, false), hook(false, true)] }),
    0,
  ],
  [
    "sync method (passThis), 1 hook, 2 arguments",
    plan({ hooks: [hook(true, true)], passThis: true }),
    2,
  ],
  [
    "sync, passFunction and passThis, 1 hook, 1 argument",
    plan({ hooks: [hook(true, true)], passFunction: true, passThis: true }),
    1,
  ],
  [
    "async, 2 hooks, 1 argument",
    plan({ hooks: [hook(true, true), hook(true, true)], isAsync: true }),
    1,
  ],
  ["async, pre only, 1 argument", plan({ hooks: [hook(true, false)], isAsync: true }), 1],
];

test("the generated call paths match the snapshot", () => {
  const text = cases
    .map(([title, p, arity]) => `=== ${title}\n${runnerSource(p, arity)}\n`)
    .join("\n");
  if (process.env.UPDATE_SNAPSHOTS === "1" || !existsSync(snapshotFile)) {
    writeFileSync(snapshotFile, text);
  }
  assert.equal(text, readFileSync(snapshotFile, "utf8"));
});

test("generated source is built from indices and fixed names only, never from hook or package data", () => {
  const hostile = hook(true, true);
  const p = makeCallPlan(
    {
      hookName: 'h"); process.exit(1); ("',
      group: "g`$" + "{x}`",
      target: function target() {},
      passFunction: false,
      passThis: false,
      logger: console,
      hookTimeout: undefined,
    },
    [{ ...hostile, package: "*/ evil /*" }],
  );
  const source = runnerSource(p, 1);
  assert.ok(
    !source.includes("evil") && !source.includes("process.exit") && !source.includes("$" + "{x}"),
  );
});
