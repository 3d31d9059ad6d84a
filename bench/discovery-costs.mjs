// What each file-system step of discovery costs, per package, in a fresh process:
// `node bench/discovery-costs.mjs [SIZE] [RUNS]` (default 10,000 packages, 5 runs; not run by
// `npm run bench`). It explains the issue-13 discovery targets against the floor:
//   - cold: the floor is readFileSync + JSON.parse per package.json. Discovery must also
//     stat each package.json before reading it (a bounded read of a regular file: Node's
//     readFileSync reads to EOF, so a FIFO or a link to /dev/zero would hang or fill memory)
//     and probe each package's own node_modules (a nested copy wins over a hoisted one).
//     Those two alone are printed as a share of the floor; the byte search (the stretch)
//     beside JSON.parse shows what skipping the parse could save.
//   - warm: reading and parsing the index and N stats, with nothing else, in a fresh process:
//     the least any warm start with N stamps can cost.
// Each row is one fresh process per step, interleaved, CPU time (user + system; the machine
// may be shared: compare the rows of one run, as ratios).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { syntheticApp } from "./lib/synthetic-app.js";

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

if (process.argv[2] === "child") {
  const [, , , root, step, count] = process.argv;
  const modules = `${root}/node_modules`;
  const dirs = [];
  for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (!entry.name.startsWith("@")) dirs.push(`${modules}/${entry.name}`);
    else
      for (const inner of fs.readdirSync(`${modules}/${entry.name}`))
        dirs.push(`${modules}/${entry.name}/${inner}`);
  }
  const texts =
    step === "parse" || step === "search"
      ? dirs.map((d) => fs.readFileSync(`${d}/package.json`, "utf8"))
      : [];
  const indexFile = `${root}.costs-${count}.json`;
  if (step === "write") {
    const stamps = dirs.slice(0, Number(count)).map((d) => [`${d}/package.json`, 1, 2, 3, 4]);
    fs.writeFileSync(indexFile, JSON.stringify({ stamps }));
    process.exit(0);
  }
  let sink = 0;
  const c0 = cpuMs();
  if (step === "read")
    for (const d of dirs) sink += fs.readFileSync(`${d}/package.json`, "utf8").length;
  if (step === "parse") for (const t of texts) sink += JSON.parse(t).name.length;
  if (step === "search")
    for (const t of texts) sink += t.indexOf('"entryPoints"') + t.indexOf("\\u");
  if (step === "stat")
    for (const d of dirs) sink += fs.statSync(`${d}/package.json`, { throwIfNoEntry: false }).size;
  if (step === "exists") for (const d of dirs) sink += fs.existsSync(`${d}/node_modules`) ? 1 : 0;
  if (step === "warm") {
    const read = JSON.parse(fs.readFileSync(indexFile, "utf8"));
    for (const [path] of read.stamps) sink += fs.statSync(path, { throwIfNoEntry: false }).mtimeMs;
  }
  const ms = cpuMs() - c0;
  console.log(JSON.stringify({ ms, packages: dirs.length, sink: sink > 0 }));
} else {
  const size = Number(process.argv[2] ?? 10000);
  const runs = Number(process.argv[3] ?? 5);
  const root = syntheticApp(size);
  const self = new URL(import.meta.url).pathname;
  const steps = ["read", "parse", "stat", "exists", "search"];
  const warm = [10, 100, 560].filter((n) => n <= size);
  const all = [...steps.map((s) => [s, 0]), ...warm.map((n) => ["warm", n])];
  for (const n of warm) execFileSync(process.execPath, [self, "child", root, "write", String(n)]);
  const times = all.map(() => []);
  let packages = 0;
  for (let k = 0; k < runs; k++) {
    all.forEach(([step, n], i) => {
      const out = execFileSync(process.execPath, [self, "child", root, step, String(n)], {
        encoding: "utf8",
      });
      const r = JSON.parse(out);
      times[i].push(r.ms);
      packages = r.packages;
    });
  }
  const perPackage = (i) => (median(times[i]) * 1000) / packages;
  const floor = perPackage(0) + perPackage(1);
  console.log(`${packages} packages, ${runs} fresh processes per step, CPU medians`);
  for (const [i, s] of steps.entries())
    console.log(`  ${s.padEnd(7)} ${perPackage(i).toFixed(2).padStart(6)} µs/package`);
  console.log(
    `  floor (read + parse) ${floor.toFixed(2)} µs; stat + exists = ${((perPackage(2) + perPackage(3)) / floor).toFixed(2)}x of it`,
  );
  warm.forEach((n, j) => {
    const i = steps.length + j;
    console.log(
      `  warm minimum, index + ${String(n).padStart(3)} stats: ${median(times[i]).toFixed(2)} ms`,
    );
  });
}
