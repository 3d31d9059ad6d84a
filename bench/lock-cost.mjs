// What the plugin lock costs at start-up: `npm run build && node bench/lock-cost.mjs [N]`.
//
// Builds an application with N plugin packages (default 20) in a temp folder, writes its lock
// with `plughooks lock`, then measures, with the OS file cache warm:
//   1. in one process, a reload (reset() then load()) with and without the lock: the
//      difference is the lock check itself (read + parse the lock, SHA-256 of every module
//      file and package.json);
//   2. a warm start: `hooks.load()` of every hook in a fresh process, without and with the
//      lock (median of several processes each).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const lib = (path) => import(pathToFileURL(join(dist, path)).href);
const GROUP = "nova.hooks";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

if (process.argv[2] === "child") {
  // One warm start: import plughooks, discover and load every hook, print the load time.
  const [, , , root, lock] = process.argv;
  const { createHooks } = await lib("index.js");
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const hooks = createHooks({ group: GROUP, root, logger: quiet, env: {}, lock: lock === "lock" });
  // CPU time as well as wall time: on a busy machine, wall time mostly measures the others.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await hooks.load();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (report.problems.length > 0) throw new Error(report.problems[0].message);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    JSON.stringify({ ms, cpuMs, hooks: [...report.hooks.values()].flat().length }),
  );
  process.exit(0);
}

const n = Number(process.argv[2] ?? 20);
const app = join(tmpdir(), `plughooks-lock-cost-${process.pid}`);
rmSync(app, { recursive: true, force: true });
const deps = {};
for (let i = 0; i < n; i++) {
  const name = `bench-plugin-${String(i).padStart(3, "0")}`;
  deps[name] = "1.0.0";
  const dir = join(app, "node_modules", name);
  mkdirSync(join(dir, "dist"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name,
      version: "1.0.0",
      type: "module",
      entryPoints: { [GROUP]: { [`hook_${i % 5}`]: "./dist/hooks.js:Hook" } },
    }),
  );
  // About 4 KB, a typical small compiled plugin module.
  const padding = `// ${"x".repeat(76)}\n`.repeat(48);
  writeFileSync(
    join(dir, "dist", "hooks.js"),
    `${padding}export class Hook { pre() {} post() {} }\n`,
  );
}
writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", dependencies: deps }));

// The lock, written by the real command.
const bin = join(dist, "cli", "bin.js");
execFileSync(process.execPath, [bin, "lock", "--root", app], { encoding: "utf8" });

// 1. The gate alone: in one process, hooks.load() after reset() re-discovers (from the warm
// index) and reloads (modules already imported, so cheap); the difference between lock: true
// and lock: false is what the lock check costs when every file is in the OS cache.
const { createHooks } = await lib("index.js");
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const inProcess = async (lock) => {
  const hooks = createHooks({ group: GROUP, root: app, logger: quiet, env: {}, lock });
  const times = [];
  for (let i = 0; i < 350; i++) {
    hooks.reset();
    const t0 = performance.now();
    const report = await hooks.load();
    if (i >= 50) times.push(performance.now() - t0); // the first 50 warm the JIT
    if (report.problems.length > 0) throw new Error(report.problems[0].message);
  }
  return median(times);
};
const reps = 300;
const withoutLock = await inProcess(false);
const withLock = await inProcess(true);

// 2. Warm starts in fresh processes.
const self = fileURLToPath(import.meta.url);
const start = (mode) =>
  JSON.parse(execFileSync(process.execPath, [self, "child", app, mode], { encoding: "utf8" }));
const runs = Number(process.env.RUNS ?? 21);
start("nolock"); // warm the OS cache
const loads = { nolock: [], lock: [] };
const cpus = { nolock: [], lock: [] };
for (let i = 0; i < runs; i++) {
  for (const mode of ["nolock", "lock"]) {
    const { ms, cpuMs } = start(mode);
    loads[mode].push(ms);
    cpus[mode].push(cpuMs);
  }
}
if (!process.env.KEEP) rmSync(app, { recursive: true, force: true });

const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
const fmt = (ms) => `${ms.toFixed(2)} ms`;
const a = median(loads.nolock);
const b = median(loads.lock);
const minA = Math.min(...loads.nolock);
const minB = Math.min(...loads.lock);
console.log(
  `plughooks lock cost, ${n} plugin packages (~4 KB module each), Node ${process.version}`,
);
console.log(`reload in process, hooks.reset() then hooks.load() (median of ${reps}):`);
console.log(`  lock: false  ${us(withoutLock)}`);
console.log(
  `  lock: true   ${us(withLock)}  (+${us(withLock - withoutLock)}, ${us((withLock - withoutLock) / n)} per plugin: resolve is shared, so this is 2 reads + 2 SHA-256 each)`,
);
console.log(`warm start, hooks.load() of every hook in a fresh process (median of ${runs}):`);
console.log(`  without lock  median ${fmt(a)}  min ${fmt(minA)}`);
console.log(
  `  with lock     median ${fmt(b)}  min ${fmt(minB)}  (median +${fmt(b - a)}, min +${fmt(minB - minA)})`,
);
const cpuA = median(cpus.nolock);
const cpuB = median(cpus.lock);
console.log(
  `  CPU time (user+system), median: without ${fmt(cpuA)}, with ${fmt(cpuB)} (+${fmt(cpuB - cpuA)})`,
);
console.log(
  `  load average during the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
