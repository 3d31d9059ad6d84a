#!/usr/bin/env node
// Discovery index benchmark (issues 4 and 13): a synthetic application with 2,000 installed packages,
// 1% of which declare entry points. In one run: the floor (read + parse every package.json
// once), cold discovery (index off), warm discovery (through the index), and the first
// hooked call end to end in fresh processes, warm and cold.
//   npm run build && node bench/discovery-index.mjs [--packages=2000] [--runs=21] [--json=FILE]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const COUNT = Number(args.packages ?? 2000);
const RUNS = Number(args.runs ?? 21);
const GROUP = "bench.hooks";
// --dist=DIR compares another build (e.g. before/after a change to discovery).
const dist = args.dist
  ? pathToFileURL(`${args.dist.replace(/\/$/, "")}/`)
  : new URL("../dist/", import.meta.url);
const { entryPoints } = await import(new URL("entry-points/index.js", dist).href);

/** Writes the synthetic app; returns its folder and every package folder. */
function makeApp() {
  const app = mkdtempSync(join(tmpdir(), "plughooks-bench-index-"));
  const names = Array.from({ length: COUNT }, (_, i) =>
    i % 10 === 0 ? `@scope${i % 20}/pkg-${i}` : `pkg-${i}`,
  );
  const dirs = [app];
  names.forEach((name, i) => {
    const dir = join(app, "node_modules", name);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
    // A dependency graph: each package depends on up to 3 later ones.
    const deps = Object.fromEntries(
      [1, 7, 31].map((k) => names[(i + k) % COUNT]).map((d) => [d, "^1.0.0"]),
    );
    const manifest = {
      name,
      version: "1.0.0",
      description: "x".repeat(200), // real manifests carry text: keep the parse honest
      main: "index.js",
      dependencies: deps,
    };
    if (i % 100 === 0) {
      manifest.type = "module";
      manifest.entryPoints = { [GROUP]: { bench_hook: "./hooks.js:Hook" } };
      writeFileSync(join(dir, "hooks.js"), "export class Hook { pre() {} post() {} }\n");
    }
    writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  });
  const root = {
    name: "bench-app",
    version: "1.0.0",
    type: "module",
    dependencies: Object.fromEntries(names.slice(0, 100).map((n) => [n, "^1.0.0"])),
  };
  writeFileSync(join(app, "package.json"), JSON.stringify(root, null, 2));
  return { app, dirs };
}

/**
 * Median milliseconds of each function, sampled interleaved (a, b, c, a, b, c...) so that
 * load from other processes weighs on every contender alike.
 */
function medians(fns) {
  for (let i = 0; i < 3; i++) for (const fn of fns) fn(); // JIT and OS caches warm
  const wall = fns.map(() => []);
  const cpu = fns.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    fns.forEach((fn, k) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      wall[k].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    });
  }
  const mid = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  return { wall: wall.map(mid), cpu: cpu.map(mid) };
}

/** The first call of a hooked function in a fresh process, discovery and loading included. */
function firstCall(app, env) {
  const script = `
const t0 = performance.now();
const { createHooks } = await import(${JSON.stringify(new URL("index.js", dist).href)});
const t1 = performance.now();
const hooks = createHooks({ group: ${JSON.stringify(GROUP)}, root: ${JSON.stringify(pathToFileURL(join(app, "package.json")).href)} });
const f = hooks.addHook("bench_hook")(function f(x) { return x + 1; });
const t2 = performance.now();
f(1);
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstCallMs: t3 - t2 }));`;
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, ...env },
    });
    samples.push(JSON.parse(out.toString()));
  }
  samples.sort((a, b) => a.firstCallMs - b.firstCallMs);
  return samples[3];
}

const { app, dirs } = makeApp();
try {
  await sleep(200); // past the index's racy-change guard
  const check = entryPoints({ root: app, group: GROUP }); // writes the index
  const measured = medians([
    () => {
      for (const dir of dirs) JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    },
    () => entryPoints({ root: app, group: GROUP, index: false }),
    () => entryPoints({ root: app, group: GROUP }),
  ]);
  // Wall time is what start-up costs; CPU time (user + system) is steadier on a busy machine.
  const [floor, cold, warm] = measured.wall;
  const [floorCpu, coldCpu, warmCpu] = measured.cpu;
  const warmResult = entryPoints({ root: app, group: GROUP });
  if (JSON.stringify(warmResult.entryPoints) !== JSON.stringify(check.entryPoints))
    throw new Error("the warm result differs from the scan");
  const firstWarm = firstCall(app, {});
  const firstCold = firstCall(app, { PLUGHOOKS_INDEX: "0" });
  const result = {
    node: process.version,
    packages: COUNT,
    withEntryPoints: check.entryPoints.length,
    packagesScanned: check.packagesScanned,
    runs: RUNS,
    floorMs: floor,
    coldMs: cold,
    warmMs: warm,
    coldOverFloor: cold / floor,
    warmOverCold: warm / cold,
    cpuMs: { floor: floorCpu, cold: coldCpu, warm: warmCpu, coldOverFloor: coldCpu / floorCpu },
    firstCallWarmMs: firstWarm.firstCallMs,
    firstCallColdMs: firstCold.firstCallMs,
    importMs: firstWarm.importMs,
    // Issue 13's targets, JIT warm here (bench/groups/discovery.js times fresh processes).
    targets: {
      "cold <= 1.2x floor": cold / floor <= 1.2,
      "cold CPU <= 1.2x floor CPU": coldCpu / floorCpu <= 1.2,
      [`warm <= ${COUNT >= 50000 ? 3 : 1} ms`]: warm <= (COUNT >= 50000 ? 3 : 1),
      "warm < 10% of cold": warm / cold < 0.1,
    },
  };
  const f = (ms) => `${ms.toFixed(2)} ms`;
  console.log(
    `discovery index bench: ${COUNT} packages, ${result.withEntryPoints} with entry points, Node ${process.version}, median of ${RUNS}`,
  );
  console.log(`  floor (read + parse every package.json once)  ${f(floor)}`);
  console.log(
    `  cold discovery (index off)                    ${f(cold)}  (${result.coldOverFloor.toFixed(2)}x floor)`,
  );
  console.log(
    `  warm discovery (index)                        ${f(warm)}  (${(result.warmOverCold * 100).toFixed(1)}% of cold)`,
  );
  console.log(
    `  CPU time: floor ${f(floorCpu)}, cold ${f(coldCpu)} (${(coldCpu / floorCpu).toFixed(2)}x), warm ${f(warmCpu)}`,
  );
  // Through the index for real: the app is written once, before the index, and never again.
  console.log(`  first hooked call, fresh process, index warm  ${f(firstWarm.firstCallMs)}`);
  console.log(`  first hooked call, fresh process, index off   ${f(firstCold.firstCallMs)}`);
  for (const [target, met] of Object.entries(result.targets))
    console.log(`  target ${target}: ${met ? "met" : "MISSED"}`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  if (args.keep) console.log(`  kept ${app}`);
  else rmSync(app, { recursive: true, force: true });
}
