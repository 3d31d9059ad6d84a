/**
 * `reset()`, `register()` and removal interleaved at random with async hooked calls that are
 * held in flight: every call runs, pre and post, exactly the hooks in place when it started
 * (the discovered plugin's instance of that load, then the registered hooks in order), and
 * a call started after a `reset()` gets a new instance of the plugin. Two hooked functions
 * share the hook name; code generation on and off.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { createHooks } from "../../src/index.js";
import { check, countInput, recordingLogger, runs, tempDir, writeFile } from "./support.js";

type Op =
  | { readonly kind: "call"; readonly fn: 0 | 1 }
  | { readonly kind: "register" }
  | { readonly kind: "unregister"; readonly pick: number }
  | { readonly kind: "reset" }
  | { readonly kind: "open"; readonly pick: number }
  | { readonly kind: "tick" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(0, 1).map((fn) => ({ kind: "call" as const, fn: fn as 0 | 1 })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "register" as const }) },
  { weight: 1, arbitrary: fc.nat(7).map((pick) => ({ kind: "unregister" as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: "reset" as const }) },
  { weight: 3, arbitrary: fc.nat(15).map((pick) => ({ kind: "open" as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: "tick" as const }) },
);

/** The app: one installed plugin whose instances number themselves, and wait on a gate. */
function makeApp(): string {
  const app = tempDir();
  writeFile(join(app, "package.json"), JSON.stringify({ name: "app", dependencies: { gen: "*" } }));
  const pkg = join(app, "node_modules", "gen");
  writeFile(
    join(pkg, "package.json"),
    JSON.stringify({
      name: "gen",
      type: "module",
      entryPoints: { fuzz: { mid: "./hooks.js:Gen" } },
    }),
  );
  writeFile(
    join(pkg, "hooks.js"),
    `export class Gen {
  constructor() { this.id = "d" + (globalThis.__plughooksInterleave = (globalThis.__plughooksInterleave ?? 0) + 1); }
  async pre(log, gate) { log.push("pre " + this.id); await gate; }
  post(result, log) { log.push("post " + this.id); }
}
`,
  );
  return app;
}

const instances = () =>
  (globalThis as { __plughooksInterleave?: number }).__plughooksInterleave ?? 0;

test("[promise:reset-mid-call] calls in flight keep their hooks through any interleaving of reset(), register() and removal", {
  timeout: Math.max(120_000, runs(200) * 500),
}, async () => {
  const app = makeApp();
  await check(
    "interleave: in-flight calls keep the hooks they started with",
    fc.asyncProperty(
      fc.array(opArb, { minLength: 1, maxLength: 30 }),
      fc.boolean(),
      async (ops, codegen) => {
        countInput(ops.length);
        const logger = recordingLogger();
        const hooks = createHooks({ group: "fuzz", root: app, logger, codegen, env: {} });
        const fns = [0, 1].map((n) =>
          hooks.addHook("mid")(async function target(log: string[], _gate: Promise<void>) {
            log.push(`call ${n}`);
            return log;
          }),
        );
        // The model: the discovered instance of the current load (made on the first call
        // after a reset), then the registered hooks in order.
        let discovered: string | undefined;
        let registered: { id: string; remove: () => void }[] = [];
        let nextRegistered = 0;
        const calls: {
          log: string[];
          open: () => void;
          done: Promise<unknown>;
          expected: string[];
          fn: number;
        }[] = [];
        for (const op of ops) {
          switch (op.kind) {
            case "call": {
              if (discovered === undefined) discovered = `d${instances() + 1}`;
              const ids = [discovered, ...registered.map((r) => r.id)];
              let open!: () => void;
              const gate = new Promise<void>((resolve) => {
                open = resolve;
              });
              const log: string[] = [];
              const done = fns[op.fn]!(log, gate);
              const expected = [
                ...ids.map((id) => `pre ${id}`),
                `call ${op.fn}`,
                ...ids.map((id) => `post ${id}`),
              ];
              calls.push({ log, open, done, expected, fn: op.fn });
              break;
            }
            case "register": {
              const id = `r${nextRegistered++}`;
              const remove = hooks.register("mid", {
                async pre(log: string[], gate: Promise<void>) {
                  log.push(`pre ${id}`);
                  await gate;
                },
                post(_result: unknown, log: string[]) {
                  log.push(`post ${id}`);
                },
              });
              registered.push({ id, remove });
              break;
            }
            case "unregister": {
              const entry = registered[op.pick % Math.max(1, registered.length)];
              if (entry === undefined) break;
              entry.remove();
              registered = registered.filter((r) => r !== entry);
              break;
            }
            case "reset":
              hooks.reset();
              discovered = undefined;
              break;
            case "open":
              calls[op.pick % Math.max(1, calls.length)]?.open();
              break;
            case "tick":
              await new Promise((resolve) => setImmediate(resolve));
              break;
          }
        }
        for (const call of calls) call.open();
        await Promise.all(calls.map((call) => call.done));
        for (const [i, call] of calls.entries()) {
          assert.deepEqual(call.log, call.expected, `call #${i} (function ${call.fn})`);
        }
        assert.deepEqual(logger.at("error"), []);
      },
    ),
    runs(200),
  );
});
