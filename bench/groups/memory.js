// Heap retained per hooked function (before and after its first call) and per loaded hook.
// Each measure runs in its own fresh process (with --expose-gc): heapUsed is read after full
// collections, around the creation of many hooked functions or hooks.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sendResult } from "../lib/child.js";
import { makeHooks } from "../lib/hook-objects.js";
import { quick } from "../lib/options.js";
import { emptyRoot, importPlughooks } from "../lib/plughooks.js";

const heap = () => {
  for (let k = 0; k < 3; k++) globalThis.gc();
  return process.memoryUsage().heapUsed;
};

/** One measure, in this process: bytes per item. */
async function measure(kind) {
  if (kind === "tapable") {
    // The peer: what a hook point costs in tapable (a before and an after SyncHook).
    const { default: tapable } = await import("tapable");
    const n = quick ? 1000 : 5000;
    const h0 = heap();
    const t0 = performance.now();
    const kept = [];
    for (let k = 0; k < n; k++)
      kept.push([new tapable.SyncHook(["x"]), new tapable.SyncHook(["r", "x"])]);
    const createMicros = ((performance.now() - t0) * 1000) / n;
    return { perItem: (heap() - h0) / n, createMicros, kept: kept.length };
  }
  const { createHooks } = await importPlughooks();
  const root = emptyRoot();
  const codegen = !kind.endsWith("-nocodegen");
  const hooks = createHooks({ group: "bench.hooks", root, codegen });
  if (kind.startsWith("loaded")) {
    // Per loaded hook: many hook objects (made before) registered under one name, then the
    // first call builds the plan and call path over all of them.
    const n = quick ? 200 : 1000;
    const objects = makeHooks(n);
    const f = hooks.addHook("mem_many")((x) => x + 1);
    const h0 = heap();
    for (const o of objects) hooks.register("mem_many", o);
    await hooks.load(["mem_many"]);
    f(1);
    return { perItem: (heap() - h0) / n };
  }
  // Per hooked function, with no hook ("none") or one ("one") in place.
  if (kind.startsWith("one")) hooks.register("mem_fn", makeHooks(1)[0]);
  await hooks.load(["mem_fn"]);
  const n = quick ? 1000 : 5000;
  const targets = Array.from({ length: n }, (_, k) => (x) => x + k);
  const decorate = hooks.addHook("mem_fn");
  const h0 = heap();
  // Creation time per hooked function, batches of wrappers compiled on the way included.
  const t0 = performance.now();
  const hooked = targets.map((f) => decorate(f));
  const createMicros = ((performance.now() - t0) * 1000) / n;
  const h1 = heap();
  // The first call of each: its call path is made (and the wrapper's bytecode, lazily).
  const t1 = performance.now();
  for (const f of hooked) f(1);
  const firstCallMicros = ((performance.now() - t1) * 1000) / n;
  const h2 = heap();
  return {
    perItem: (h1 - h0) / n,
    perItemAfterCall: (h2 - h0) / n,
    createMicros,
    firstCallMicros,
    kept: hooked.length,
  };
}

const kind = process.argv[2];
if (kind) {
  console.log(JSON.stringify(await measure(kind)));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (k) =>
    JSON.parse(execFileSync(process.execPath, ["--expose-gc", self, k], { encoding: "utf8" }));
  const none = run("none");
  const noneLoop = run("none-nocodegen");
  const one = run("one");
  const oneLoop = run("one-nocodegen");
  const loaded = run("loaded");
  const tapable = run("tapable");
  const result = {
    group: "memory",
    perHookedFunctionBytes: none.perItem,
    perHookedFunctionCreateMicros: none.createMicros,
    perHookedFunctionFirstCallMicros: none.firstCallMicros,
    perHookedFunctionAfterCallBytes: none.perItemAfterCall,
    perHookedFunctionNoCodegenBytes: noneLoop.perItem,
    perHookedFunctionOneHookBytes: one.perItemAfterCall,
    perHookedFunctionOneHookLoopBytes: oneLoop.perItemAfterCall,
    loadedHooks: quick ? 200 : 1000,
    perLoadedHookBytes: loaded.perItem,
    tapableTwoHooks: { bytes: tapable.perItem, createMicros: tapable.createMicros },
  };
  process.stderr.write(
    `  memory: ${result.perHookedFunctionBytes.toFixed(0)} B per hooked function, ${result.perLoadedHookBytes.toFixed(0)} B per loaded hook\n`,
  );
  sendResult(result);
}
