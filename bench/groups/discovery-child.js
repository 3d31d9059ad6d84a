// One fresh process of the discovery bench: `node discovery-child.js floor|cold|warm ROOT [repeats]`.
// Times the first run (a cold process, OS file cache warm) and then `repeats` more runs in
// the same process (JIT warm, a fresh call each time). cold: the discovery index off, so
// every package is scanned; warm: through the index (written by an earlier run).
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { readAllManifests } from "../lib/floor.js";
import { distEntryPoints } from "../lib/paths.js";
import { DISCOVERY_GROUP } from "../lib/synthetic-app.js";

const [mode, root, repeatText = "0"] = process.argv.slice(2);
let run;
if (mode === "floor") {
  run = () => readAllManifests(root).length;
} else {
  const { entryPoints } = await import(pathToFileURL(distEntryPoints).href);
  run = () => {
    const result = entryPoints({ root, group: DISCOVERY_GROUP, index: mode === "warm" });
    if (result.problems.length > 0) throw new Error(result.problems[0].message);
    return result.entryPoints.length;
  };
}
const times = [];
let found = 0;
for (let k = 0; k <= Number(repeatText); k++) {
  const t0 = performance.now();
  found = run();
  times.push(performance.now() - t0);
}
console.log(JSON.stringify({ first: times[0], repeats: times.slice(1), found }));
