// Per-call cost of every contender for one scenario:
// `node groups/calls.js sync|async N [single|multi] [solo]`.
// - `single`: one hooked call site per measured loop (the original harness);
// - `multi`: the caller calls 4 distinct hooked functions (each with its own plugins) from
//   its loop, as application code does; V8's inlining budget is shared between them;
// - `solo`: only `bare`, `limit` and tapable, with no sibling hooked functions in the process
//   (tapable alone: its generated `call` code is shared between hooks with the same taps).
// Run in its own process per scenario, so JIT state from other scenarios cannot leak in.

import { sendResult } from "../lib/child.js";
import { buildContenders } from "../lib/contenders.js";
import { assertRan, hookStates } from "../lib/hook-objects.js";
import { makeBody, nsPerCall } from "../lib/measure.js";
import { quick } from "../lib/options.js";

const [mode = "sync", nText = "1", harness = "single", soloFlag] = process.argv.slice(2);
const n = Number(nText);
const isAsync = mode === "async";
const solo = soloFlag === "solo";
if (solo) process.env.BENCH_SOLO = "1";
const sites = harness === "multi" ? 4 : 1;
// The contenders of each harness: the multi-call-site one measures what its targets name.
const MULTI = ["bare", "limit", "plughooks", "limit-standard", "plughooks-standard", "tapable"];
// BENCH_ONLY=id,id measures only those contenders (for investigations).
const only = solo
  ? ["bare", "limit", "tapable"]
  : (process.env.BENCH_ONLY?.split(",") ?? (sites > 1 ? MULTI : undefined));
const contenders = await buildContenders(mode, n, { sites, only });

// Check that each contender returns f(x) and runs every hook's pre and post.
for (const c of contenders) {
  const ws = c.ws ?? [c.w];
  const sets = c.hookSets ?? [c.hooks];
  for (const [k, w] of ws.entries()) {
    const before = hookStates(sets[k]);
    const r = await (c.method ? w.run(41) : w(41));
    if (r !== 42) throw new Error(`${c.id}: returned ${r}`);
    assertRan(c.id, sets[k], before);
  }
}

// Two rounds in opposite orders; the best median of the rounds is the figure (other engineers'
// builds share these cores, and noise only ever adds time).
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 2));
const rows = contenders.map((c) => ({
  id: solo && c.id === "tapable" ? "tapable-solo" : c.id,
  label: solo && c.id === "tapable" ? "tapable (alone)" : c.label,
  ref: c.ref,
  rounds: [],
}));
for (let round = 0; round < rounds; round++) {
  const order = contenders.map((_, k) => k);
  // BENCH_ROUND_OFFSET: the orchestrator runs a scenario in several processes, one round
  // each, alternating the order between them.
  if ((round + Number(process.env.BENCH_ROUND_OFFSET ?? 0)) % 2 === 1) order.reverse();
  for (const k of order) {
    const c = contenders[k];
    const stats = await nsPerCall(makeBody(c.ws ?? c.w, { isAsync, method: c.method }));
    rows[k].rounds.push(stats);
    process.stderr.write(
      `  ${mode} N=${n} ${harness}${solo ? " solo" : ""} ${rows[k].label.padEnd(36)} ${stats.p50.toFixed(2)} ns\n`,
    );
  }
}
for (const row of rows) row.ns = Math.min(...row.rounds.map((s) => s.p50));

sendResult({
  group: `calls-${mode}-${n}-${harness}${solo ? "-solo" : ""}`,
  mode,
  n,
  harness,
  solo,
  rows,
});
