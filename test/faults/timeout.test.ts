/**
 * `hookTimeout` / `PLUGHOOKS_HOOK_TIMEOUT`: a hook whose promise never settles holds an
 * awaited call forever by default (as in Nova); with a timeout, the call proceeds and the
 * timeout is reported, naming the hook, phase, package and the timeout.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { createHooks, FatalHookError, PlughooksError } from "../../src/index.js";
import {
  recordingLogger,
  settle,
  tempDir,
  watchUnhandledRejections,
  writeFile,
} from "../fuzz/support.js";
import { makeApp } from "../helpers/fixtures.js";

const never = () => new Promise<never>(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PENDING = Symbol("pending");
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, sleep(ms).then(() => PENDING)]);

const root = tempDir();
writeFile(join(root, "package.json"), JSON.stringify({ name: "timeout-root" }));

/** An app whose installed plugin `hangs` has a `pre` that never settles. */
function appWithHangingPlugin(): string {
  return makeApp({
    packages: [
      {
        name: "hangs",
        entryPoints: { faults: { slow: "./hooks.js:Slow" } },
        files: { "hooks.js": "export class Slow { pre() { return new Promise(() => {}); } }\n" },
      },
    ],
  });
}

test("without a timeout (the default), a pre that never settles holds the async call", async () => {
  const hooks = createHooks({ group: "faults", root, logger: recordingLogger(), env: {} });
  hooks.register("t", { pre: never });
  const fn = hooks.addHook("t")(async () => "done");
  assert.equal(await within(fn(), 150), PENDING);
});

for (const codegen of [true, false]) {
  const mode = `codegen ${codegen ? "on" : "off"}`;

  test(`[promise:hook-timeout] with hookTimeout, a plugin's pre that never settles is reported and the call proceeds (${mode})`, async () => {
    const logger = recordingLogger();
    const hooks = createHooks({
      group: "faults",
      root: appWithHangingPlugin(),
      logger,
      codegen,
      hookTimeout: 60,
      env: {},
    });
    const ran: string[] = [];
    hooks.register("slow", { pre: () => ran.push("next pre"), post: () => ran.push("post") });
    const fn = hooks.addHook("slow")(async (x: number) => {
      ran.push("call");
      return x * 2;
    });
    const started = performance.now();
    assert.equal(await fn(21), 42);
    assert.ok(performance.now() - started >= 50, "it waited for the timeout");
    assert.deepEqual(ran, ["next pre", "call", "post"]);
    const [line, ...rest] = logger.at("error");
    assert.deepEqual(rest, []);
    assert.match(line!, /hook "slow" \(pre\) from package "hangs"/);
    assert.match(line!, /entry point "faults:slow"/);
    assert.match(line!, /60 ms/);
  });

  test(`with hookTimeout, a post that never settles is reported and the caller gets the result (${mode})`, async () => {
    const logger = recordingLogger();
    const hooks = createHooks({ group: "faults", root, logger, codegen, hookTimeout: 40, env: {} });
    const ran: string[] = [];
    hooks.register("t", { post: never });
    hooks.register("t", { post: (result: unknown) => ran.push(`after ${String(result)}`) });
    const asyncFn = hooks.addHook("t")(async () => "async result");
    assert.equal(await asyncFn(), "async result");
    // A sync function that returns a promise gets its post hooks awaited too.
    const promiseFn = hooks.addHook("t")(() => Promise.resolve("promised result"));
    assert.equal(await promiseFn(), "promised result");
    assert.deepEqual(ran, ["after async result", "after promised result"]);
    const errors = logger.at("error");
    assert.equal(errors.length, 2);
    for (const line of errors) assert.match(line, /hook "t" \(post\) .* 40 ms/);
  });

  test(`a hook that settles in time is not reported and leaves no timer behind (${mode})`, async () => {
    const logger = recordingLogger();
    const hooks = createHooks({
      group: "faults",
      root,
      logger,
      codegen,
      hookTimeout: 60_000,
      env: {},
    });
    hooks.register("t", { pre: () => sleep(5), post: () => sleep(5) });
    const fn = hooks.addHook("t")(async () => "ok");
    const timers = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    for (let i = 0; i < 20; i++) assert.equal(await fn(), "ok");
    await settle();
    assert.equal(timers(), before, "every timeout timer was cleared");
    assert.deepEqual(logger.at("error"), []);
  });

  test(`a hook that rejects after its timeout is logged, never unhandled, and no longer fatal (${mode})`, async () => {
    const rejections = watchUnhandledRejections();
    try {
      const logger = recordingLogger();
      const hooks = createHooks({
        group: "faults",
        root,
        logger,
        codegen,
        hookTimeout: 20,
        env: {},
      });
      hooks.register("t", {
        pre: () =>
          sleep(80).then(() => {
            throw new FatalHookError("too late to stop anything");
          }),
      });
      const fn = hooks.addHook("t")(async () => "ran");
      assert.equal(await fn(), "ran");
      await sleep(120);
      await settle();
      assert.deepEqual(rejections.seen, []);
      const errors = logger.at("error");
      assert.equal(errors.length, 2, errors.join("\n"));
      assert.match(errors[0]!, /did not settle within its timeout of 20 ms/);
      assert.match(errors[1]!, /rejected after its timeout.*too late to stop anything/s);
    } finally {
      rejections.stop();
    }
  });
}

