// One fresh process of the discovery bench: `node discovery-child.js floor|cold|warm ROOT [repeats]`.
// Times the first run (a cold process, OS file cache warm) and then `repeats` more runs in
// the same process (JIT warm, a fresh call each time). cold: the discovery index off, so
// every package is scanned; warm: through the index (written by an earlier run). Each time
// is wall-clock and CPU (user + system: steadier on a shared machine).
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { readAllManifests } from "../lib/floor.js";
import { distEntryPoints } from "../lib/paths.js";
import { DISCOVERY_GROUP } from "../lib/synthetic-app.js";

const [mode, root, repeatText = "0", dist] = process.argv.slice(2);
let run;
if (mode === "floor") {
  run = () => readAllManifests(root).length;
} else {
  const { entryPoints } = await import(pathToFileURL(dist ?? distEntryPoints).href);
  run = () => {
    const result = entryPoints({ root, group: DISCOVERY_GROUP, index: mode === "warm" });
    if (result.problems.length > 0) throw new Error(result.problems[0].message);
    return result.entryPoints.length;
  };
}
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const times = [];
const cpu = [];
let found = 0;
for (let k = 0; k <= Number(repeatText); k++) {
  const c0 = cpuMs();
  const t0 = performance.now();
  found = run();
  times.push(performance.now() - t0);
  cpu.push(cpuMs() - c0);
}
console.log(
  JSON.stringify({
    first: times[0],
    repeats: times.slice(1),
    firstCpu: cpu[0],
    repeatsCpu: cpu.slice(1),
    found,
  }),
);
