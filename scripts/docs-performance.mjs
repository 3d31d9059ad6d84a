// Renders the benchmark results (bench/results/*.json, written by `npm run bench`) as the
// performance page. The tables and the SVG chart come from the benchmark's own renderer
// (bench/render.js), run on a scratch copy of each results file, so the page and
// bench/results/results.md can never disagree and bench/ is never written to.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { missingDataPage } from "./docs-fallback.mjs";
import { generatedNote, vPre } from "./docs-md.mjs";
import { generated, inputs, repo } from "./docs-paths.mjs";

const FRONTMATTER = "---\npageClass: wide-page\naside: false\n---\n";
const TITLE = "Performance";
const scratch = `${repo}.cache/docs-bench/`;

export async function performancePage(dir = inputs.benchResults, assets = generated.benchAssets) {
  const json = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : [];
  // Only full runs of the benchmark suite (its schema: machine + per-call groups).
  const runs = json.filter((f) => {
    const data = JSON.parse(readFileSync(`${dir}${f}`, "utf8"));
    return Array.isArray(data.calls) && data.machine !== undefined;
  });
  if (runs.length === 0) {
    return missingDataPage({
      title: TITLE,
      what: "The benchmark results (tables and chart)",
      source: "bench/results/*.json",
      command: "npm run bench",
    });
  }
  const { render } = await import(pathToFileURL(`${repo}bench/render.js`).href);
  mkdirSync(assets, { recursive: true });
  const sections = runs.map((file, i) => {
    const work = `${scratch}${i}/`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    copyFileSync(`${dir}${file}`, `${work}${file}`);
    const { markdown } = render(`${work}${file}`);
    const chart = file.replace(/\.json$/, ".svg");
    copyFileSync(`${work}chart.svg`, `${assets}${chart}`);
    return markdown
      .replace(/^# .*\n/, `## Run: \`bench/results/${file}\`\n`)
      .replace(/^## /gm, "### ")
      .replace(/^### Run:/m, "## Run:")
      .replace(/!\[([^\]]*)\]\(chart\.svg\)/, `![$1](/bench/${chart})`);
  });
  return [
    FRONTMATTER,
    generatedNote("bench/results/", "npm run bench"),
    `# ${TITLE}\n`,
    "What a hooked call costs, measured by `npm run bench` side by side with the hand-written " +
      "limit (`limit`: a wrapper compiled for the exact hook list), a plain loop over the hook " +
      "objects, and the peers tapable, hookable and before-after-hook. Lower is better. This " +
      "page is generated from `bench/results/` when the docs are built; the machine and " +
      "Node.js version are given with each run.\n",
    ...sections.map((s) => vPre(s)),
  ].join("\n");
}
