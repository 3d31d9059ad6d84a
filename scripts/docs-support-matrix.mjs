// Renders docs/support-matrix.json (written by the compatibility suite, `npm run test:compat`)
// as the support matrix page. The page is never typed by hand.
import { existsSync, readFileSync } from "node:fs";
import { missingDataPage } from "./docs-fallback.mjs";
import { cell, generatedNote, table, vPre } from "./docs-md.mjs";
import { inputs } from "./docs-paths.mjs";

const TITLE = "Support matrix";

export function supportMatrixPage(file = inputs.supportMatrix) {
  if (!existsSync(file)) {
    return missingDataPage({
      title: TITLE,
      what: "The support matrix (package manager x layout x Node.js version)",
      source: "docs/support-matrix.json",
      command: "npm run test:compat",
    });
  }
  const data = JSON.parse(readFileSync(file, "utf8"));
  const cells = normalise(data);
  if (cells.length === 0) throw new Error(`${file}: no result cells found`);
  return render(data, cells);
}

// The suite's cells, read field by field with a few tolerated spellings, so a small change
// of the data file's shape does not silently drop results.
function normalise(data) {
  const list = Array.isArray(data) ? data : (data.cells ?? data.results ?? data.matrix ?? []);
  return list.map((c) => ({
    manager: c.manager ?? c.packageManager ?? c.pm,
    layout: c.layout ?? c.linker ?? c.variant ?? "default",
    node: String(c.node ?? c.nodeVersion ?? "?"),
    kind: c.kind ?? c.plugin ?? c.fixture ?? "all",
    ok: c.ok ?? c.pass ?? (c.status === "pass" || c.status === "ok"),
    reason: c.reason ?? c.note ?? c.error ?? c.message ?? "",
  }));
}

function render(data, cells) {
  const nodes = [...new Set(cells.map((c) => c.node))].sort(byVersion);
  const rows = [...new Set(cells.map((c) => `${c.manager}\u0000${c.layout}`))];
  const summary = rows.map((key) => {
    const [manager, layout] = key.split("\u0000");
    const mine = cells.filter((c) => c.manager === manager && c.layout === layout);
    return [
      cell(manager),
      cell(layout),
      ...nodes.map((node) => {
        const here = mine.filter((c) => c.node === node);
        if (here.length === 0) return "not run";
        const passed = here.filter((c) => c.ok).length;
        return `${passed === here.length ? "✅" : "❌"} ${passed}/${here.length}`;
      }),
    ];
  });
  const failures = cells.filter((c) => !c.ok);
  const kinds = [...new Set(cells.map((c) => c.kind))];
  const meta = data.generatedAt ?? data.date ?? data.timestamp;
  const parts = [
    generatedNote("docs/support-matrix.json", "npm run test:compat"),
    `# ${TITLE}\n`,
    "Which package managers, install layouts and Node.js versions plughooks discovers and " +
      "loads plugins under. Each cell counts the plugin kinds that passed in a real install " +
      "made by the compatibility suite (`npm run test:compat`); this page is generated from " +
      "its data file, `docs/support-matrix.json`, when the docs are built.\n",
    meta ? `Data produced: ${cell(meta)}.\n` : "",
    table(["package manager", "layout", ...nodes.map((n) => `Node ${cell(n)}`)], summary),
    "",
    `Plugin kinds checked in each cell: ${kinds.map((k) => `\`${cell(k)}\``).join(", ")}.\n`,
    "## Failures\n",
    failures.length === 0
      ? "None: every cell that ran passed.\n"
      : table(
          ["package manager", "layout", "Node", "plugin kind", "reason"],
          failures.map((c) => [c.manager, c.layout, c.node, c.kind, c.reason].map(cell)),
        ),
  ];
  return vPre(parts.join("\n"));
}

function byVersion(a, b) {
  return Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b);
}
