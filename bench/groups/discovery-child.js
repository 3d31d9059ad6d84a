// One fresh process of the discovery bench:
// `node discovery-child.js floor|cold|warm|warm-floor ROOT [repeats] [dist entry-points file]`.
// Times the first run (a cold process, OS file cache warm) and then `repeats` more runs in
// the same process (JIT warm, a fresh call each time). cold: the discovery index off, so
// every package is scanned; warm: through the index (written by an earlier run); warm-floor:
// the least a warm start can do on this machine, with nothing of plughooks loaded: read and
// parse the same index file and stat each of its stamps once, checking nothing else. Each
// time is wall-clock and CPU (user + system: steadier on a shared machine).
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { readAllManifests } from "../lib/floor.js";
import { distEntryPoints } from "../lib/paths.js";
import { DISCOVERY_GROUP } from "../lib/synthetic-app.js";

const [mode, root, repeatText = "0", dist] = process.argv.slice(2);
let run;
if (mode === "floor") {
  run = () => readAllManifests(root).length;
} else if (mode === "warm-floor") {
  const NO_THROW = { throwIfNoEntry: false };
  const file = indexFileOf(root);
  run = () => {
    const index = JSON.parse(readFileSync(file, "utf8"));
    let same = 0;
    for (const stamp of index.stamps) {
      const st = statSync(stamp[0], NO_THROW);
      if (
        st === undefined
          ? stamp[1] === -1
          : st.mtimeMs === stamp[1] &&
            st.ctimeMs === stamp[2] &&
            (st.isDirectory() ? -1 : st.size) === stamp[3] &&
            st.ino === stamp[4]
      )
        same++;
    }
    if (same !== index.stamps.length)
      throw new Error(`${file}: stale, write it with a warm run first`);
    return index.entryPoints.length;
  };
} else {
  const { entryPoints } = await import(pathToFileURL(dist ?? distEntryPoints).href);
  run = () => {
    const result = entryPoints({ root, group: DISCOVERY_GROUP, index: mode === "warm" });
    if (result.problems.length > 0) throw new Error(result.problems[0].message);
    return result.entryPoints.length;
  };
}
/**
 * The index a warm run of `root` wrote for the bench's group, found before timing without
 * readFileSync or JSON.parse (their first call is part of what the floor measures).
 */
function indexFileOf(root) {
  const folder = `${root}/node_modules/.cache/plughooks`;
  const marks = [`"root":${JSON.stringify(root)}`, `"group":${JSON.stringify(DISCOVERY_GROUP)}`];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith(".json")) continue;
    const fd = openSync(`${folder}/${name}`, "r");
    const head = Buffer.alloc(4096);
    const text = head.toString("utf8", 0, readSync(fd, head, 0, head.length, 0));
    closeSync(fd);
    if (marks.every((mark) => text.includes(mark))) return `${folder}/${name}`;
  }
  throw new Error(`no discovery index in ${folder}: run a warm discovery first`);
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
