/**
 * The memory half of `load.test.ts`, run by it in a child process with `--expose-gc` (so
 * that the main test run needs no flag). Run as a test file without `--run`, it does nothing.
 *
 * It makes rounds of 10,000 concurrent calls of an async hooked function, each round after
 * `reset()` (so each call of the round is a first call), and prints the heap after a
 * collection before and after the rounds, and while a round is in flight. With `--dynamic`,
 * it measures hooked functions created at run time and dropped instead.
 */
import { createHooks } from "../../src/index.js";
import { counters } from "./plugin-counters.js";

const CALLS = 10_000;

async function main(app: string, rounds: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");
  const collect = () => {
    for (let i = 0; i < 3; i++) gc();
  };
  const heap = () => process.memoryUsage().heapUsed;
  const hooks = createHooks({
    group: "faults",
    root: app,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    env: {},
  });
  const fn = hooks.addHook("load")(async (i: number) => ({ i }));
  let inFlight = 0;
  const round = async () => {
    hooks.reset();
    const calls: Promise<{ i: number }>[] = [];
    for (let i = 0; i < CALLS; i++) calls.push(fn(i));
    inFlight = Math.max(inFlight, heap());
    const results = await Promise.all(calls);
    for (let i = 0; i < CALLS; i++)
      if (results[i]!.i !== i) throw new Error(`call ${i} got ${results[i]!.i}`);
  };
  // Warm up: the first load, and code paths compiled, before the baseline.
  await round();
  await round();
  collect();
  const baseline = heap();
  inFlight = 0;
  for (let r = 0; r < rounds; r++) await round();
  collect();
  const after = heap();
  process.stdout.write(`${JSON.stringify({ baseline, inFlight, after, ...counters() })}\n`);
}

/**
 * Hooked functions made at run time and dropped (a wrapper per request): after `count` of
 * them, the heap is where it was. (Code generation off: each generated wrapper costs a
 * compile, which would make this slow; the registry's bookkeeping is the same either way.)
 */
async function dynamic(app: string, count: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  // Collected objects' finalizers run on a later task: collect, let them run, collect again.
  const heap = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await tick();
    }
    gc();
    return process.memoryUsage().heapUsed;
  };
  const hooks = createHooks({ group: "faults", root: app, codegen: false, env: {} });
  hooks.register("dyn", { pre() {} });
  const make = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const wrapper = hooks.addHook("dyn")((x: number) => x + i);
      if (wrapper(1) !== i + 1) throw new Error("wrong result");
      if (i % 1000 === 999) await tick(); // requests arrive over time, not in one job
    }
  };
  await make(10_000);
  const baseline = await heap();
  await make(count);
  const after = await heap();
  process.stdout.write(`${JSON.stringify({ baseline, after })}\n`);
}

if (process.argv[2] === "--dynamic") {
  dynamic(process.argv[3]!, Number(process.argv[4] ?? 100_000)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

if (process.argv[2] === "--run") {
  main(process.argv[3]!, Number(process.argv[4] ?? 5)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
