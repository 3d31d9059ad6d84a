// Heap retained per hooked function (before and after its first call) and per loaded hook.
// Needs --expose-gc: heapUsed is read after full collections, around the creation of many.
import { sendResult } from "../lib/child.js";
import { makeHooks } from "../lib/hook-objects.js";
import { quick } from "../lib/options.js";
import { emptyRoot, importPlughooks } from "../lib/plughooks.js";

if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
const heap = () => {
  for (let k = 0; k < 3; k++) globalThis.gc();
  return process.memoryUsage().heapUsed;
};

const { createHooks } = await importPlughooks();
const root = emptyRoot();
const count = quick ? 2000 : 10000;
const result = { group: "memory", functions: count };

// Per hooked function, with no hook in place (the common case).
{
  const hooks = createHooks({ group: "bench.hooks", root });
  await hooks.load(["mem_fn"]);
  const targets = Array.from({ length: count }, (_, k) => (x) => x + k);
  const h0 = heap();
  const hooked = targets.map((f) => hooks.addHook("mem_fn")(f));
  const h1 = heap();
  for (const f of hooked) f(1);
  const h2 = heap();
  result.perHookedFunctionBytes = (h1 - h0) / count;
  result.perHookedFunctionAfterCallBytes = (h2 - h0) / count;
  result.keep = hooked.length;
}

// Per hooked function with one hook, after its first call (its call path is compiled).
for (const codegen of [true, false]) {
  const hooks = createHooks({ group: "bench.hooks", root, codegen });
  hooks.register("mem_one", makeHooks(1)[0]);
  await hooks.load(["mem_one"]);
  const n = count / 10; // each compiles its own call path: fewer
  const targets = Array.from({ length: n }, (_, k) => (x) => x + k);
  const h0 = heap();
  const hooked = targets.map((f) => hooks.addHook("mem_one")(f));
  for (const f of hooked) f(1);
  const h1 = heap();
  result[codegen ? "perHookedFunctionOneHookBytes" : "perHookedFunctionOneHookLoopBytes"] =
    (h1 - h0) / n;
}

// Per loaded hook: register many hook objects under one name (the objects exist before),
// then the first call builds the plan and call path over all of them.
{
  const n = quick ? 200 : 1000;
  const objects = makeHooks(n);
  const hooks = createHooks({ group: "bench.hooks", root });
  const f = hooks.addHook("mem_many")((x) => x + 1);
  const h0 = heap();
  for (const o of objects) hooks.register("mem_many", o);
  await hooks.load(["mem_many"]);
  f(1);
  const h1 = heap();
  result.loadedHooks = n;
  result.perLoadedHookBytes = (h1 - h0) / n;
}

process.stderr.write(
  `  memory: ${result.perHookedFunctionBytes.toFixed(0)} B per hooked function, ${result.perLoadedHookBytes.toFixed(0)} B per loaded hook\n`,
);
sendResult(result);