test("PLUGHOOKS_HOOK_TIMEOUT sets the timeout; with the option too, the shorter wins", async () => {
  for (const [option, env, expected] of [
    [undefined, "30", 30],
    [30, undefined, 30],
    [30, "5000", 30],
    [5000, "30", 30],
    [0, "30", 30],
    [30, "0", 30],
  ] as const) {
    const logger = recordingLogger();
    const hooks = createHooks({
      group: "faults",
      root,
      logger,
      ...(option === undefined ? {} : { hookTimeout: option }),
      env: env === undefined ? {} : { PLUGHOOKS_HOOK_TIMEOUT: env },
    });
    hooks.register("t", { pre: never });
    const fn = hooks.addHook("t")(async () => "done");
    assert.equal(await within(fn(), 2000), "done", `option ${option}, env ${env}`);
    assert.match(logger.at("error")[0] ?? "", new RegExp(`timeout of ${expected} ms`));
  }
});

test("a timeout that is not a number of milliseconds is refused up front", () => {
  const refused = (options: { hookTimeout?: number; env?: Record<string, string> }) =>
    assert.throws(
      () => createHooks({ group: "faults", root, env: {}, ...options }),
      (error) => error instanceof PlughooksError && error.code === "ERR_INVALID_OPTION",
      JSON.stringify(options),
    );
  for (const hookTimeout of [
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 31,
    "10" as unknown as number,
  ]) {
    refused({ hookTimeout });
  }
  for (const value of ["abc", "-5", "1e400", "2147483648", "10ms"]) {
    refused({ env: { PLUGHOOKS_HOOK_TIMEOUT: value } });
  }
  // Unset, empty and 0 mean no timeout.
  createHooks({ group: "faults", root, env: { PLUGHOOKS_HOOK_TIMEOUT: "" } });
  createHooks({ group: "faults", root, env: { PLUGHOOKS_HOOK_TIMEOUT: "0" }, hookTimeout: 0 });
});

test("[promise:timeout-keeps-process-alive] a top-level await on a hanging hook: exit 13 without a timeout; with one, the timer keeps the process alive and the call goes on", async () => {
  const { spawnSync } = await import("node:child_process");
  const { pathToFileURL } = await import("node:url");
  const app = appWithHangingPlugin();
  const index = pathToFileURL(new URL("../../src/index.js", import.meta.url).pathname).href;
  const run = (timeout: number) =>
    spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { createHooks } = await import(${JSON.stringify(index)});
         const quiet = { debug() {}, info() {}, warn() {}, error: (l) => console.error(l) };
         const hooks = createHooks({ group: "faults", root: ${JSON.stringify(app)}, logger: quiet, env: {}, hookTimeout: ${timeout} });
         const slow = hooks.addHook("slow")(async (n) => n + 1);
         console.log("result", await slow(1));`,
      ],
      { encoding: "utf8" },
    );
  const without = run(0);
  assert.equal(without.status, 13, "Node's exit code for an unsettled top-level await");
  assert.doesNotMatch(without.stdout, /result/);
  const withTimeout = run(50);
  assert.equal(withTimeout.status, 0, withTimeout.stderr);
  assert.match(withTimeout.stdout, /result 2/);
  assert.match(withTimeout.stderr, /ERR_HOOK_TIMEOUT/);
});
