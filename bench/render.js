// Renders a results file as Markdown (results.md) and an SVG chart (chart.svg) beside it:
// `node bench/render.js [bench/results/results.json]`.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chartSvg } from "./lib/chart.js";
import { callGroup, checkTargets } from "./lib/targets.js";

const fmt = (ns) =>
  ns < 10 ? ns.toFixed(2) : ns < 1000 ? ns.toFixed(1) : Math.round(ns).toLocaleString("en-US");
const x = (r) => (r < 10 ? `${r.toFixed(2)}x` : `${Math.round(r)}x`);
const ms = (s) => `${s.median.toFixed(2)} ms (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

/** One table per mode and harness; the "alone" run's tapable row is shown beside the others. */
function callTable(results, mode, harness) {
  const groups = [0, 1, 10].map((n) => {
    const main = callGroup(results.calls, mode, n, harness);
    const solo = callGroup(results.calls, mode, n, harness, true);
    const extra = solo?.rows.filter((r) => r.id === "tapable-solo") ?? [];
    return main && { ...main, rows: [...main.rows, ...extra] };
  });
  if (!groups[0]) return "";
  const lines = [
    `| ${mode}, ${harness === "multi" ? "4 call sites" : "1 call site"} | N=0 ns | ×bare | ×limit | N=1 ns | ×bare | ×limit | N=10 ns | ×bare | ×limit |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const first of groups[0].rows) {
    const cells = groups.map((g) => {
      const r = g?.rows.find((row) => row.id === first.id);
      const bare = g?.rows.find((row) => row.id === "bare");
      const limit = g?.rows.find((row) => row.id === (r?.ref ?? "limit"));
      return r && bare && limit
        ? `${fmt(r.ns)} | ${x(r.ns / bare.ns)} | ${x(r.ns / limit.ns)}`
        : "n/a | | ";
    });
    lines.push(`| ${first.label} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

export function render(file) {
  const results = JSON.parse(readFileSync(file, "utf8"));
  const m = results.machine;
  const out = [];
  out.push("# plughooks benchmark results", "");
  out.push(
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (V8 ${m.v8}), ${m.platform}, ${m.date}${results.quick ? ", **quick mode**" : ""}; whole run ${results.durationSeconds} s.`,
    "",
  );
  out.push(
    "Per call: mitata's median, ns per call, in three fresh processes per scenario, each the best of two rounds (each round in a different order); the figure is the median of the three processes (V8 optimises differently from one process to the next: each process's figure is in results.json, `nsByProcess`; tapable alone runs in one process). ×bare compares with the bare call, ×limit with the `limit` row of the same kind (a decorated method with `limit @decorator` of the same flavour: the limit wrapper applied by a decorator compiled the same way). Each scenario (sync/async × N × harness) runs in its own process, in which every contender but `bare` and `limit` also has 8 sibling hooked functions of its own kind, with their own plugins, called before it is measured (an application has more than one hooked function; code a library shares between them sees them all). `tapable (alone)` is measured in a separate process with no siblings (tapable shares its generated code between hooks with the same taps). Two harnesses: one hooked call site per measured loop, and 4 distinct hooked functions called from one loop (V8's inlining budget is then shared between them; ns are per call). `f(x) = x + 1`; each hook is a distinct object with its own class, and runs `pre` and `post`.",
    "",
  );
  for (const harness of ["single", "multi"]) {
    for (const mode of ["sync", "async"]) {
      const table = callTable(results, mode, harness);
      if (table) out.push(table, "");
    }
  }
  out.push("![per-call cost](chart.svg)", "");

  out.push(
    "## Targets (issue 13)",
    "",
    "| target | status | plughooks | peers (same run) |",
    "|---|---|---|---|",
  );
  for (const t of checkTargets(results))
    out.push(`| ${t.target} | ${t.status} | ${t.figure ?? ""} | ${t.peers ?? ""} |`);
  out.push("");

  if (results.alloc) {
    out.push("## Allocation and promises per call", "");
    out.push("| sync, bytes per call | N=0 | N=1 | N=10 |", "|---|---:|---:|---:|");
    for (const [id, v] of Object.entries(results.alloc.bytesPerCall)) {
      out.push(
        `| ${id} | ${[0, 1, 10].map((n) => (v[n] == null ? "n/a" : v[n].toFixed(1))).join(" | ")} |`,
      );
    }
    out.push(
      "",
      "| async, promises / microtask turns per awaited call | N=0 | N=1 | N=10 |",
      "|---|---:|---:|---:|",
    );
    for (const [id, v] of Object.entries(results.alloc.async)) {
      out.push(
        `| ${id} | ${[0, 1, 10].map((n) => `${v[n].promises} / ${v[n].turns}`).join(" | ")} |`,
      );
    }
    out.push("");
  }
  if (results.startup) {
    const s = results.startup;
    out.push(
      "## Start-up (fresh processes, median (min–max))",
      "",
      "| measure | value |",
      "|---|---:|",
    );
    out.push(`| \`import("plughooks")\` | ${ms(s.importMs)} |`);
    if (s.importEmptyMs)
      out.push(`| \`import()\` of an empty ES module | ${ms(s.importEmptyMs)} |`);
    if (s.importBytes)
      out.push(
        `| JavaScript loaded by the import alone | ${s.importBytes.bytes.toLocaleString("en-US")} bytes in ${s.importBytes.files.length} files (${s.importBytes.files.join(", ")}) |`,
      );
    if (s.firstCall20Ms)
      out.push(
        `| first hooked call, 20 plugins, warm index / \`require()\` of the 20 modules | ${ms(s.firstCall20Ms)} / ${ms(s.require20Ms)} |`,
      );
    if (s.secondCall20Ms)
      out.push(
        `| second hooked call, 20 plugins (compiles the call path the first call ran as a loop) | ${ms(s.secondCall20Ms)} |`,
      );
    out.push(`| \`createHooks\` + \`addHook\` | ${ms(s.createHooksMs)} |`);
    out.push(
      `| first hooked call (discovery through the index + sync load of an ES module plugin) | ${ms(s.firstCallMs)} |`,
      `| first hooked call, index off (\`PLUGHOOKS_INDEX=0\`: a scan) | ${s.firstCallNoIndexMs ? ms(s.firstCallNoIndexMs) : "n/a"} |`,
    );
    out.push(`| second call | ${ms(s.secondCallMs)} |`);
    out.push(
      `| whole process: \`node -e 0\` / with the import | ${s.processEmptyMs.median.toFixed(1)} / ${s.processWithImportMs.median.toFixed(1)} ms |`,
    );
    out.push(
      `| JavaScript loaded (import + first call) | ${s.runtimeBytes.afterFirstCall.toLocaleString("en-US")} bytes in ${s.runtimeBytes.files.length} files${s.runtimeBytes.codeBytes ? `, ${s.runtimeBytes.codeBytes.toLocaleString("en-US")} without comments` : ""}; CLI loaded: ${s.runtimeBytes.cliLoaded ? "yes" : "no"} |`,
    );
    out.push("");
  }
  if (results.memory) {
    const r = results.memory;
    out.push("## Memory (heap retained)", "", "| what | bytes |", "|---|---:|");
    out.push(
      `| per hooked function, no hook, before / after its first call | ${Math.round(r.perHookedFunctionBytes)} / ${Math.round(r.perHookedFunctionAfterCallBytes)} |`,
    );
    if (r.perHookedFunctionCreateMicros != null)
      out.push(
        `| time to create a hooked function (µs) | ${r.perHookedFunctionCreateMicros.toFixed(2)} |`,
      );
    if (r.perHookedFunctionFirstCallMicros != null)
      out.push(
        `| time of its first call, no hook in place (µs: the call path, and the wrapper's bytecode) | ${r.perHookedFunctionFirstCallMicros.toFixed(2)} |`,
      );
    if (r.tapableTwoHooks)
      out.push(
        `| tapable: two SyncHooks (bytes / µs to create) | ${Math.round(r.tapableTwoHooks.bytes)} / ${r.tapableTwoHooks.createMicros.toFixed(2)} |`,
      );
    if (r.perHookedFunctionNoCodegenBytes !== undefined) {
      out.push(
        `| per hooked function, no hook, \`codegen: false\` (shared wrapper closure) | ${Math.round(r.perHookedFunctionNoCodegenBytes)} |`,
      );
    }
    out.push(
      `| per hooked function with one hook, after its first call (generated / loop) | ${Math.round(r.perHookedFunctionOneHookBytes)} / ${Math.round(r.perHookedFunctionOneHookLoopBytes)} |`,
    );
    out.push(
      `| per loaded hook (${r.loadedHooks} registered under one name, after the first call) | ${Math.round(r.perLoadedHookBytes)} |`,
    );
    out.push("");
  }
  if (results.discovery) {
    out.push("## Discovery (ms, median of fresh processes)", "");
    out.push(
      "| packages | entry points | floor (read + parse every package.json) | plughooks cold (no index) | ×floor | warm (index) | warm floor (read + parse the index, one stat per stamp) | floor, JIT warm | cold, JIT warm | ×floor | warm, JIT warm |",
    );
    out.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    const warm = (s) => (s ? s.median.toFixed(2) : results.discovery.warm);
    for (const r of results.discovery.rows) {
      out.push(
        `| ${r.packages.toLocaleString("en-US")} | ${r.entryPoints} | ${r.floorMs.median.toFixed(1)} | ${r.coldMs.median.toFixed(1)} | ${x(r.coldRatio)} | ${warm(r.warmMs)} | ${r.warmFloorMs ? r.warmFloorMs.median.toFixed(2) : "n/a"} | ${r.floorInProcessMs.median.toFixed(1)} | ${r.inProcessMs.median.toFixed(1)} | ${x(r.inProcessRatio)} | ${warm(r.warmInProcessMs)} |`,
      );
    }
    out.push("");
  }
  const markdown = out.join("\n");
  const dir = dirname(file);
  writeFileSync(join(dir, "results.md"), `${markdown}\n`);
  writeFileSync(join(dir, "chart.svg"), chartSvg(results));
  return { markdown };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  render(process.argv[2] ?? fileURLToPath(new URL("results/results.json", import.meta.url)));
}
