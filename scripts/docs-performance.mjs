// Renders the benchmark results (bench/results/*.json and the SVG chart beside them,
// written by `npm run bench`) as the performance page.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { missingDataPage } from "./docs-fallback.mjs";
import { cell, generatedNote, table, vPre } from "./docs-md.mjs";
import { generated, inputs } from "./docs-paths.mjs";

const TITLE = "Performance";

export function performancePage(dir = inputs.benchResults, assets = generated.benchAssets) {
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  const json = files.filter((f) => f.endsWith(".json"));
  if (json.length === 0) {
    return missingDataPage({
      title: TITLE,
      what: "The benchmark results (tables and chart)",
      source: "bench/results/*.json",
      command: "npm run bench",
    });
  }
  // Vite serves images from docs/public/; copying keeps bench/ the single source.
  const charts = files.filter((f) => f.endsWith(".svg"));
  mkdirSync(assets, { recursive: true });
  for (const svg of charts) copyFileSync(`${dir}${svg}`, `${assets}${svg}`);
  const sections = json.map((f) => renderResult(f, JSON.parse(readFileSync(`${dir}${f}`, "utf8"))));
  return [
    generatedNote("bench/results/", "npm run bench"),
    `# ${TITLE}\n`,
    "What a hooked call costs, measured side by side with its peers by `npm run bench`. " +
      "This page is generated from `bench/results/` when the docs are built.\n",
    ...charts.map((svg) => `![Benchmark chart: ${cell(svg)}](/bench/${svg})\n`),
    vPre(sections.join("\n")),
  ].join("\n");
}

function renderResult(file, data) {
  const rows = data.results ?? data.rows ?? (Array.isArray(data) ? data : []);
  const meta = [data.machine, data.node ?? data.nodeVersion, data.date ?? data.generatedAt]
    .filter(Boolean)
    .map((m) => cell(typeof m === "string" ? m : JSON.stringify(m)));
  const head = `## ${cell(data.title ?? file.replace(/\.json$/, ""))}\n\n${meta.length ? `Measured on: ${meta.join(", ")}.\n` : ""}`;
  if (rows.length === 0) return head;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `${head}\n${table(
    keys.map(cell),
    rows.map((r) => keys.map((k) => cell(r[k]))),
  )}\n`;
}
