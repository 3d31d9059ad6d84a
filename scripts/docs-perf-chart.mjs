// The performance page's chart, drawn from results.json: per-call cost of a hooked function
// with plughooks and with its peers, one panel per mode (sync, async) and hook count. Each
// bar's value is printed in its own column right of the plot, never over a bar or a
// gridline; the scale is logarithmic (the figures span 1 ns to several µs).
import { formatNs, labelOf, nsPerCall } from "./docs-bench-figures.mjs";

const esc = (s) =>
  String(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");

const PANEL_W = 470;
const LABEL_W = 196; // contender names
const VALUE_W = 70; // the value column, right of the plot
const PLOT_W = PANEL_W - LABEL_W - VALUE_W - 16;
const ROW_H = 20;
const BAR_H = 12;
const HEAD_H = 26;
const AXIS_H = 22;
const GAP = 18;

/**
 * @param {object} results the parsed results.json
 * @param {string[]} ids the rows to draw, in order (a row a panel lacks is left out there)
 * @param {Record<string, string>} [labels] names to show instead of the bench's labels
 * @returns {string} the SVG document
 */
export function perCallChart(results, ids, labels = {}) {
  const modes = ["sync", "async"];
  const counts = [0, 1, 10];
  const parts = [];
  // Every panel of a row of panels is as tall as the tallest, so sync and async line up.
  const measured = (mode, n) => ids.filter((id) => nsPerCall(results, mode, n, id) !== undefined);
  const bandRows = counts.map((n) => Math.max(...modes.map((mode) => measured(mode, n).length)));
  let height = 0;
  modes.forEach((mode, col) => {
    const values = counts.flatMap((n) => ids.map((id) => nsPerCall(results, mode, n, id)));
    const present = values.filter((v) => v !== undefined);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...present)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...present)));
    const x0 = col * (PANEL_W + GAP) + LABEL_W;
    const scale = (ns) => (PLOT_W * Math.log10(ns / lo)) / Math.log10(hi / lo);
    let y = 0;
    for (const [band, n] of counts.entries()) {
      const rows = measured(mode, n);
      parts.push(
        `<text x="${col * (PANEL_W + GAP) + 4}" y="${y + 17}" class="h">${mode}, ${n === 0 ? "no hook" : n === 1 ? "1 hook" : `${n} hooks`}</text>`,
      );
      const top = y + HEAD_H;
      const bottom = top + rows.length * ROW_H;
      const next = top + bandRows[band] * ROW_H;
      // Gridlines and their labels, below the plot: nothing else is drawn under them.
      for (let v = lo; v <= hi; v *= 10) {
        const gx = (x0 + scale(v)).toFixed(1);
        parts.push(`<line x1="${gx}" y1="${top}" x2="${gx}" y2="${bottom}" class="g"/>`);
        parts.push(
          `<text x="${gx}" y="${bottom + 14}" class="t" text-anchor="middle">${v >= 1000 ? `${v / 1000} µs` : `${v} ns`}</text>`,
        );
      }
      rows.forEach((id, i) => {
        const ns = nsPerCall(results, mode, n, id);
        const ry = top + i * ROW_H;
        const mine = id.startsWith("plughooks");
        const label = labels[id] ?? labelOf(results, id);
        parts.push(
          `<text x="${x0 - 8}" y="${ry + 14}" class="${mine ? "l m" : "l"}" text-anchor="end">${esc(label)}</text>`,
        );
        parts.push(
          `<rect x="${x0}" y="${ry + (ROW_H - BAR_H) / 2}" width="${Math.max(2, scale(ns)).toFixed(1)}" height="${BAR_H}" class="${mine ? "b m" : "b"}"><title>${esc(`${label}, ${mode}, N=${n}: ${formatNs(ns)}`)}</title></rect>`,
        );
        parts.push(
          `<text x="${x0 + PLOT_W + VALUE_W}" y="${ry + 14}" class="${mine ? "v m" : "v"}" text-anchor="end">${formatNs(ns)}</text>`,
        );
      });
      y = next + AXIS_H + 8;
    }
    height = Math.max(height, y);
  });
  const width = 2 * PANEL_W + GAP;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Nanoseconds per call of a hooked function, plughooks and its peers">
<style>
text { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 12px; fill: #3c3c43; }
.h { font-size: 13px; font-weight: 600; fill: #1f1f24; }
.t { font-size: 10px; fill: #67676c; }
.m { font-weight: 600; fill: #1f1f24; }
.g { stroke: #e2e2e3; stroke-width: 1; }
.b { fill: #a8b1bd; }
.b.m { fill: #3451b2; }
.v { font-variant-numeric: tabular-nums; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
${parts.join("\n")}
</svg>
`;
}
