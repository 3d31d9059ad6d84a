// What the plugin lock costs at start-up: `npm run build && node bench/lock-cost.mjs [N]`.
//
// Builds an application with N plugin packages (default 20), each of FILES files (an entry
// module that requires helpers, a package.json, a README, a source map: ~60 KB a package),
// writes its lock with `plughooks lock`, then measures `hooks.load()` of every hook in
// fresh processes (medians), with the OS file cache warm:
//   - no lock:          no lock file (what every application without a lock pays);
//   - lock, warm:       lock + the stamp cache (`node_modules/.cache/plughooks`): a `stat`
//                       per pinned file, no reads, no SHA-256 (every later start);
//   - lock, cold:       lock, stamp cache deleted before each start: every file read and
//                       hashed (the first start after a deploy that changed inodes).
// and, in one process, a reload (reset() then load()) with and without the lock.
// The machine may be shared: compare the rows of one run, as ratios.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const lib = (path) => import(pathToFileURL(join(dist, path)).href);
const GROUP = "nova.hooks";
const FILES = 12;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

if (process.argv[2] === "child") {
  // One start: import plughooks, discover and load every hook, print the load time.
  const [, , , root, lock] = process.argv;
  const { createHooks } = await lib("index.js");
  const hooks = createHooks({ group: GROUP, root, logger: quiet, env: {}, lock: lock === "lock" });
  // CPU time as well as wall time: on a busy machine, wall time mostly measures the others.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await hooks.load();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (report.problems.length > 0) throw new Error(report.problems[0].message);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs }));
  // The stamp cache is saved in a microtask after the load: let it run before exiting.
  setImmediate(() => process.exit(0));
} else {
  const n = Number(process.argv[2] ?? 20);
  const app = join(tmpdir(), `plughooks-lock-cost-${process.pid}`);
  rmSync(app, { recursive: true, force: true });
  const deps = {};
  const padding = `// ${"x".repeat(76)}\n`.repeat(48); // ~4 KB
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
        type: "commonjs",
        entryPoints: { [GROUP]: { [`hook_${i % 5}`]: "./dist/hooks.js:Hook" } },
      }),
    );
    const helpers = Array.from({ length: FILES - 4 }, (_, k) => `helper-${k}.js`);
    for (const helper of helpers) {
      writeFileSync(join(dir, "dist", helper), `${padding}exports.value = 1;\n`);
    }
    writeFileSync(
      join(dir, "dist", "hooks.js"),
      `${padding}${helpers.map((h) => `require("./${h}");`).join("\n")}\nexports.Hook = class Hook { pre() {} post() {} };\n`,
    );
    writeFileSync(
      join(dir, "dist", "hooks.js.map"),
      `{"version":3,"mappings":"${"A".repeat(16_000)}"}`,
    );
    writeFileSync(join(dir, "README.md"), `# ${name}\n${"text ".repeat(400)}\n`);
  }
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", dependencies: deps }));
  // Files changed in the last 2 s are not cached (their stamp could still change unseen).
  await new Promise((resolve) => setTimeout(resolve, 2100));

  // The lock (and the stamp cache), written by the real command.
  const bin = join(dist, "cli", "bin.js");
  execFileSync(process.execPath, [bin, "lock", "--root", app], { encoding: "utf8" });
  const stampCache = join(app, "node_modules", ".cache", "plughooks", "lock-stamps.json");

  // In one process: reload with and without the lock (stamp cache warm in the file).
  const { createHooks } = await lib("index.js");
  const inProcess = async (lock) => {
    const hooks = createHooks({ group: GROUP, root: app, logger: quiet, env: {}, lock });
    const times = [];
    for (let i = 0; i < 150; i++) {
      hooks.reset();
      const t0 = performance.now();
      const report = await hooks.load();
      if (i >= 30) times.push(performance.now() - t0); // the first 30 warm the JIT
      if (report.problems.length > 0) throw new Error(report.problems[0].message);
    }
    return median(times);
  };
  const reloadWithout = await inProcess(false);
  const reloadWith = await inProcess(true);

  // Fresh processes.
  const self = fileURLToPath(import.meta.url);
  const start = (lock) =>
    JSON.parse(execFileSync(process.execPath, [self, "child", app, lock], { encoding: "utf8" }));
  const runs = Number(process.env.RUNS ?? 15);
  const modes = {
    "no lock": () => start("nolock"),
    "lock, warm": () => start("lock"),
    "lock, cold": () => {
      rmSync(stampCache, { force: true });
      return start("lock");
    },
  };
  start("nolock"); // warm the OS cache
  start("lock"); // and the stamp cache
  const ms = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
  const cpu = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
  for (let i = 0; i < runs; i++) {
    for (const [mode, run] of Object.entries(modes)) {
      const result = run();
      ms[mode].push(result.ms);
      cpu[mode].push(result.cpuMs);
    }
  }
  if (!process.env.KEEP) rmSync(app, { recursive: true, force: true });

  const fmt = (value) => `${value.toFixed(2)} ms`;
  const base = median(ms["no lock"]);
  console.log(
    `plughooks lock cost: ${n} plugin packages x ${FILES} files (~60 KB each), Node ${process.version}`,
  );
  console.log(`fresh process, hooks.load() of every hook (median of ${runs}; CPU = user+system):`);
  for (const mode of Object.keys(modes)) {
    const m = median(ms[mode]);
    console.log(
      `  ${mode.padEnd(11)} ${fmt(m).padStart(9)}  (${(m / base).toFixed(2)}x)  CPU ${fmt(median(cpu[mode]))}`,
    );
  }
  console.log("in one process, hooks.reset() then hooks.load() (median of 120):");
  console.log(`  no lock     ${fmt(reloadWithout).padStart(9)}`);
  console.log(
    `  lock        ${fmt(reloadWith).padStart(9)}  (+${fmt(reloadWith - reloadWithout)}, ${(((reloadWith - reloadWithout) * 1000) / n).toFixed(0)} µs per plugin package)`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (the machine may be shared)`,
  );
}
