/**
 * A logger that fails must not take plughooks (or the application) down: one that throws,
 * one that throws hostile values, one that returns rejected promises (an async transport),
 * one that is a proxy whose every read throws, one with no methods at all.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { createHooks, FatalHookError, type Logger } from "../../src/index.js";
import { settle, tempDir, watchUnhandledRejections, writeFile } from "../fuzz/support.js";

/** An app with a plugin that fails to load, so discovery and loading log too. */
function appWithBrokenPlugin(): string {
  const app = tempDir();
  writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "app", dependencies: { broken: "*", bad: "*" } }),
  );
  writeFile(
    join(app, "node_modules", "broken", "package.json"),
    JSON.stringify({ name: "broken", entryPoints: { faults: { h: "./missing.js" } } }),
  );
  writeFile(join(app, "node_modules", "bad", "package.json"), "{ not json");
  return app;
}

const calls: string[] = [];
const LOGGERS: [string, () => unknown][] = [
  [
    "throws an Error",
    () => {
      const fail = (message: string) => {
        calls.push(message);
        throw new Error("logger down");
      };
      return { debug: fail, info: fail, warn: fail, error: fail };
    },
  ],
  [
    "throws a revoked proxy",
    () => {
      const fail = () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        throw proxy;
      };
      return { debug: fail, info: fail, warn: fail, error: fail };
    },
  ],
  [
    "returns rejected promises",
    () => {
      const fail = async () => {
        throw new Error("transport down");
      };
      return { debug: fail, info: fail, warn: fail, error: fail };
    },
  ],
  [
    "is a proxy whose every read throws",
    () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error("no property");
          },
        },
      ),
  ],
  ["has no methods", () => ({})],
  ["has methods that are not functions", () => ({ debug: 1, info: "x", warn: null, error: {} })],
];

for (const codegen of [true, false]) {
  for (const [label, make] of LOGGERS) {
    test(`[promise:logger-cannot-break] a logger that ${label}: hooks still run, errors still follow Nova's rules (codegen ${codegen ? "on" : "off"})`, async () => {
      const rejections = watchUnhandledRejections();
      try {
        const hooks = createHooks({
          group: "faults",
          root: appWithBrokenPlugin(),
          logger: make() as Logger,
          codegen,
          env: { NODE_DEBUG: "plughooks" },
        });
        const ran: string[] = [];
        hooks.register("h", {
          pre: () => {
            ran.push("pre");
            throw new Error("a hook error to log");
          },
          post: () => {
            ran.push("post");
            return Promise.reject(new Error("a stray rejection to log"));
          },
        });
        const fn = hooks.addHook("h")((x: number) => x + 1);
        assert.equal(fn(1), 2);
        const asyncFn = hooks.addHook("h")(async (x: number) => x + 2);
        assert.equal(await asyncFn(1), 3);
        assert.deepEqual(ran, ["pre", "post", "pre", "post"]);

        const fatal = new FatalHookError("stop");
        hooks.register("f", {
          pre: () => {
            throw fatal;
          },
        });
        const stopped = hooks.addHook("f")(() => "ran");
        assert.throws(
          () => stopped(),
          (error) => error === fatal,
        );
        await settle(5);
        assert.deepEqual(rejections.seen, [], "no unhandled rejection from the logger");
      } finally {
        rejections.stop();
      }
    });
  }
}

test("a throwing logger was really called (the check above is not vacuous)", () => {
  assert.ok(calls.some((line) => line.includes('hook "h" (pre)')));
});
