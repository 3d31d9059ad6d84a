// Discovery cost against the floor, on synthetic applications of 200, 2,000 and 10,000
// installed packages. Cold: a fresh process per run (OS cache warm), the discovery index off;
// warm: through the index. The floor is timed the same way in the same run, alternating with
// plughooks so that all see the same noise.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sendResult } from "../lib/child.js";
import { quick } from "../lib/options.js";
import { median, summary } from "../lib/stats.js";
import { syntheticApp } from "../lib/synthetic-app.js";

const child = fileURLToPath(new URL("discovery-child.js", import.meta.url));
const sizes = quick ? [200, 2000] : [200, 2000, 10000];
// Fewer runs at 10,000 packages (a cold run takes over a second there): the budget is 5 min.
const runsFor = (size) => (quick ? 3 : size >= 10000 ? 3 : 5);
const once = (mode, root, size) => {
  const repeats = quick ? 3 : size >= 10000 ? 2 : 5;
  const args = [child, mode, root, String(repeats)];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }));
};

const rows = [];
for (const size of sizes) {
  const root = syntheticApp(size);
  once("floor", root, size); // warm the OS file cache
  once("cold", root, size);
  once("warm", root, size); // writes the index
  const floor = { first: [], repeat: [] };
  const cold = { first: [], repeat: [] };
  const warm = { first: [], repeat: [] };
  let found = 0;
  for (let k = 0; k < runsFor(size); k++) {
    for (const [mode, into] of [
      ["floor", floor],
      ["cold", cold],
      ["warm", warm],
    ]) {
      const r = once(mode, root, size);
      into.first.push(r.first);
      into.repeat.push(median(r.repeats));
      if (mode !== "floor" && found !== 0 && r.found !== found)
        throw new Error(`${mode}: ${r.found} entry points`);
      if (mode !== "floor") found = r.found;
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
  };
  row.coldRatio = row.coldMs.median / row.floorMs.median;
  row.inProcessRatio = row.inProcessMs.median / row.floorInProcessMs.median;
  rows.push(row);
  process.stderr.write(
    `  discovery ${size} packages: floor ${row.floorMs.median.toFixed(1)} ms, cold ${row.coldMs.median.toFixed(1)} ms (${row.coldRatio.toFixed(2)}x), warm ${row.warmMs.median.toFixed(2)} ms\n`,
  );
}

sendResult({ group: "discovery", rows, warm: "discovery index (src/entry-points/index-cache.ts)" });
