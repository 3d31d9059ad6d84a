// The comparison page's speed figures, loaded at build time from the one source the
// performance page uses too (bench/results/results.json, through docs-bench-figures.mjs),
// so the two pages can never quote different numbers and no figure is typed by hand.
import {
  formatNs,
  machineLine,
  nsPerCall,
  PEERS,
  RESULTS,
  readResults,
} from "../scripts/docs-bench-figures.mjs";

const IDS = ["plughooks", ...PEERS];

/** "2.62 ns / 8.18 ns" (1 hook / 10 hooks), with the figure alone where the run has one. */
function cellOf(results, mode, id) {
  const one = nsPerCall(results, mode, 1, id);
  const ten = nsPerCall(results, mode, 10, id);
  if (one === undefined && ten === undefined)
    return mode === "sync" ? "n/a (promises only)" : "not measured";
  const solo = nsPerCall(results, mode, 10, `${id}-solo`);
  const alone = solo === undefined ? "" : ` (alone: ${formatNs(solo)} at 10)`;
  return `${formatNs(one)} / ${formatNs(ten)}${alone}`;
}

export default {
  watch: [RESULTS],
  load() {
    const results = readResults();
    if (results === undefined) {
      const none = { sync: "not measured yet", async: "not measured yet" };
      return { run: "no run yet (`npm run bench`)", cells: Object.fromEntries(IDS.map((id) => [id, none])) };
    }
    const cells = Object.fromEntries(
      IDS.map((id) => [id, { sync: cellOf(results, "sync", id), async: cellOf(results, "async", id) }]),
    );
    return { run: machineLine(results), cells };
  },
};
