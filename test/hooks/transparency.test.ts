/**
 * The hooked call is transparent (issue 11, item 9) and unusual targets behave as documented
 * in docs/hook-semantics.md. Every test runs on both call paths: generated and the loop.
 */
import assert from "node:assert/strict";
import { tracingChannel } from "node:diagnostics_channel";
import { describe, test } from "node:test";
import { createHooks, FatalHookError, type HookObject, TRACING_CHANNEL } from "../../src/index.js";
import { makeApp, tempDir } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

const emptyRoot = tempDir();

/** A Promise subclass with an extra method, as cancellable-promise libraries make. */
class CancellablePromise<T> extends Promise<T> {
  cancelled = false;
  cancel(): void {
    this.cancelled = true;
  }
}

for (const codegen of [true, false]) {
  describe(`transparency (codegen: ${codegen})`, () => {
    const setup = () => {
      const logger = recordingLogger();
      const hooks = createHooks({ group: "test.hooks", root: emptyRoot, logger, codegen, env: {} });
      const calls: unknown[][] = [];
      const recorder: HookObject = {
        pre: (...args: unknown[]) => {
          calls.push(["pre", ...args]);
        },
        post: (...args: unknown[]) => {
          calls.push(["post", ...args]);
        },
      };
      return { hooks, logger, calls, recorder };
    };

    test("[promise:result-is-same-object] the caller gets the very object returned: a Promise subclass keeps cancel(), post gets it at once", async () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder);
      const made: CancellablePromise<number>[] = [];
      const start = hooks.addHook("h")((x: number) => {
        const promise = new CancellablePromise<number>((resolve) => resolve(x));
        made.push(promise);
        return promise;
      });
      const result = start(1);
      assert.equal(result, made[0]);
      assert.equal(typeof result.cancel, "function");
      result.cancel();
      assert.equal(made[0]!.cancelled, true);
      // post ran synchronously, with the object itself
      assert.deepEqual(calls, [
        ["pre", 1],
        ["post", made[0], 1],
      ]);
      assert.equal(await result, 1);
    });

    test("[promise:thenable-never-then-ed] a lazy thenable (a query builder) is returned as is and plughooks never calls its then", () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder);
      let executed = 0;
      const builder = {
        where() {
          return this;
        },
        // biome-ignore lint/suspicious/noThenProperty: a thenable is what this test needs
        then(resolve: (rows: string[]) => void) {
          executed++;
          resolve(["row"]);
        },
      };
      const query = hooks.addHook("h")((table: string) => {
        calls.push(["call", table]);
        return builder;
      });
      const result = query("users");
      assert.equal(result, builder);
      assert.equal(executed, 0);
      assert.deepEqual(calls, [
        ["pre", "users"],
        ["call", "users"],
        ["post", builder, "users"],
      ]);
    });

    test("[promise:native-promise-post-after-settle] a plain native promise: post runs when it fulfils, the caller gets a promise of the same outcome", async () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder);
      const f = hooks.addHook("h")((x: number) => Promise.resolve(x * 2));
      const result = f(4);
      assert.ok(result instanceof Promise);
      assert.deepEqual(calls, [["pre", 4]]);
      assert.equal(await result, 8);
      assert.deepEqual(calls, [
        ["pre", 4],
        ["post", 8, 4],
      ]);
      // With no post hook there is nothing to wait for: the very promise comes back.
      const { hooks: bare } = setup();
      bare.register("h", { pre() {} });
      const own = Promise.resolve(1);
      assert.equal(bare.addHook("h")(() => own)(), own);
    });

    test("[promise:native-promise-post-after-settle] a rejected native promise runs no post and the caller's promise rejects with the same error", async () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder);
      const boom = new Error("boom");
      const f = hooks.addHook("h")(() => Promise.reject(boom));
      await assert.rejects(f(), (error) => error === boom);
      assert.deepEqual(calls, [["pre"]]);
    });

    test("[promise:function-called-as-itself] a function with its own call and apply properties is still called as itself", () => {
      const { hooks, calls, recorder } = setup();
      const target = function add(this: unknown, a: number, b: number) {
        calls.push(["call", a, b]);
        return a + b;
      };
      const decoy = () => {
        throw new Error("the call property was used");
      };
      Object.assign(target, { call: decoy, apply: decoy });
      const bare = hooks.addHook("none")(target);
      assert.equal(bare(1, 2), 3);
      hooks.register("h", recorder);
      const hooked = hooks.addHook("h")(target);
      assert.equal(hooked(2, 3), 5);
      assert.equal((hooked as (...args: number[]) => number)(2, 3, 4), 5); // another argument count, another call path
      // and a property added after the first call changes nothing either
      Object.assign(target, { call: () => 0 });
      assert.equal(hooked(3, 4), 7);
    });

    test("[promise:reentrant-first-call] a plugin whose constructor calls its own hook point is constructed once; that call runs unhooked", () => {
      const app = makeApp({
        packages: [
          {
            name: "reentrant-plugin",
            entryPoints: { "test.hooks": { h: "./hooks.js" } },
            files: {
              "hooks.js": `export default class Reentrant {
                constructor() {
                  globalThis.__constructed = (globalThis.__constructed ?? 0) + 1;
                  globalThis.__inner = globalThis.__hooked(100);
                }
                pre(x) { (globalThis.__seen ??= []).push(x); }
              }\n`,
            },
          },
          {
            name: "top-level-plugin",
            entryPoints: { "test.hooks": { h: "./hooks.js" } },
            files: {
              "hooks.js": `globalThis.__top = globalThis.__hooked(200);\nexport const hook = { pre() {} };\nexport default hook;\n`,
            },
          },
        ],
      });
      const g = globalThis as Record<string, unknown>;
      Object.assign(g, { __constructed: 0, __seen: [], __inner: undefined, __top: undefined });
      const logger = recordingLogger();
      const hooks = createHooks({ group: "test.hooks", root: app, logger, codegen, env: {} });
      const hooked = hooks.addHook("h")((x: number) => x + 1);
      g.__hooked = hooked;
      assert.equal(hooked(1), 2);
      assert.equal(g.__constructed, 1);
      assert.equal(g.__inner, 101);
      assert.equal(g.__top, 201);
      assert.deepEqual(g.__seen, [1]); // the re-entrant calls ran without hooks
      assert.equal(hooked(2), 3);
      assert.deepEqual(g.__seen, [1, 2]);
      assert.deepEqual(logger.at("error"), []);
    });

    test("[promise:generators-post-before-iteration] generators and async generators: post runs when the call returns, before iteration", async () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder);
      const gen = hooks.addHook("h")(function* count(n: number) {
        for (let i = 0; i < n; i++) {
          calls.push(["yield", i]);
          yield i;
        }
      });
      const iterator = gen(2);
      assert.deepEqual(
        calls.map((c) => c[0]),
        ["pre", "post"],
      );
      assert.deepEqual([...iterator], [0, 1]);
      calls.length = 0;
      const agen = hooks.addHook("h")(async function* countAsync(n: number) {
        for (let i = 0; i < n; i++) yield i;
      });
      const asyncIterator = agen(2);
      assert.equal(calls[1]![0], "post");
      assert.equal(calls[1]![1], asyncIterator);
      const seen: number[] = [];
      for await (const value of asyncIterator) seen.push(value);
      assert.deepEqual(seen, [0, 1]);
    });

    test("[promise:static-methods] a static method is hooked like any method: hooks get the class as the receiver", () => {
      const { hooks, calls, recorder } = setup();
      hooks.register("h", recorder);
      // biome-ignore lint/complexity/noStaticOnlyClass: a static method is what this test hooks
      class Flavors {
        static list(prefix: string) {
          // biome-ignore lint/complexity/noThisInStatic: the receiver is what hooks must see
          return `${prefix}:${this.name}`;
        }
      }
      const descriptor = Object.getOwnPropertyDescriptor(Flavors, "list")!;
      Object.defineProperty(
        Flavors,
        "list",
        hooks.addHook("h")(Flavors, "list", descriptor) as PropertyDescriptor,
      );
      assert.equal(Flavors.list("x"), "x:Flavors");
      assert.deepEqual(calls, [
        ["pre", Flavors, "x"],
        ["post", "x:Flavors", Flavors, "x"],
      ]);
    });

    test("[promise:not-a-constructor] a hooked function is not a constructor, and a class cannot be hooked", () => {
      const { hooks } = setup();
      const make = hooks.addHook("h")(function Thing(this: { x?: number }) {
        this.x = 1;
      });
      assert.throws(() => new (make as unknown as new () => unknown)(), TypeError);
      assert.throws(() => hooks.addHook("h")(class Service {} as unknown as () => void), TypeError);
    });

    test("[promise:tracing-swaps-paths] a tracing subscriber that arrives after the first call sees later hook runs; leaving restores the fast path", () => {
      const { hooks, recorder } = setup();
      hooks.register("h", recorder);
      const f = hooks.addHook("h")((x: number) => x);
      assert.equal(f(1), 1); // the untraced call path is built
      const seen: string[] = [];
      const handlers = {
        start: (run: unknown) => seen.push((run as { phase: string }).phase),
        end: () => {},
        asyncStart: () => {},
        asyncEnd: () => {},
        error: () => {},
      };
      const channel = tracingChannel(TRACING_CHANNEL);
      channel.subscribe(handlers);
      try {
        assert.equal(f(2), 2);
      } finally {
        channel.unsubscribe(handlers);
      }
      assert.deepEqual(seen, ["pre", "post"]);
      assert.equal(f(3), 3);
      assert.deepEqual(seen, ["pre", "post"]);
    });

    test("[promise:fatal-post-on-promise] FatalHookError from a post after a native promise rejects the caller's promise", async () => {
      const { hooks } = setup();
      hooks.register("h", {
        post() {
          throw new FatalHookError("stop");
        },
      });
      const f = hooks.addHook("h")(() => Promise.resolve(1));
      await assert.rejects(f(), FatalHookError);
    });
  });
}

test("[promise:tracing-channel-name] the tracing channel follows Node's naming pattern", () => {
  assert.equal(TRACING_CHANNEL, "plughooks.hook");
});
