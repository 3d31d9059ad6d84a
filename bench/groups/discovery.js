// Discovery cost against the floor, on synthetic applications of 200, 2,000, 10,000 and
// 50,000 installed packages. Cold: a fresh process per run (OS cache warm), the discovery
// index off; warm: through the index, in a fresh process too. The floor (read and parse every
// package.json once) is timed the same way in the same run, alternating with plughooks so
// that all see the same noise. Each figure is wall-clock, with CPU time (user + system)
// beside it: on a shared machine CPU time is the steadier of the two.
//
// Targets (issue 13): cold at most 1.2x the floor at every size; warm at most 1 ms at 2,000
// packages and 3 ms at 50,000. Printed met or missed, and kept in each row (`targets`). The
// warm targets are absolute, so each row also has the warm floor of this machine: reading
// and parsing the same index and one stat per stamp, with nothing else (`warmFloorMs`).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sendResult } from "../lib/child.js";
import { quick } from "../lib/options.js";
import { median, summary } from "../lib/stats.js";
import { syntheticApp } from "../lib/synthetic-app.js";

const child = fileURLToPath(new URL("discovery-child.js", import.meta.url));
const sizes = quick ? [200, 2000] : [200, 2000, 10000, 50000];
// Fewer runs at the large sizes (a cold run takes seconds at 50,000): the budget is 6 min.
const runsFor = (size) => (quick ? 3 : size >= 50000 ? 3 : size >= 10000 ? 3 : 5);
const repeatsFor = (size) => (quick ? 3 : size >= 50000 ? 1 : size >= 10000 ? 2 : 5);
const once = (mode, root, size) => {
  const args = [child, mode, root, String(mode === "warm" ? 5 : repeatsFor(size))];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }));
};

/** The targets of issue 13 for one size; `null` where a size has none. */
const COLD_MAX_RATIO = 1.2;
const WARM_MAX_MS = { 2000: 1, 50000: 3 };

const rows = [];
for (const size of sizes) {
  const root = syntheticApp(size);
  once("floor", root, size); // warm the OS file cache
  once("cold", root, size);
  once("warm", root, size); // writes the index
  const series = () => ({ first: [], repeat: [], firstCpu: [], repeatCpu: [] });
  const floor = series();
  const cold = series();
  const warm = series();
  const warmFloor = series();
  let found = 0;
  for (let k = 0; k < runsFor(size); k++) {
    for (const [mode, into] of [
      ["floor", floor],
      ["cold", cold],
      ["warm", warm],
      ["warm-floor", warmFloor],
    ]) {
      const r = once(mode, root, size);
      into.first.push(r.first);
      into.repeat.push(median(r.repeats));
      into.firstCpu.push(r.firstCpu);
      into.repeatCpu.push(median(r.repeatsCpu));
      if (mode !== "floor" && found !== 0 && r.found !== found)
        throw new Error(`${mode}: ${r.found} entry points, expected ${found}`);
      if (mode !== "floor" && mode !== "warm-floor") found = r.found;
    }
  }
  const row = {
    packages: size,
    entryPoints: found,
    floorMs: summary(floor.first),
    coldMs: summary(cold.first),
    floorInProcessMs: summary(floor.repeat),
    inProcessMs: summary(cold.repeat),
    warmMs: summary(warm.first),
    warmInProcessMs: summary(warm.repeat),
    warmFloorMs: summary(warmFloor.first),
    cpuMs: {
      floor: summary(floor.firstCpu),
      cold: summary(cold.firstCpu),
      warm: summary(warm.firstCpu),
      warmFloor: summary(warmFloor.firstCpu),
      floorInProcess: summary(floor.repeatCpu),
      coldInProcess: summary(cold.repeatCpu),
    },
  };
  row.coldRatio = row.coldMs.median / row.floorMs.median;
  row.inProcessRatio = row.inProcessMs.median / row.floorInProcessMs.median;
  row.coldCpuRatio = row.cpuMs.cold.median / row.cpuMs.floor.median;
  row.targets = [
    {
      target: `cold ≤ ${COLD_MAX_RATIO}x floor`,
      ratio: row.coldRatio,
      met: row.coldRatio <= COLD_MAX_RATIO,
    },
  ];
  if (WARM_MAX_MS[size] !== undefined) {
    const ratio = row.warmMs.median / WARM_MAX_MS[size];
    row.targets.push({ target: `warm ≤ ${WARM_MAX_MS[size]} ms`, ratio, met: ratio <= 1 });
  }
  rows.push(row);
  const verdicts = row.targets
    .map((t) => `${t.target}: ${t.met ? "met" : "MISSED"} (${t.ratio.toFixed(2)}x)`)
    .join("; ");
  process.stderr.write(
    `  discovery ${size} packages: floor ${row.floorMs.median.toFixed(1)} ms, cold ${row.coldMs.median.toFixed(1)} ms (${row.coldRatio.toFixed(2)}x; CPU ${row.coldCpuRatio.toFixed(2)}x), warm ${row.warmMs.median.toFixed(2)} ms (CPU ${row.cpuMs.warm.median.toFixed(2)} ms; this machine's warm floor ${row.warmFloorMs.median.toFixed(2)} ms) — ${verdicts}\n`,
  );
}

sendResult({ group: "discovery", rows, warm: "discovery index (src/entry-points/index-cache.ts)" });
