// A hand-written SVG chart of the per-call figures: one panel per mode (sync, async), one
// row per contender, one bar per hook count, on a log scale (the figures span 1 ns to 30 us).
const COLORS = { 0: "#9aa5b1", 1: "#3b82f6", 10: "#1e3a8a" };
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function chartSvg(results) {
  const width = 920;
  const left = 250;
  const right = 60;
  const barH = 7;
  const rowH = 3 * barH + 8;
  const modes = ["sync", "async"];
  const panels = modes.map((mode) => {
    const groups = results.calls.filter((g) => g.mode === mode);
    const ids = groups[0]?.rows.map((r) => [r.id, r.label]) ?? [];
    return { mode, groups, ids };
  });
  const all = results.calls.flatMap((g) => g.rows.map((r) => r.ns));
  const lo = 10 ** Math.floor(Math.log10(Math.min(...all)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const x = (ns) => left + ((width - left - right) * Math.log10(ns / lo)) / Math.log10(hi / lo);
  let y = 40;
  const parts = [];
  const m = results.machine;
  parts.push(
    `<text x="10" y="20" font-size="14" font-weight="bold">plughooks per-call cost (ns per call, log scale; lower is better)</text>`,
  );
  parts.push(
    `<text x="10" y="34" font-size="11" fill="#555">${esc(`${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date.slice(0, 10)}`)}</text>`,
  );
  for (const panel of panels) {
    y += 22;
    parts.push(`<text x="10" y="${y}" font-size="13" font-weight="bold">${panel.mode}</text>`);
    const top = y + 6;
    for (const [id, label] of panel.ids) {
      y += 6;
      parts.push(
        `<text x="${left - 8}" y="${y + rowH / 2}" font-size="11" text-anchor="end">${esc(label)}</text>`,
      );
      for (const [k, n] of [0, 1, 10].entries()) {
        const ns = panel.groups.find((g) => g.n === n)?.rows.find((r) => r.id === id)?.ns;
        if (ns === undefined) continue;
        const by = y + k * barH;
        parts.push(
          `<rect x="${left}" y="${by}" width="${Math.max(1, x(ns) - left).toFixed(1)}" height="${barH - 1}" fill="${COLORS[n]}"><title>${esc(`${label}, ${panel.mode}, N=${n}: ${ns.toFixed(2)} ns`)}</title></rect>`,
        );
        parts.push(
          `<text x="${(x(ns) + 3).toFixed(1)}" y="${by + barH - 1}" font-size="8" fill="#333">${ns < 10 ? ns.toFixed(2) : Math.round(ns)}</text>`,
        );
      }
      y += rowH - 6;
    }
    for (let v = lo; v <= hi; v *= 10) {
      parts.push(
        `<line x1="${x(v).toFixed(1)}" y1="${top}" x2="${x(v).toFixed(1)}" y2="${y}" stroke="#ddd"/>`,
      );
      parts.push(
        `<text x="${x(v).toFixed(1)}" y="${y + 12}" font-size="10" text-anchor="middle" fill="#555">${v >= 1000 ? `${v / 1000}k` : v}</text>`,
      );
    }
    y += 16;
  }
  y += 10;
  [0, 1, 10].forEach((n, k) => {
    parts.push(
      `<rect x="${left + k * 90}" y="${y}" width="12" height="8" fill="${COLORS[n]}"/><text x="${left + k * 90 + 16}" y="${y + 8}" font-size="11">N=${n} hooks</text>`,
    );
  });
  y += 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join("\n")}
</svg>
`;
}
