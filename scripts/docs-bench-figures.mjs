// The benchmark figures the docs quote, read from one source: bench/results/results.json
// (written by `npm run bench`). The performance page and the comparison page both take their
// numbers from here, so no figure is ever typed by hand or quoted from two different runs.
import { existsSync, readFileSync } from "node:fs";
import { inputs } from "./docs-paths.mjs";

export const RESULTS = `${inputs.benchResults}results.json`;

/** The full run in `file`, or undefined when the bench has not been run on this checkout. */
export function readResults(file = RESULTS) {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, "utf8"));
  return Array.isArray(data.calls) && data.machine !== undefined ? data : undefined;
}

/** ns per call of row `id` in the `mode` (sync, async) group with `n` hooks, if measured. */
export function nsPerCall(results, mode, n, id) {
  return results?.calls.find((g) => g.mode === mode && g.n === n)?.rows.find((r) => r.id === id)
    ?.ns;
}

/** The label the bench gives row `id`. */
export function labelOf(results, id) {
  for (const g of results?.calls ?? []) {
    const row = g.rows.find((r) => r.id === id);
    if (row) return row.label;
  }
  return id;
}

/** Every row id measured in `mode`, in the bench's order. */
export function idsOf(results, mode) {
  const ids = [];
  for (const g of results?.calls ?? [])
    if (g.mode === mode) for (const r of g.rows) if (!ids.includes(r.id)) ids.push(r.id);
  return ids;
}

/** "1.61 ns", "89.2 ns", "4,388 ns": three significant figures at most, as the bench prints. */
export function formatNs(ns) {
  if (ns === undefined) return "not measured";
  const value =
    ns < 10 ? ns.toFixed(2) : ns < 1000 ? ns.toFixed(1) : Math.round(ns).toLocaleString("en-US");
  return `${value} ns`;
}

/** "3.1x", "12x". */
export function formatRatio(r) {
  return r < 10 ? `${r.toFixed(1)}x` : `${Math.round(r).toLocaleString("en-US")}x`;
}

/** "Node v20.20.2 on AMD EPYC, 2 cores, 2026-11-25": where and when the figures were taken. */
export function machineLine(results) {
  const m = results.machine;
  return `Node ${m.node} on ${m.cpu}, ${m.cores} cores, ${m.date.slice(0, 10)}${results.quick ? " (quick run)" : ""}`;
}

/**
 * The peers of the comparison page: the libraries a reader might pick instead, in the
 * bench's ids. A peer measured alone as well (id `<peer>-solo`, without sibling hooked
 * functions) is shown both ways.
 */
export const PEERS = ["tapable", "hookable", "before-after-hook"];
