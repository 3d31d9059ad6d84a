// Writes the performance page for the people who use plughooks: what a hooked call costs,
// what changes that cost, and how it compares with the libraries a reader might pick
// instead. Every figure comes from bench/results/results.json (through
// docs-bench-figures.mjs, which the comparison page reads too), and the chart is drawn from
// the same file. The bench's own full tables follow, folded, without its internal targets
// (those live in bench/README.md and bench/results/results.md).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import {
  formatNs,
  formatRatio,
  machineLine,
  nsPerCall,
  PEERS,
  RESULTS,
  readResults,
} from "./docs-bench-figures.mjs";
import { missingDataPage } from "./docs-fallback.mjs";
import { generatedNote, table, vPre } from "./docs-md.mjs";
import { generated, repo } from "./docs-paths.mjs";
import { perCallChart } from "./docs-perf-chart.mjs";

const FRONTMATTER = "---\npageClass: wide-page\naside: false\n---\n";
const TITLE = "Performance";
const scratch = `${repo}.cache/docs-bench/`;
const CHART = "per-call.svg";
const CHART_LABELS = {
  bare: "bare call (no library)",
  "plughooks-nocodegen": "plughooks, codegen: false",
};

const ms = (s) => (s.median < 10 ? s.median.toFixed(1) : Math.round(s.median).toString());
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

export async function performancePage(file = RESULTS, assets = generated.benchAssets) {
  const results = readResults(file);
  if (results === undefined) {
    return missingDataPage({
      title: TITLE,
      what: "The benchmark results (figures and chart)",
      source: "bench/results/results.json",
      command: "npm run bench",
    });
  }
  mkdirSync(assets, { recursive: true });
  const ids = ["bare", "plughooks", "plughooks-nocodegen", ...peerIds(results)];
  writeFileSync(`${assets}${CHART}`, perCallChart(results, ids, CHART_LABELS));
  return [
    FRONTMATTER,
    generatedNote("bench/results/results.json", "npm run bench"),
    `# ${TITLE}\n`,
    summary(results),
    costTable(results),
    affects(results),
    peers(results),
    method(results),
    await fullTables(file),
  ].join("\n");
}

/** Every peer row the run has: `tapable`, and `tapable-solo` when it was also measured alone. */
function peerIds(results) {
  const all = new Set(results.calls.flatMap((g) => g.rows.map((r) => r.id)));
  return PEERS.flatMap((p) => [p, `${p}-solo`]).filter((id) => all.has(id));
}

const at = (results, mode, n, id = "plughooks") => nsPerCall(results, mode, n, id);
/** What one more hook adds, from the 1- and 10-hook figures. */
const perHook = (results, mode) => (at(results, mode, 10) - at(results, mode, 1)) / 9;

function summary(r) {
  const added1 = at(r, "sync", 1) - at(r, "sync", 1, "bare");
  return `A hooked function costs almost nothing while no plugin hooks it, and a few
nanoseconds per hook when plugins do: on the machine below, a plain function with one hook
took ${formatNs(at(r, "sync", 1))} per call, ${formatNs(Math.max(0, added1))} more than the
function alone, and each further hook added about ${formatNs(perHook(r, "sync"))}. What your
plugins do in \`pre\` and \`post\` (logging, a network call) almost always costs far more
than that.

Figures from \`npm run bench\` (${machineLine(r)}). They are regenerated from
\`bench/results/results.json\` whenever the docs are built; the machine's speed matters less
than the ratios, which were all measured in the same run.
`;
}

function costTable(r) {
  const row = (what, mode) => [
    what,
    formatNs(at(r, mode, 0, "bare")),
    ...[0, 1, 10].map((n) => formatNs(at(r, mode, n))),
  ];
  return `## What a hooked call costs

Nanoseconds per call. Each hook runs a \`pre\` and a \`post\` that only store a value, so
the figures are plughooks' own cost, not the plugins'.

${table(
  ["", "not hooked", "hooked, no plugin", "1 hook", "10 hooks"],
  [row("a plain function", "sync"), row("an `async` function", "async")],
  ["left", "right", "right", "right", "right"],
)}
`;
}

