// Instructions per hooked call, counted by valgrind: steadier than nanoseconds on a shared
// machine, for comparing two builds of the call path. Not run by `npm run bench`.
//   node bench/call-instructions.mjs [N hooks] [SITES] [RUNS] [DIST...]
// (defaults: 1 hook, 4 call sites, 3 runs, this repository's dist/). Each run counts the
// instructions of two processes that call the hooked functions 200,000 and 1,200,000 times
// after the same warm-up, with V8 on one thread (--single-threaded: its optimising decisions
// then do not race the measured loop); the difference, per call, is the figure. The caller
// calls SITES distinct hooked functions from one loop, each with N hooks of its own class.
// JIT decisions still vary a little between processes: compare means of several runs.
// SHAPE=method: each call site calls a hooked method (`obj.m(x)`, hooks get the receiver),
// as a decorated class method is called.
// Needs valgrind (`apt-get install valgrind`); a run takes about 30 s on 2 cores.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { emptyRoot } from "./lib/plughooks.js";

const self = fileURLToPath(import.meta.url);
const WARM_UP = 200_000;
const MEASURED = 1_200_000;

if (process.argv[2] === "child") {
  const [, , , dist, n, sites, iterations] = process.argv;
  const { makeHooks } = await import("./lib/hook-objects.js");
  const { createHooks } = await import(pathToFileURL(resolve(dist, "index.js")).href);
  const hooks = createHooks({ group: "bench.hooks", root: emptyRoot() });
  const method = process.env.SHAPE === "method";
  const fns = [];
  for (let s = 0; s < Number(sites); s++) {
    for (const hook of makeHooks(Number(n), method ? "method" : "fn"))
      hooks.register(`h${s}`, hook);
    // Each target its own literal, as separate functions of an application are.
    if (method) {
      const Service = new Function(`return class Service${s} { m(x) { return x + 1; } }`)();
      const decorate = hooks.addHook(`h${s}`);
      Service.prototype.m = decorate(Service.prototype.m, { kind: "method", name: "m" });
      fns.push(new Service());
    } else {
      const target = new Function(`return function f${s}(x) { return x + 1; }`)();
      fns.push(hooks.addHook(`h${s}`)(target));
    }
  }
  const call = (k) => (method ? `fns[${k}].m(t)` : `fns[${k}](t)`);
  const calls = fns.map((_, k) => `t = ${call(k)} | 0;`).join(" ");
  const loop = new Function(
    "fns",
    `return (m) => { let t = 0; for (let i = 0; i < m; i++) { ${calls} } return t; };`,
  )(fns);
  for (let w = 0; w < 20; w++) loop(20_000);
  console.log(loop(Number(iterations)));
} else {
  const [n = "1", sites = "4", runs = "3", ...dists] = process.argv.slice(2);
  const targets = dists.length > 0 ? dists : [fileURLToPath(new URL("../dist", import.meta.url))];
  const instructions = (dist, iterations) => {
    const result = spawnSync(
      "valgrind",
      [
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        process.execPath,
        "--single-threaded",
        self,
        "child",
        dist,
        n,
        sites,
        String(iterations),
      ],
      { encoding: "utf8" },
    );
    const refs = /I\s+refs:\s+([\d,]+)/.exec(result.stderr ?? "");
    if (result.status !== 0 || refs === null)
      throw new Error(`valgrind failed (is it installed?): ${result.error ?? result.stderr}`);
    return Number(refs[1].replaceAll(",", ""));
  };
  for (const dist of targets) {
    const figures = [];
    for (let r = 0; r < Number(runs); r++) {
      const counted = instructions(dist, MEASURED) - instructions(dist, WARM_UP);
      figures.push(counted / ((MEASURED - WARM_UP) * Number(sites)));
    }
    const mean = figures.reduce((a, b) => a + b, 0) / figures.length;
    console.log(
      `${dist}: N=${n}, ${sites} call sites${process.env.SHAPE === "method" ? " (methods)" : ""}: ${mean.toFixed(1)} instructions per call (runs: ${figures.map((f) => f.toFixed(1)).join(", ")})`,
    );
  }
}
