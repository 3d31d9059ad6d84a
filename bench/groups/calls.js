// Per-call cost of every contender for one scenario: `node groups/calls.js sync|async N`.
// Run in its own process per scenario, so JIT state from other scenarios cannot leak in.

import { sendResult } from "../lib/child.js";
import { buildContenders } from "../lib/contenders.js";
import { assertRan, hookStates } from "../lib/hook-objects.js";
import { makeBody, nsPerCall } from "../lib/measure.js";
import { quick } from "../lib/options.js";

const [mode = "sync", nText = "1"] = process.argv.slice(2);
const n = Number(nText);
const isAsync = mode === "async";
// BENCH_ONLY=id,id measures only those contenders (for investigations).
const only = process.env.BENCH_ONLY?.split(",");
const contenders = (await buildContenders(mode, n)).filter((c) => !only || only.includes(c.id));

// Check that each contender returns f(x) and runs every hook's pre and post.
for (const c of contenders) {
  const before = hookStates(c.hooks);
  const r = await (c.method ? c.w.run(41) : c.w(41));
  if (r !== 42) throw new Error(`${c.id}: returned ${r}`);
  assertRan(c.id, c.hooks, before);
}

// Two rounds in opposite orders; the best median of the rounds is the figure (other engineers'
// builds share these cores, and noise only ever adds time).
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 2));
const rows = contenders.map((c) => ({ id: c.id, label: c.label, ref: c.ref, rounds: [] }));
for (let round = 0; round < rounds; round++) {
  const order = contenders.map((_, k) => k);
  if (round % 2 === 1) order.reverse();
  for (const k of order) {
    const c = contenders[k];
    const stats = await nsPerCall(makeBody(c.w, { isAsync, method: c.method }));
    rows[k].rounds.push(stats);
    process.stderr.write(`  ${mode} N=${n} ${c.label.padEnd(36)} ${stats.p50.toFixed(2)} ns\n`);
  }
}
for (const row of rows) row.ns = Math.min(...row.rounds.map((s) => s.p50));

sendResult({ group: `calls-${mode}-${n}`, mode, n, rows });
