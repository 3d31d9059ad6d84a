// Discovery cost against the floor, on synthetic applications of 200, 2,000 and 10,000
// installed packages. Cold: a fresh process per run (OS cache warm); the floor is timed the
// same way in the same run, alternating with plughooks so that both see the same noise.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sendResult } from "../lib/child.js";
import { quick } from "../lib/options.js";
import { repoDir } from "../lib/paths.js";
import { median, summary } from "../lib/stats.js";
import { syntheticApp } from "../lib/synthetic-app.js";

const child = fileURLToPath(new URL("discovery-child.js", import.meta.url));
const sizes = quick ? [200, 2000] : [200, 2000, 10000];
const runs = quick ? 3 : 7;
const repeats = quick ? 3 : 5;
const once = (mode, root) =>
  JSON.parse(
    execFileSync(process.execPath, [child, mode, root, String(repeats)], { encoding: "utf8" }),
  );

const rows = [];
for (const size of sizes) {
  const root = syntheticApp(size);
  once("floor", root); // warm the OS file cache
  once("cold", root);
  const floor = { first: [], repeat: [] };
  const cold = { first: [], repeat: [] };
  let found = 0;
  for (let k = 0; k < runs; k++) {
    const f = once("floor", root);
    floor.first.push(f.first);
    floor.repeat.push(median(f.repeats));
    const c = once("cold", root);
    cold.first.push(c.first);
    cold.repeat.push(median(c.repeats));
    found = c.found;
  }
  const row = {
    packages: size,
    entryPoints: found,
    floorMs: summary(floor.first),
    coldMs: summary(cold.first),
    floorInProcessMs: summary(floor.repeat),
    inProcessMs: summary(cold.repeat),
    warmMs: null,
  };
  row.coldRatio = row.coldMs.median / row.floorMs.median;
  row.inProcessRatio = row.inProcessMs.median / row.floorInProcessMs.median;
  rows.push(row);
  process.stderr.write(
    `  discovery ${size} packages: floor ${row.floorMs.median.toFixed(1)} ms, cold ${row.coldMs.median.toFixed(1)} ms (${row.coldRatio.toFixed(2)}x)\n`,
  );
}

// Warm discovery needs the on-disk index of the compatibility issue; say so until it exists.
const indexCache = join(repoDir, "dist", "entry-points", "index-cache.js");
sendResult({
  group: "discovery",
  rows,
  warm: existsSync(indexCache) ? "index present, not wired yet" : "not available yet",
});
