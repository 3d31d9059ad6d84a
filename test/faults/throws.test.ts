/**
 * Hooks that fail in the worst ways: stack overflow, and thrown values that are not Errors
 * (strings, null, undefined, symbols, objects whose toString or message getter throws,
 * revoked proxies, cycles, BigInts). Each is logged, the logger never throws, the call goes
 * on; the same values thrown while a plugin loads are reported as load problems.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { createHooks, FatalHookError } from "../../src/index.js";
import {
  recordingLogger,
  settle,
  tempDir,
  watchUnhandledRejections,
  writeFile,
} from "../fuzz/support.js";
import { makeApp } from "../helpers/fixtures.js";

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Thrown values that have broken loggers and `instanceof` checks elsewhere. */
const HOSTILE: [string, () => unknown][] = [
  ["a string", () => "plain string"],
  ["null", () => null],
  ["undefined", () => undefined],
  ["a number", () => 42],
  ["a symbol", () => Symbol("thrown")],
  ["a BigInt", () => 10n],
  [
    "an object whose toString throws",
    () => ({
      toString() {
        throw new Error("no toString");
      },
    }),
  ],
  [
    "an object whose message getter throws",
    () => ({
      get message() {
        throw new Error("no message");
      },
    }),
  ],
  [
    "an Error whose message and stack getters throw",
    () => {
      const error = new Error("x");
      Object.defineProperty(error, "stack", {
        get() {
          throw new Error("no stack");
        },
      });
      Object.defineProperty(error, "message", {
        get() {
          throw new Error("no message");
        },
      });
      return error;
    },
  ],
  ["an object without prototype", () => Object.create(null)],
  [
    "a cycle",
    () => {
      const o: Record<string, unknown> = {};
      o.self = o;
      return o;
    },
  ],
  ["an object holding a BigInt", () => ({ big: 1n })],
  ["a revoked proxy", revokedProxy],
  [
    "a proxy whose every trap throws",
    () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error("get trap");
          },
          getPrototypeOf() {
            throw new Error("getPrototypeOf trap");
          },
          ownKeys() {
            throw new Error("ownKeys trap");
          },
          has() {
            throw new Error("has trap");
          },
        },
      ),
  ],
  ["a function", () => function thrown() {}],
];

const root = tempDir();
writeFile(join(root, "package.json"), JSON.stringify({ name: "faults-root" }));

for (const codegen of [true, false]) {
  for (const [label, make] of HOSTILE) {
    test(`[promise:hook-throws-anything] a hook that throws ${label} is logged and the call goes on (codegen ${codegen ? "on" : "off"})`, async () => {
      const logger = recordingLogger();
      const hooks = createHooks({ group: "faults", root, logger, codegen, env: {} });
      const ran: string[] = [];
      hooks.register("h", {
        pre: () => {
          throw make();
        },
        post: () => {
          throw make();
        },
      });
      hooks.register("h", { pre: () => ran.push("next pre"), post: () => ran.push("next post") });
      const sync = hooks.addHook("h")((x: number) => x + 1);
      assert.equal(sync(1), 2);
      const asyncFn = hooks.addHook("h")(async (x: number) => x * 2);
      assert.equal(await asyncFn(4), 8);
      assert.deepEqual(ran, ["next pre", "next post", "next pre", "next post"]);
      const errors = logger.at("error");
      assert.equal(errors.length, 4, errors.join("\n"));
      for (const line of errors)
        assert.match(line, /hook "h" \((pre|post)\) from package "\(registered\)" failed/);
    });
  }
}

test("a hook that overflows the stack is logged and the call goes on", async () => {
  const logger = recordingLogger();
  const hooks = createHooks({ group: "faults", root, logger, env: {} });
  const recurse = (n: number): number => recurse(n + 1) + 1;
  hooks.register("deep", { pre: (n: number) => recurse(n) });
  const fn = hooks.addHook("deep")((n: number) => n);
  assert.equal(fn(1), 1);
  const asyncFn = hooks.addHook("deep")(async (n: number) => n);
  assert.equal(await asyncFn(2), 2);
  const errors = logger.at("error");
  assert.equal(errors.length, 2);
  for (const line of errors) assert.match(line, /RangeError: Maximum call stack size exceeded/);
});

