/**
 * `reset()` and `register()` while calls are in flight: a call that has started finishes
 * with the hooks it started with (pre and post from the same objects); calls made after
 * see the new load, even when the installed plugin changed on disk in between.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { createHooks } from "../../src/index.js";
import { recordingLogger, tempDir, writeFile } from "../fuzz/support.js";

interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}
const gate = (): Gate => {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
};

/** A plugin whose pre waits on the gate it is given, and which logs its version. */
function plugin(version: string): string {
  return `export class Hook {
  constructor() { this.id = "${version}#" + (globalThis.__plughooksResetBuilt = (globalThis.__plughooksResetBuilt ?? 0) + 1); }
  async pre(log, gate) { log.push("pre " + this.id); await gate; }
  post(result, log) { log.push("post " + this.id); }
}
`;
}

for (const codegen of [true, false]) {
  test(`[promise:reset-mid-call] reset() mid-call: the call in flight keeps its hooks, the next call loads the new plugin (codegen ${codegen ? "on" : "off"})`, async () => {
    const app = tempDir();
    writeFile(
      join(app, "package.json"),
      JSON.stringify({ name: "app", dependencies: { plug: "*" } }),
    );
    const pkg = join(app, "node_modules", "plug");
    const manifest = (module: string) =>
      JSON.stringify({
        name: "plug",
        type: "module",
        entryPoints: { faults: { r: `${module}:Hook` } },
      });
    writeFile(join(pkg, "package.json"), manifest("./v1.js"));
    writeFile(join(pkg, "v1.js"), plugin("v1"));
    writeFile(join(pkg, "v2.js"), plugin("v2"));

    const logger = recordingLogger();
    const hooks = createHooks({ group: "faults", root: app, logger, codegen, env: {} });
    const fn = hooks.addHook("r")(async (log: string[], _gate: Promise<void>) => {
      log.push("call");
      return log;
    });

    const first: string[] = [];
    const held = gate();
    const inFlight = fn(first, held.promise);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(first.length, 1, "the first call waits in its pre hook");

    // The operator upgrades the plugin; the application resets its hooks.
    writeFile(join(pkg, "package.json"), manifest("./v2.js"));
    hooks.reset();

    const second: string[] = [];
    await fn(second, Promise.resolve());
    held.open();
    await inFlight;

    const [firstId] = first[0]!.split(" ").slice(1);
    const [secondId] = second[0]!.split(" ").slice(1);
    assert.match(firstId!, /^v1#/);
    assert.match(secondId!, /^v2#/);
    assert.deepEqual(
      first,
      [`pre ${firstId}`, "call", `post ${firstId}`],
      "in flight: its own hooks",
    );
    assert.deepEqual(
      second,
      [`pre ${secondId}`, "call", `post ${secondId}`],
      "after reset: the new load",
    );
    assert.deepEqual(logger.at("error"), []);
  });

  test(`register() and its removal mid-call do not change a call in flight (codegen ${codegen ? "on" : "off"})`, async () => {
    const root = tempDir();
    writeFile(join(root, "package.json"), JSON.stringify({ name: "root" }));
    const hooks = createHooks({
      group: "faults",
      root,
      logger: recordingLogger(),
      codegen,
      env: {},
    });
    const log: string[] = [];
    const held = gate();
    hooks.register("m", { pre: () => held.promise, post: () => log.push("A post") });
    const removeB = hooks.register("m", {
      pre: () => log.push("B pre"),
      post: () => log.push("B post"),
    });
    const fn = hooks.addHook("m")(async () => log.push("call"));

    const inFlight = fn();
    await new Promise((resolve) => setImmediate(resolve));
    removeB();
    hooks.register("m", { pre: () => log.push("C pre"), post: () => log.push("C post") });
    held.open();
    await inFlight;
    assert.deepEqual(
      log,
      ["B pre", "call", "A post", "B post"],
      "the call ran the hooks it started with",
    );

    log.length = 0;
    await fn();
    assert.deepEqual(log, ["C pre", "call", "A post", "C post"], "the next call runs the new list");
  });
}
