/** Hooks fed by installed plugin packages: discovery, loading, policy, strict mode, reports. */
import assert from "node:assert/strict";
import { tracingChannel } from "node:diagnostics_channel";
import { join } from "node:path";
import { test } from "node:test";
import {
  createHooks,
  type HookRunContext,
  PluginLoadError,
  TRACING_CHANNEL,
} from "../../src/index.js";
import {
  clearCalls,
  makeApp,
  type PackageSpec,
  recordedCalls,
  recordingPlugin,
  writePackage,
} from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

const plugin = (
  name: string,
  hookName = "resize_hook",
  extra: Partial<PackageSpec> = {},
): PackageSpec => ({
  name,
  entryPoints: { "nova.hooks": { [hookName]: "./hooks.js" } },
  files: {
    "hooks.js": `globalThis.__loads = (globalThis.__loads ?? 0) + 1;\n${recordingPlugin(name)}`,
  },
  ...extra,
});
const loads = () => (globalThis as { __loads?: number }).__loads ?? 0;

test("plugins load lazily on the first call, once, and run in package-name order", () => {
  clearCalls();
  const app = makeApp({
    packages: [plugin("zz-last"), plugin("aa-first"), plugin("other", "other_hook")],
  });
  const logger = recordingLogger();
  const hooks = createHooks({ group: "nova.hooks", root: app, logger, env: {} });
  const before = loads();
  const resize = hooks.addHook("resize_hook")((size: number) => size * 2);
  assert.equal(loads(), before, "nothing is loaded before the first call");
  assert.equal(resize(2), 4);
  assert.equal(loads(), before + 2, "only the plugins of this hook name");
  assert.equal(resize(3), 6);
  assert.equal(loads(), before + 2, "loaded once");
  assert.deepEqual(recordedCalls(), [
    ["aa-first.pre", 2],
    ["zz-last.pre", 2],
    ["aa-first.post", 4, 2],
    ["zz-last.post", 4, 2],
    ["aa-first.pre", 3],
    ["zz-last.pre", 3],
    ["aa-first.post", 6, 3],
    ["zz-last.post", 6, 3],
  ]);
  assert.deepEqual(logger.at("error"), []);
});

test("discovered hooks run before registered ones; reset() discovers again", () => {
  clearCalls();
  const app = makeApp({ packages: [plugin("p1")] });
  const hooks = createHooks({ group: "nova.hooks", root: app, env: {}, logger: recordingLogger() });
  hooks.register("resize_hook", { pre: () => recordedCalls().push(["registered.pre"]) });
  const f = hooks.addHook("resize_hook")(() => 1);
  f();
  assert.deepEqual(recordedCalls(), [["p1.pre"], ["registered.pre"], ["p1.post", 1]]);
  writePackage(join(app, "node_modules", "p0"), plugin("p0"));
  clearCalls();
  f();
  assert.equal(recordedCalls().length, 3, "not rediscovered before reset()");
  hooks.reset();
  clearCalls();
  f();
  assert.deepEqual(recordedCalls(), [
    ["p0.pre"],
    ["p1.pre"],
    ["registered.pre"],
    ["p0.post", 1],
    ["p1.post", 1],
  ]);
});

test("[promise:broken-reported-once] a broken plugin is logged once with package and entry point, and skipped; the others run", () => {
  clearCalls();
  const app = makeApp({
    packages: [
      plugin("good"),
      {
        name: "bad",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Nope" } },
        files: { "hooks.js": "export {}" },
      },
    ],
  });
  const logger = recordingLogger();
  const hooks = createHooks({ group: "nova.hooks", root: app, logger, env: {} });
  const f = hooks.addHook("resize_hook")((x: number) => x);
  assert.equal(f(1), 1);
  assert.equal(f(2), 2);
  assert.deepEqual(
    recordedCalls().map((c) => c[0]),
    ["good.pre", "good.post", "good.pre", "good.post"],
  );
  const errors = logger.at("error");
  assert.equal(errors.length, 1, "reported once, not per call");
  assert.match(
    errors[0]!,
    /package "bad", entry point "nova\.hooks:resize_hook" \("\.\/hooks\.js:Nope"\): export "Nope" not found/,
  );
});

