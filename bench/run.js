// `npm run bench`: runs every scenario group in its own fresh process (so JIT state of one
// group cannot pollute another), prints the tables, writes bench/results/results.json and
// renders results.md and chart.svg. `--quick` (or BENCH_QUICK=1): a short smoke run whose
// results go to the bench temp folder instead (see lib/paths.js).
import { fork } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { machine } from "./lib/machine.js";
import { quick } from "./lib/options.js";
import { resultsDir, tmpDir } from "./lib/paths.js";
import { median } from "./lib/stats.js";
import { render } from "./render.js";

const started = performance.now();
const groups = [];
// Per call: the single-call-site harness and the multi-call-site one (4 hooked functions
// called from one loop), each also with tapable alone (no sibling hooks in the process).
for (const harness of ["single", "multi"]) {
  for (const mode of ["sync", "async"]) {
    for (const n of [0, 1, 10]) {
      groups.push(["calls.js", [mode, String(n), harness], []]);
      groups.push(["calls.js", [mode, String(n), harness, "solo"], []]);
    }
  }
}
groups.push([
  "alloc.js",
  [],
  ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64"],
]);
groups.push(["startup.js", [], []]);
groups.push(["memory.js", [], ["--expose-gc"]]);
groups.push(["discovery.js", [], []]);

// V8's optimising decisions differ from one process to the next (what it inlines, when it
// tiers up), so one process can land a per-call figure well off its usual value for the same
// code. Each per-call scenario with plughooks therefore runs in PROCESSES fresh processes
// (two rounds each, in alternating orders; the best round's median is the process's
// figure, as noise from the machine only adds time); the scenario's figure is the median of
// the processes' figures, and each is kept beside it (`nsByProcess`). The solo scenarios
// (tapable alone, no plughooks) run once.
const PROCESSES = quick ? 1 : 3;

function runGroup([file, args, execArgv], env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL(`groups/${file}`, import.meta.url)), args, {
      execArgv,
      env: { ...process.env, BENCH_QUICK: quick ? "1" : "0", ...env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result;
    child.on("message", (message) => {
      result = message;
    });
    child.on("exit", (code) =>
      code === 0 && result
        ? resolve(result)
        : reject(new Error(`${file} ${args.join(" ")} failed (${code})`)),
    );
  });
}

/** One per-call scenario, in PROCESSES processes, merged as described above. */
async function runCalls(group) {
  const runs = [];
  const processes = group[1].includes("solo") ? 1 : PROCESSES;
  for (let k = 0; k < processes; k++)
    runs.push(await runGroup(group, { BENCH_ROUND_OFFSET: String(k) }));
  const merged = runs[0];
  for (const [index, row] of merged.rows.entries()) {
    const perProcess = runs.map((run) => run.rows[index]);
    row.rounds = perProcess.flatMap((r) => r.rounds);
    row.nsByProcess = perProcess.map((r) => r.ns);
    row.ns = median(row.nsByProcess);
  }
  merged.processes = processes;
  return merged;
}

const results = [];
for (const group of groups) {
  process.stderr.write(`${group[0]} ${group[1].join(" ")}\n`);
  const t0 = performance.now();
  results.push(await (group[0] === "calls.js" ? runCalls(group) : runGroup(group)));
  process.stderr.write(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}

const output = {
  schema: 2,
  quick,
  machine: machine(),
  durationSeconds: Math.round((performance.now() - started) / 1000),
  calls: results.filter((r) => r.group.startsWith("calls-")),
  // Target 2 is structural: the generated call paths are snapshot-tested (npm test runs it).
  snapshotTested: existsSync(new URL("../test/hooks/codegen.snapshot.txt", import.meta.url)),
  alloc: results.find((r) => r.group === "alloc"),
  startup: results.find((r) => r.group === "startup"),
  memory: results.find((r) => r.group === "memory"),
  discovery: results.find((r) => r.group === "discovery"),
};
const dir = quick ? tmpDir : resultsDir;
mkdirSync(dir, { recursive: true });
const file = join(dir, quick ? "results-quick.json" : "results.json");
writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
const { markdown } = render(file);
console.log(markdown);
console.log(`\n${file} (${output.durationSeconds} s)`);
