// A hand-written SVG chart of the per-call figures: one panel per mode (sync, async) and
// harness (one call site, four), one row per contender, one bar per hook count, on a log
// scale (the figures span 1 ns to 30 µs). Value labels sit right of their bar on a white
// box, drawn after the gridlines, and bars are taller than the label text, so no label
// overlaps a bar, another label or a gridline.
import { callGroup } from "./targets.js";

const COLORS = { 0: "#9aa5b1", 1: "#3b82f6", 10: "#1e3a8a" };
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
const FONT = 9;
const BAR = 12; // taller than the label text, so labels of adjacent bars cannot touch
const CHAR = 5.2; // width of one label character at FONT px, for the label's white box

export function chartSvg(results) {
  const width = 980;
  const left = 250;
  const right = 70; // room for the longest bar's label
  const rowH = 3 * BAR + 10;
  const panels = [];
  for (const harness of ["single", "multi"]) {
    for (const mode of ["sync", "async"]) {
      const groups = [0, 1, 10].map((n) => {
        const main = callGroup(results.calls, mode, n, harness);
        const solo = callGroup(results.calls, mode, n, harness, true);
        return (
          main && {
            n,
            rows: [...main.rows, ...(solo?.rows.filter((r) => r.id === "tapable-solo") ?? [])],
          }
        );
      });
      if (!groups[0]) continue;
      panels.push({
        title: `${mode}, ${harness === "multi" ? "4 hooked call sites in one loop" : "1 call site"}`,
        groups: groups.filter(Boolean),
        ids: groups[0].rows.map((r) => [r.id, r.label]),
      });
    }
  }
  const all = panels.flatMap((p) => p.groups.flatMap((g) => g.rows.map((r) => r.ns)));
  const lo = 10 ** Math.floor(Math.log10(Math.min(...all)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const x = (ns) => left + ((width - left - right) * Math.log10(ns / lo)) / Math.log10(hi / lo);
  let y = 40;
  const grid = [];
  const bars = [];
  const labels = [];
  const m = results.machine;
  labels.push(
    `<text x="10" y="20" font-size="14" font-weight="bold">plughooks per-call cost (ns per call, log scale; lower is better)</text>`,
    `<text x="10" y="34" font-size="11" fill="#555">${esc(`${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date.slice(0, 10)}`)}</text>`,
  );
  for (const panel of panels) {
    y += 24;
    labels.push(
      `<text x="10" y="${y}" font-size="13" font-weight="bold">${esc(panel.title)}</text>`,
    );
    const top = y + 6;
    for (const [id, label] of panel.ids) {
      y += 8;
      labels.push(
        `<text x="${left - 8}" y="${y + (3 * BAR) / 2 + 4}" font-size="11" text-anchor="end">${esc(label)}</text>`,
      );
      for (const [k, n] of [0, 1, 10].entries()) {
        const ns = panel.groups.find((g) => g.n === n)?.rows.find((r) => r.id === id)?.ns;
        if (ns === undefined) continue;
        const by = y + k * BAR;
        const end = Math.max(left + 1, x(ns));
        bars.push(
          `<rect x="${left}" y="${by}" width="${(end - left).toFixed(1)}" height="${BAR - 2}" fill="${COLORS[n]}"><title>${esc(`${label}, ${panel.title}, N=${n}: ${ns.toFixed(2)} ns`)}</title></rect>`,
        );
        const text = ns < 10 ? ns.toFixed(2) : String(Math.round(ns));
        const tx = end + 4;
        labels.push(
          `<rect x="${tx - 1}" y="${by}" width="${(text.length * CHAR + 2).toFixed(1)}" height="${BAR - 2}" fill="#fff"/>`,
          `<text x="${tx.toFixed(1)}" y="${by + BAR - 4}" font-size="${FONT}" fill="#333">${text}</text>`,
        );
      }
      y += rowH - 8;
    }
    for (let v = lo; v <= hi; v *= 10) {
      grid.push(
        `<line x1="${x(v).toFixed(1)}" y1="${top}" x2="${x(v).toFixed(1)}" y2="${y}" stroke="#ddd"/>`,
      );
      labels.push(
        `<text x="${x(v).toFixed(1)}" y="${y + 12}" font-size="10" text-anchor="middle" fill="#555">${v >= 1000 ? `${v / 1000}k` : v}</text>`,
      );
    }
    y += 16;
  }
  y += 10;
  [0, 1, 10].forEach((n, k) => {
    labels.push(
      `<rect x="${left + k * 90}" y="${y}" width="12" height="8" fill="${COLORS[n]}"/><text x="${left + k * 90 + 16}" y="${y + 8}" font-size="11">N=${n} hooks</text>`,
    );
  });
  y += 20;
  // Gridlines first, then bars, then labels (each on its white box) on top.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
${[...grid, ...bars, ...labels].join("\n")}
</svg>
`;
}
