// mitata, with two precautions against V8 sharing feedback between benchmarks:
// - every measured body is compiled from its own source text, so the call site inside it has
//   its own feedback (closures from one function literal share their feedback vector, so a
//   shared body would see every contender at one call site and go megamorphic);
// - every benchmark gets a slightly different min_cpu_time, which is written into the loop
//   mitata generates with `new AsyncFunction`: a unique source means a fresh loop with its own
//   feedback, instead of a cached one shared with the previous benchmarks.
import { do_not_optimize, measure } from "mitata";
import { minCpuTime } from "./options.js";

let serial = 0;

/**
 * The measured body for one contender. It feeds each result into the next call
 * (`i = (w(i) & 0xffff) | 1`), a dependency chain the optimiser can neither hoist nor drop.
 * `method`: `w` is an object and the body calls `w.run(i)`. `w` may be an array of hooked
 * functions (the multi-call-site harness): the body then calls each in turn, from its own
 * call site, as application code calls several hooked functions from one loop; `sites` is
 * how many calls one run of the body makes (divide by it for ns per call).
 */
export function makeBody(w, { isAsync = false, method = false } = {}) {
  const id = ++serial;
  const ws = Array.isArray(w) ? w : [w];
  const calls = ws.map((_, k) => (method ? `w${k}.run(i)` : `w${k}(i)`));
  const steps = calls
    .map((call) =>
      isAsync ? `i = ((await ${call}) & 0xffff) | 1;` : `i = (${call} & 0xffff) | 1;`,
    )
    .join(" ");
  const body = new Function(
    "ws",
    `"use strict"; // body ${id}
    ${ws.map((_, k) => `const w${k} = ws[${k}];`).join(" ")}
    let i = 1;
    return {
      body: ${isAsync ? "async " : ""}() => { ${steps} },
      last: () => i,
    };`,
  )(ws);
  return { ...body, sites: ws.length };
}

/** Runs one benchmark and returns its statistics in ns per call. */
export async function nsPerCall({ body, last, sites = 1 }) {
  const stats = await measure(body, { min_cpu_time: minCpuTime + ++serial, batch_unroll: 1 });
  do_not_optimize(last());
  return {
    p50: stats.p50 / sites,
    avg: stats.avg / sites,
    p25: stats.p25 / sites,
    p75: stats.p75 / sites,
    min: stats.min / sites,
    samples: stats.samples.length,
    calls: stats.ticks,
  };
}
