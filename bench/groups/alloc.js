// What a call allocates, and what an async call costs in promises and microtask turns.
// - bytes per call (sync, N = 0, 1, 10): new-space growth over many calls, in a process run
//   with a young generation big enough that no collection happens in between (checked);
// - promises per awaited call (async_hooks counts every promise created) and microtask turns
//   until the caller's await resumes, for the async contenders, with hooks that return
//   plain values. Measured after warm-up, with the same contenders as the call bench.
import { createHook } from "node:async_hooks";
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { sendResult } from "../lib/child.js";
import { buildContenders } from "../lib/contenders.js";

const newSpace = () =>
  getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_used_size;
let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ["gc"] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const calls = 20000;
const bytes = {};
for (const n of [0, 1, 10]) {
  for (const c of await buildContenders("sync", n)) {
    if (c.id === "hookable") continue; // allocates by design (console.createTask, arrays)
    const call = c.method ? (x) => c.w.run(x) : c.w;
    let i = 1;
    for (let k = 0; k < 20000; k++) i = (call(i) & 0xffff) | 1; // warm up and optimise
    globalThis.gc();
    await settle();
    const before = collections;
    const s0 = newSpace();
    for (let k = 0; k < calls; k++) i = (call(i) & 0xffff) | 1;
    const s1 = newSpace();
    await settle();
    const perCall = collections === before ? (s1 - s0) / calls : null; // null: a GC interfered
    bytes[c.id] ??= {};
    bytes[c.id][n] = perCall;
  }
}

// Promises and microtask turns per awaited call.
let promises = 0;
const counter = createHook({
  init(_id, type) {
    if (type === "PROMISE") promises++;
  },
});
async function turns(call) {
  let count = 0;
  let done = false;
  const spin = () => {
    if (!done) {
      count++;
      queueMicrotask(spin);
    }
  };
  queueMicrotask(spin);
  await call();
  done = true;
  return count;
}
const asyncCosts = {};
for (const n of [0, 1, 10]) {
  for (const c of await buildContenders("async", n)) {
    const call = c.method ? (x) => c.w.run(x) : c.w;
    for (let k = 0; k < 2000; k++) await call(k + 1);
    counter.enable();
    promises = 0;
    const rounds = 200;
    for (let k = 0; k < rounds; k++) await call(k + 1);
    counter.disable();
    const perCall = promises / rounds;
    const t = await turns(() => call(1));
    asyncCosts[c.id] ??= {};
    asyncCosts[c.id][n] = { promises: perCall, turns: t };
  }
}

process.stderr.write(`  alloc: plughooks N=0 ${bytes.plughooks?.[0]} B/call\n`);
sendResult({ group: "alloc", bytesPerCall: bytes, async: asyncCosts });