test("a hooked call made with almost no stack left still gets its result or its own error", () => {
  // Deep recursion in the application reaches a hooked function near the stack limit:
  // whatever fails there is a RangeError of the application's recursion, never a crash
  // inside plughooks' error handling that loses the function's result.
  const logger = recordingLogger();
  const hooks = createHooks({ group: "faults", root, logger, env: {} });
  hooks.register("edge", { pre: () => {} });
  const fn = hooks.addHook("edge")((n: number) => n);
  let deepest = 0;
  const dive = (depth: number): void => {
    deepest = depth;
    fn(depth);
    dive(depth + 1);
  };
  assert.throws(() => dive(0), RangeError);
  assert.ok(deepest > 100);
  assert.equal(fn(7), 7, "the hooked function works after the overflow");
});

test("FatalHookError subclasses and FatalHookErrors with hostile getters are still fatal", () => {
  const logger = recordingLogger();
  const hooks = createHooks({ group: "faults", root, logger, env: {} });
  class QuotaError extends FatalHookError {}
  const fatal = new QuotaError("over quota");
  Object.defineProperty(fatal, "stack", {
    get() {
      throw new Error("no stack");
    },
  });
  hooks.register("q", {
    pre: () => {
      throw fatal;
    },
  });
  let ran = false;
  const fn = hooks.addHook("q")(() => {
    ran = true;
  });
  assert.throws(
    () => fn(),
    (error) => error === fatal,
  );
  assert.equal(ran, false);
  assert.equal(logger.at("error").length, 1);
});

test("promises of hooks that reject with hostile values are logged, never unhandled", async () => {
  const rejections = watchUnhandledRejections();
  try {
    const logger = recordingLogger();
    const hooks = createHooks({ group: "faults", root, logger, env: {} });
    for (const [, make] of HOSTILE) {
      hooks.register("r", {
        pre: () => Promise.reject(make()),
        post: () => Promise.reject(make()),
      });
    }
    const sync = hooks.addHook("r")(() => "sync");
    const asyncFn = hooks.addHook("r")(async () => "async");
    assert.equal(sync(), "sync");
    assert.equal(await asyncFn(), "async");
    await settle(5);
    assert.deepEqual(rejections.seen, []);
    // sync: each pre and post rejection logged (stray); async: each awaited and logged.
    assert.equal(logger.at("error").length, HOSTILE.length * 4);
  } finally {
    rejections.stop();
  }
});

test("[promise:hook-throws-anything] a plugin module that throws a hostile value while loading is a load problem, not a crash", () => {
  for (const [label, expression] of [
    [
      "a revoked proxy",
      "(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()",
    ],
    ["an object without prototype", "Object.create(null)"],
    ["an object whose toString throws", "({ toString() { throw new Error('x'); } })"],
    ["null", "null"],
  ] as const) {
    for (const where of ["module", "getter", "constructor"] as const) {
      const code =
        where === "module"
          ? `throw ${expression};\n`
          : where === "getter"
            ? `module.exports = { get Hook() { throw ${expression}; } };\n`
            : `module.exports = class { constructor() { throw ${expression}; } };\n`;
      const app = makeApp({
        packages: [
          {
            name: "bad",
            type: "commonjs",
            entryPoints: { faults: { h: where === "getter" ? "./hooks.js:Hook" : "./hooks.js" } },
            files: { "hooks.js": code },
          },
        ],
      });
      const logger = recordingLogger();
      const hooks = createHooks({ group: "faults", root: app, logger, env: {} });
      const fn = hooks.addHook("h")(() => "ran");
      assert.equal(fn(), "ran", `${label} thrown from the ${where}`);
      const errors = logger.at("error");
      assert.equal(errors.length, 1, `${label} thrown from the ${where}: ${errors.join("\n")}`);
      assert.match(errors[0]!, /package "bad", entry point "faults:h"/);
    }
  }
});