test("[promise:strict-lists-every-problem] strict mode: load problems throw one PluginLoadError listing them all", async () => {
  const app = makeApp({
    packages: [
      { name: "bad1", entryPoints: { "nova.hooks": { h: "./missing.js" } } },
      {
        name: "bad2",
        entryPoints: { "nova.hooks": { h: "./x.js" } },
        files: { "x.js": "throw new Error('x')" },
      },
    ],
  });
  for (const hooks of [
    createHooks({
      group: "nova.hooks",
      root: app,
      strict: true,
      logger: recordingLogger(),
      env: {},
    }),
    createHooks({
      group: "nova.hooks",
      root: app,
      logger: recordingLogger(),
      env: { PLUGHOOKS_STRICT: "1" },
    }),
  ]) {
    const f = hooks.addHook("h")(() => "ran");
    assert.throws(
      () => f(),
      (error: unknown) =>
        error instanceof PluginLoadError &&
        error.problems.map((p) => p.code).join() === "ERR_MODULE_NOT_FOUND,ERR_MODULE_THREW",
    );
    await assert.rejects(hooks.addHook("h")(async () => "ran")(), PluginLoadError);
    await assert.rejects(hooks.load(), PluginLoadError);
  }
});

test("[promise:allow-deny-merge] deny and allow keep packages from being imported; the environment adds to the options", () => {
  const app = makeApp({ packages: [plugin("one"), plugin("two"), plugin("three")] });
  const loaded = (options: object, env: Record<string, string>) => {
    clearCalls();
    const hooks = createHooks({
      group: "nova.hooks",
      root: app,
      logger: recordingLogger(),
      env,
      ...options,
    });
    hooks.addHook("resize_hook")(() => 0)();
    return recordedCalls()
      .filter((c) => String(c[0]).endsWith(".pre"))
      .map((c) => String(c[0]).replace(".pre", ""));
  };
  assert.deepEqual(loaded({ deny: ["two"] }, {}), ["one", "three"]);
  assert.deepEqual(loaded({ deny: ["two"] }, { PLUGHOOKS_DENY: "one, x" }), ["three"]);
  assert.deepEqual(loaded({ allow: ["one", "two"] }, {}), ["one", "two"]);
  assert.deepEqual(loaded({}, { PLUGHOOKS_ALLOW: "three" }), ["three"]);
  assert.deepEqual(loaded({ allow: ["one", "two"] }, { PLUGHOOKS_ALLOW: "two,three" }), ["two"]);
  assert.deepEqual(loaded({ allow: ["one"], deny: ["one"] }, {}), []);
});

test("[promise:deny-never-imported] a denied package is never imported", () => {
  (globalThis as { __deniedRan?: boolean }).__deniedRan = false;
  const app = makeApp({
    packages: [
      {
        name: "denied",
        entryPoints: { "nova.hooks": { h: "./x.js" } },
        files: { "x.js": "globalThis.__deniedRan = true; export default {}" },
      },
    ],
  });
  const hooks = createHooks({
    group: "nova.hooks",
    root: app,
    deny: ["denied"],
    logger: recordingLogger(),
    env: {},
  });
  hooks.addHook("h")(() => 0)();
  assert.equal((globalThis as { __deniedRan?: boolean }).__deniedRan, false);
});

test("load() loads eagerly and reports hooks, skips and problems", async () => {
  const app = makeApp({
    packages: [
      plugin("a", "h1"),
      plugin("b", "h2"),
      plugin("skipme", "h1"),
      { name: "broken", rawPackageJson: "{ nope" },
      { name: "c", entryPoints: { "nova.hooks": { h2: "./gone.js" } } },
    ],
  });
  const hooks = createHooks({
    group: "nova.hooks",
    root: app,
    deny: ["skipme"],
    logger: recordingLogger(),
    env: {},
  });
  hooks.register("h3", { pre() {} });
  const report = await hooks.load();
  assert.deepEqual([...report.hooks.keys()].sort(), ["h1", "h2", "h3"]);
  assert.deepEqual(
    report.hooks.get("h1")?.map((h) => [h.package, h.hasPre, h.hasPost]),
    [["a", true, true]],
  );
  assert.equal(report.hooks.get("h3")?.[0]?.package, "(registered)");
  assert.deepEqual(
    report.skipped.map((s) => [s.entryPoint.package, s.reason]),
    [["skipme", "denied"]],
  );
  assert.deepEqual(report.problems.map((p) => p.code).sort(), [
    "ERR_INVALID_PACKAGE_JSON",
    "ERR_MODULE_NOT_FOUND",
  ]);
  const only = await hooks.load(["h2"]);
  assert.deepEqual([...only.hooks.keys()], ["h2"]);
});

