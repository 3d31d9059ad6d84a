/**
 * Nova's hook semantics, run twice: with generated call paths and with the plain loop
 * (`codegen: false`), which must behave the same.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { createHooks, FatalHookError, type HookObject, hookNameOf } from "../../src/index.js";
import { tempDir } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

const emptyRoot = tempDir();

for (const codegen of [true, false]) {
  describe(`hook semantics (codegen: ${codegen})`, () => {
    const setup = () => {
      const logger = recordingLogger();
      const hooks = createHooks({ group: "test.hooks", root: emptyRoot, logger, codegen, env: {} });
      const calls: unknown[][] = [];
      const recorder = (label: string): HookObject => ({
        pre: (...args: unknown[]) => {
          calls.push([`${label}.pre`, ...args]);
        },
        post: (...args: unknown[]) => {
          calls.push([`${label}.post`, ...args]);
        },
      });
      return { hooks, logger, calls, recorder };
    };

    test("pre runs before, post after with the result first; post runs in pre's order", () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder("A"));
      hooks.register("h", recorder("B"));
      const add = hooks.addHook("h")(function add(x: number, y: number) {
        calls.push(["call", x, y]);
        return x + y;
      });
      assert.equal(add(2, 3), 5);
      assert.deepEqual(calls, [
        ["A.pre", 2, 3],
        ["B.pre", 2, 3],
        ["call", 2, 3],
        ["A.post", 5, 2, 3],
        ["B.post", 5, 2, 3],
      ]);
    });

    test("every argument count works, including more than the generated maximum", () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder("A"));
      const count = hooks.addHook("h")((...args: number[]) => args.length);
      for (const n of [0, 1, 2, 5, 8, 9, 12]) {
        calls.length = 0;
        const args = Array.from({ length: n }, (_, i) => i);
        assert.equal(count(...args), n);
        assert.deepEqual(calls, [
          ["A.pre", ...args],
          ["A.post", n, ...args],
        ]);
      }
    });

    test("the wrapper keeps this, name, length and carries its hook name", () => {
      const { hooks, recorder } = setup();
      hooks.register("h", recorder("A"));
      const target = {
        base: 10,
        plus: hooks.addHook("h")(function plus(
          this: { base: number },
          x: number,
          _unused?: number,
        ) {
          return this.base + x;
        }),
      };
      assert.equal(target.plus(1), 11);
      assert.equal(target.plus.name, "plus");
      assert.equal(target.plus.length, 2);
      assert.equal(hookNameOf(target.plus), "h");
      assert.equal(
        hookNameOf(() => 1),
        undefined,
      );
      const descriptor = Object.getOwnPropertyDescriptor(
        target.plus,
        Symbol.for("plughooks.hookName"),
      );
      assert.equal(descriptor?.writable, false);
    });

    test("passFunction passes the original function first; passThis passes the receiver", () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder("A"));
      function original(this: unknown, x: number) {
        return x * 2;
      }
      const wrapped = hooks.addHook("h", { passFunction: true, passThis: true })(original);
      const receiver = { wrapped };
      assert.equal(receiver.wrapped(4), 8);
      assert.deepEqual(calls, [
        ["A.pre", original, receiver, 4],
        ["A.post", original, 8, receiver, 4],
      ]);
    });

    test("pre and post are optional; return values of hooks are ignored", () => {
      const { hooks, calls } = setup();
      hooks.register("h", { pre: () => "ignored" });
      hooks.register("h", { post: () => 99 });
      hooks.register("h", {});
      const f = hooks.addHook("h")(() => {
        calls.push(["call"]);
        return 1;
      });
      assert.equal(f(), 1);
      assert.deepEqual(calls, [["call"]]);
    });

    test("[promise:hook-error-line] an error in a hook is logged with hook, phase, package and stack; everything else runs", () => {
      const { hooks, calls, logger, recorder } = setup();
      hooks.register("h", {
        pre() {
          throw new Error("pre broke");
        },
      });
      hooks.register("h", recorder("B"));
      hooks.register("h", {
        post() {
          throw new TypeError("post broke");
        },
      });
      const f = hooks.addHook("h")((x: number) => x + 1);
      assert.equal(f(1), 2);
      assert.deepEqual(calls, [
        ["B.pre", 1],
        ["B.post", 2, 1],
      ]);
      const errors = logger.at("error");
      assert.equal(errors.length, 2);
      assert.match(
        errors[0]!,
        /hook "h" \(pre\) from package "\(registered\)" failed; the error is ignored: Error: pre broke\n\s+at /,
      );
      assert.match(errors[1]!, /hook "h" \(post\).*TypeError: post broke/);
    });

    test("FatalHookError from pre is logged and re-thrown; the function does not run", () => {
      const { hooks, calls, logger, recorder } = setup();
      const fatal = new FatalHookError("stop");
      hooks.register("h", {
        pre() {
          throw fatal;
        },
      });
      hooks.register("h", recorder("B"));
      const f = hooks.addHook("h")(() => calls.push(["call"]));
      assert.throws(
        () => f(),
        (error: unknown) => error === fatal,
      );
      assert.deepEqual(calls, []);
      assert.match(logger.at("error")[0]!, /raised FatalHookError, so the call is stopped/);
    });

    test("FatalHookError from post is re-thrown after the function ran", () => {
      const { hooks, calls } = setup();
      hooks.register("h", {
        post() {
          throw new FatalHookError("late");
        },
      });
      const f = hooks.addHook("h")(() => calls.push(["call"]));
      assert.throws(() => f(), FatalHookError);
      assert.deepEqual(calls, [["call"]]);
    });

    test("when the function throws, no post runs and the caller gets that error unchanged", () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder("A"));
      const failure = new RangeError("fn failed");
      const f = hooks.addHook("h")((_x: number) => {
        throw failure;
      });
      assert.throws(
        () => f(1),
        (error: unknown) => error === failure,
      );
      assert.deepEqual(calls, [["A.pre", 1]]);
    });

    test("a hook may mutate the arguments it is given; the function sees it (as in Nova)", () => {
      const { hooks } = setup();
      hooks.register("h", {
        pre(spec: { tags: string[] }) {
          spec.tags.push("audited");
        },
      });
      const f = hooks.addHook("h")((spec: { tags: string[] }) => spec.tags.join(","));
      assert.equal(f({ tags: ["a"] }), "a,audited");
    });

    test("async functions await each pre and post hook in order", async () => {
      const { hooks, calls } = setup();
      const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
      hooks.register("h", {
        async pre(x: number) {
          await tick();
          calls.push(["A.pre", x]);
        },
        async post(r: number) {
          await tick();
          calls.push(["A.post", r]);
        },
      });
      hooks.register("h", {
        pre: (x: number) => calls.push(["B.pre", x]),
        post: (r: number) => calls.push(["B.post", r]),
      });
      const f = hooks.addHook("h")(async (x: number) => {
        calls.push(["call", x]);
        return x * 10;
      });
      assert.equal(await f(3), 30);
      assert.deepEqual(calls, [
        ["A.pre", 3],
        ["B.pre", 3],
        ["call", 3],
        ["A.post", 30],
        ["B.post", 30],
      ]);
    });

    test("async: FatalHookError and rejections become the caller's rejection or a log line", async () => {
      const { hooks, calls, logger } = setup();
      hooks.register("h", { pre: async () => Promise.reject(new Error("soft")) });
      const f = hooks.addHook("h")(async () => {
        calls.push(["call"]);
        return "ok";
      });
      assert.equal(await f(), "ok");
      assert.match(logger.at("error")[0]!, /failed; the error is ignored: Error: soft/);
      hooks.register("h", {
        pre() {
          throw new FatalHookError("hard");
        },
      });
      await assert.rejects(f(), FatalHookError);
      hooks.reset();
      const g = hooks.addHook("h2")(async () => "v");
      hooks.register("h2", { post: async () => Promise.reject(new FatalHookError("late")) });
      await assert.rejects(g(), FatalHookError);
    });

    test("async: a sync pre hook costs no extra microtask before the call", async () => {
      const { hooks } = setup();
      const order: string[] = [];
      hooks.register("h", { pre: () => order.push("pre") });
      const f = hooks.addHook("h")(async () => order.push("call"));
      const pending = f();
      order.push("after f()");
      await pending;
      assert.deepEqual(order, ["pre", "call", "after f()"]);
    });

    test("a sync function's hook that returns a promise is reported once and its rejection handled", async () => {
      const { hooks, logger } = setup();
      let unhandled = 0;
      const onUnhandled = () => unhandled++;
      process.on("unhandledRejection", onUnhandled);
      try {
        hooks.register("h", { pre: async () => Promise.reject(new Error("nobody waits")) });
        const f = hooks.addHook("h")((x: number) => x);
        assert.equal(f(1), 1);
        assert.equal(f(2), 2);
        await new Promise((resolve) => setTimeout(resolve, 5));
        assert.equal(logger.at("warn").length, 1);
        assert.match(
          logger.at("warn")[0]!,
          /returned a promise, but "h" is hooked on a sync function/,
        );
        assert.equal(
          logger.at("error").filter((m) => /rejected: Error: nobody waits/.test(m)).length,
          2,
        );
        assert.equal(unhandled, 0);
      } finally {
        process.off("unhandledRejection", onUnhandled);
      }
    });

    test("a sync function that returns a promise gets its post hooks when it settles", async () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder("A"));
      const f = hooks.addHook("h")((x: number) => Promise.resolve(x + 1));
      const result = f(1);
      assert.deepEqual(calls, [["A.pre", 1]]);
      assert.equal(await result, 2);
      assert.deepEqual(calls, [
        ["A.pre", 1],
        ["A.post", 2, 1],
      ]);
      const rejecting = hooks.addHook("h")(() => Promise.reject(new Error("no")));
      calls.length = 0;
      await assert.rejects(rejecting(), /no/);
      assert.deepEqual(calls, [["A.pre"]]);
    });

    test("register() returns a remover; registered hooks survive reset()", () => {
      const { hooks, calls, recorder } = setup();
      const removeA = hooks.register("h", recorder("A"));
      hooks.register("h", recorder("B"));
      const f = hooks.addHook("h")(() => 0);
      f();
      removeA();
      removeA(); // removing twice is harmless
      hooks.reset();
      calls.length = 0;
      f();
      assert.deepEqual(calls, [["B.pre"], ["B.post", 0]]);
    });

    test("register() validates the hook object at once", () => {
      const { hooks } = setup();
      assert.throws(() => hooks.register("h", { pre: 1 } as unknown as HookObject), {
        code: "ERR_INVALID_HOOK_OBJECT",
      });
      assert.throws(() => hooks.register("h", null as unknown as HookObject), {
        code: "ERR_INVALID_HOOK_OBJECT",
      });
    });

    test("a logger that throws does not break the call", () => {
      const hooks = createHooks({
        group: "g",
        root: emptyRoot,
        codegen,
        env: {},
        logger: {
          debug() {
            throw new Error("logger down");
          },
          info() {
            throw new Error("logger down");
          },
          warn() {
            throw new Error("logger down");
          },
          error() {
            throw new Error("logger down");
          },
        },
      });
      hooks.register("h", {
        pre() {
          throw new Error("hook down");
        },
      });
      assert.equal(hooks.addHook("h")((x: number) => x)(7), 7);
    });
  });
}

test("createHooks validates its options", () => {
  assert.throws(() => createHooks({} as never), { code: "ERR_INVALID_OPTION" });
  assert.throws(() => createHooks({ group: " " }), { code: "ERR_INVALID_OPTION" });
});

test("addHook refuses what it cannot hook", () => {
  const hooks = createHooks({ group: "g", root: emptyRoot, env: {} });
  assert.throws(() => (hooks.addHook("h") as unknown as (x: unknown) => unknown)(42), TypeError);
  assert.throws(() => hooks.addHook(""), TypeError);
});

test("register() and reset() still reach a hooked function after garbage collection", () => {
  // In a child process with --expose-gc: the registry tracks hooked functions weakly, and
  // must not lose a live one.
  const script = `
    const { createHooks } = await import(${JSON.stringify(new URL("../../src/index.js", import.meta.url).href)});
    const hooks = createHooks({ group: "g", root: ${JSON.stringify(emptyRoot)}, env: {} });
    const f = hooks.addHook("h")((x) => x);
    f(1);
    for (let i = 0; i < 5; i++) { gc(); await new Promise((r) => setTimeout(r, 1)); }
    let ran = false;
    hooks.register("h", { pre() { ran = true; } });
    f(2);
    console.log(ran ? "ran" : "missed");
  `;
  const result = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  assert.equal(result.stderr, "");
  assert.equal(result.stdout.trim(), "ran");
});

test("where code generation is refused, hooked calls fall back to the loop by themselves", () => {
  const script = `
    const { createHooks } = await import(${JSON.stringify(new URL("../../src/index.js", import.meta.url).href)});
    const hooks = createHooks({ group: "g", root: ${JSON.stringify(emptyRoot)}, env: {} });
    const seen = [];
    hooks.register("h", { pre: (...args) => seen.push(args.length), post: (r) => seen.push("post " + r) });
    const f = hooks.addHook("h")((...args) => args.length);
    const results = [f(1), f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), f()];
    hooks.register("h", { pre: () => seen.push("second") });
    results.push(f(1));
    console.log(JSON.stringify({ results, seen }));
  `;
  const result = spawnSync(
    process.execPath,
    ["--disallow-code-generation-from-strings", "--input-type=module", "-e", script],
    { encoding: "utf8" },
  );
  assert.equal(result.stderr, "");
  assert.deepEqual(JSON.parse(result.stdout), {
    results: [1, 10, 0, 1],
    seen: [1, "post 1", 10, "post 10", 0, "post 0", 1, "second", "post 1"],
  });
});