function affects(r) {
  const fn = at(r, "sync", 1);
  const std = at(r, "sync", 1, "plughooks-standard");
  const legacy = at(r, "sync", 1, "plughooks-legacy");
  const off1 = at(r, "sync", 1, "plughooks-nocodegen");
  const off10 = at(r, "sync", 10, "plughooks-nocodegen");
  const s = r.startup;
  const m = r.memory;
  const lines = ["## What changes the cost\n"];
  lines.push(
    `- **The number of hooks.** Each hook adds about ${formatNs(perHook(r, "sync"))} to a plain
  function's call and ${formatNs(perHook(r, "async"))} to an \`async\` one, on top of the
  hook's own work.`,
    `- **\`async\` functions.** plughooks awaits each \`pre\` and \`post\` of an \`async\`
  function in turn, so the cost is in microtask turns: ${formatNs(at(r, "async", 1))} with
  one hook against ${formatNs(at(r, "async", 1, "bare"))} for the \`async\` function alone.
  A plain function stays synchronous, whatever its plugins are.`,
  );
  if (off1 !== undefined && off10 !== undefined) {
    lines.push(
      `- **Code generation.** By default each hooked function gets a call path compiled for
  its exact list of hooks (with \`new Function\`). Where a policy forbids that
  (\`codegen: false\`, \`PLUGHOOKS_CODEGEN=0\`, \`--disallow-code-generation-from-strings\`),
  plughooks runs the same rules in a loop: ${formatNs(off1)} with one hook and
  ${formatNs(off10)} with ten (${formatRatio(off1 / fn)} and
  ${formatRatio(off10 / at(r, "sync", 10))} the default). The results are the same; the
  difference shows only in functions called millions of times a second.`,
    );
  }
  if (std !== undefined && legacy !== undefined) {
    lines.push(
      `- **Decorator or wrapper.** A method hooked with a decorator costs about what a wrapped
  function does: ${formatNs(std)} (standard decorators) and ${formatNs(legacy)} (legacy
  \`experimentalDecorators\`) with one hook, against ${formatNs(fn)} for a wrapped function.`,
    );
  }
  lines.push(
    `- **Tracing.** While something subscribes to the \`plughooks:hook\` tracing channel
  (an APM agent, OpenTelemetry), every hook run is published to it, which costs more than
  the figures here; with no subscriber the channel costs nothing.`,
  );
  if (s) {
    lines.push(
      `- **The first call.** Nothing is discovered or loaded before a hooked function is first
  called. That first call finds the installed plugins and loads them: about
  ${ms(s.firstCallNoIndexMs ?? s.firstCallMs)} ms in the bench's small application with one
  plugin, most of it reading package.json files and loading the plugin's module. Later
  calls cost what the table above says. \`import("plughooks")\` itself takes about
  ${ms(s.importMs)} ms in a fresh process. Call \`hooks.load()\` at start-up to pay this
  before the first request.`,
    );
  }
  if (r.discovery?.rows?.length) {
    const rows = r.discovery.rows.map((d) => [
      d.packages.toLocaleString("en-US"),
      `${d.coldMs.median.toFixed(1)} ms`,
      d.warmMs ? `${d.warmMs.median.toFixed(1)} ms` : "n/a",
    ]);
    lines.push(
      `- **How many packages are installed.** Discovery reads the package.json of every
  installed package once, then keeps what it found in an index file, so a later start reads
  one file (fresh processes, median):\n\n${table(
    ["installed packages", "first start (reads every package.json)", "later starts (index)"],
    rows,
    ["right", "right", "right"],
  )
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n")}\n`,
    );
  }
  if (m) {
    lines.push(
      `- **Memory.** A hooked function holds about ${kb(m.perHookedFunctionBytes)} before its
  first call, and each loaded hook about ${kb(m.perLoadedHookBytes)}.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function peers(r) {
  const names = peerIds(r)
    .map((id) => `\`${id}\``)
    .join(", ");
  return `## Against other hook libraries

The same functions and the same hook objects, run through plughooks and through ${names}
(libraries the host wires in code; see [Comparison with alternatives](./comparison)), in the
same run. Lower is better; the scale is logarithmic.

![Nanoseconds per call, plughooks and its peers, sync and async, with 0, 1 and 10 hooks](/bench/${CHART})

The bench gives every library but the bare call eight other hooked functions of its own
kind, called before it is measured, because an application has more than one hooked
function: code a library shares between them sees them all. A library measured in a loop
with a single hooked function can look faster than it will be in an application.
`;
}

function method(r) {
  return `## How these figures were measured

\`npm run bench\` runs each scenario in a fresh Node.js process with
[mitata](https://github.com/evanwashere/mitata) and keeps the best of two rounds'
medians: on a shared machine, noise only ever adds time. This run: ${machineLine(r)}, the
whole suite in ${r.durationSeconds} s. The method, and the targets the project holds itself
to, are in \`bench/README.md\` in the repository.
`;
}

/** The bench's own full tables (bench/render.js, run on a scratch copy), without its targets. */
async function fullTables(file) {
  const { render } = await import(pathToFileURL(`${repo}bench/render.js`).href);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const copy = `${scratch}results.json`;
  copyFileSync(file, copy);
  const { markdown } = render(copy);
  const body = markdown
    .replace(/^# .*\n/, "")
    .replace(/^!\[[^\]]*\]\(chart\.svg\)\n/m, "")
    .replace(/^## Targets[^\n]*\n[\s\S]*?(?=^## |(?![\s\S]))/m, "")
    .replace(/^## /gm, "#### ");
  return `## Every figure of this run

:::: details The bench's full tables (with its internal reference rows, \`limit\` and \`loop\`)
${vPre(body)}
::::
`;
}