test("a hooked method's plugin receives the instance first", () => {
  clearCalls();
  const app = makeApp({ packages: [plugin("m")] });
  const hooks = createHooks({ group: "nova.hooks", root: app, logger: recordingLogger(), env: {} });
  const resize = hooks.addHook("resize_hook");
  class Manager {
    size = 1;
    resize(to: number) {
      this.size = to;
      return true;
    }
  }
  const descriptor = Object.getOwnPropertyDescriptor(Manager.prototype, "resize")!;
  Object.defineProperty(
    Manager.prototype,
    "resize",
    resize(Manager.prototype, "resize", descriptor),
  );
  const manager = new Manager();
  assert.equal(manager.resize(5), true);
  assert.equal(manager.size, 5);
  assert.deepEqual(recordedCalls(), [
    ["m.pre", manager, 5],
    ["m.post", true, manager, 5],
  ]);
});

test("[promise:tracing-published] each hook run is published on the plughooks.hook tracing channel", () => {
  const app = makeApp({ packages: [plugin("traced")] });
  const hooks = createHooks({ group: "nova.hooks", root: app, logger: recordingLogger(), env: {} });
  const f = hooks.addHook("resize_hook")((x: number) => x + 1);
  f(1); // compile the fast path before anyone subscribes
  const seen: string[] = [];
  const channel = tracingChannel<unknown, HookRunContext>(TRACING_CHANNEL);
  const handlers = {
    start: (context: HookRunContext) =>
      seen.push(`start ${context.hookName} ${context.phase} ${context.package}`),
    end: (context: HookRunContext) => seen.push(`end ${context.phase}`),
    asyncStart: () => {},
    asyncEnd: () => {},
    error: () => {},
  };
  channel.subscribe(handlers);
  try {
    assert.equal(f(1), 2);
  } finally {
    channel.unsubscribe(handlers);
  }
  assert.deepEqual(seen, [
    "start resize_hook pre traced",
    "end pre",
    "start resize_hook post traced",
    "end post",
  ]);
  seen.length = 0;
  f(1);
  assert.deepEqual(seen, []);
});

test("a bad package.json is logged once, naming the package, and the other plugins run", () => {
  clearCalls();
  const app = makeApp({
    packages: [
      plugin("fine"),
      { name: "garbled", rawPackageJson: '{ "name": "garbled", "entryPoints": { "nova.hooks": ' },
      { name: "escaper", entryPoints: { "nova.hooks": { resize_hook: "../fine/hooks.js" } } },
    ],
  });
  const logger = recordingLogger();
  const hooks = createHooks({ group: "nova.hooks", root: app, logger, env: {} });
  const f = hooks.addHook("resize_hook")((x: number) => x);
  const g = hooks.addHook("other_hook")((x: number) => x);
  for (let i = 0; i < 3; i++) {
    assert.equal(f(i), i);
    assert.equal(g(i), i);
  }
  assert.equal(recordedCalls().filter((c) => c[0] === "fine.pre").length, 3);
  const errors = logger.at("error");
  assert.equal(errors.length, 2, errors.join("\n"));
  assert.match(
    errors.find((m) => m.includes("garbled")) ?? "",
    /package "garbled": package\.json is not valid JSON/,
  );
  assert.match(
    errors.find((m) => m.includes("escaper")) ?? "",
    /package "escaper", entry point "nova\.hooks:resize_hook" \("\.\.\/fine\/hooks\.js"\): .*'\.\.'/,
  );
});
