// The targets of issue 6, checked against a results file: each is met, missed or not
// available, with the figure that decides it.
const row = (calls, mode, n, id) =>
  calls.find((g) => g.mode === mode && g.n === n)?.rows.find((r) => r.id === id);

export function checkTargets(results) {
  const out = [];
  const add = (target, met, figure) =>
    out.push({ target, status: met === null ? "n/a" : met ? "met" : "missed", figure });
  const { calls } = results;
  const ratio = (mode, n, id, ref) => {
    const a = row(calls, mode, n, id);
    const b = row(calls, mode, n, ref);
    return a && b ? a.ns / b.ns : null;
  };
  const variants = [
    ["plughooks", "limit", "function"],
    ["plughooks-standard", "limit-standard", "standard decorator"],
    ["plughooks-legacy", "limit-legacy", "legacy decorator"],
  ];
  for (const [id, ref, what] of variants) {
    const r = ratio("sync", 0, id, ref);
    add(
      `0 hooks, sync, ${what}: ≤ 1.5x limit`,
      r === null ? null : r <= 1.5,
      r && `${r.toFixed(2)}x`,
    );
  }
  const bytes = results.alloc?.bytesPerCall;
  for (const [id, , what] of variants) {
    const b = bytes?.[id]?.[0];
    add(
      `0 hooks, ${what}: no allocation per call`,
      b == null ? null : b < 1,
      b == null ? "n/a" : `${b.toFixed(1)} B/call`,
    );
  }
  for (const mode of ["sync", "async"]) {
    for (const n of [1, 10]) {
      for (const [id, ref, what] of variants) {
        const r = ratio(mode, n, id, ref);
        add(
          `${n} hook${n > 1 ? "s" : ""}, ${mode}, ${what}: ≤ 1.3x limit`,
          r === null ? null : r <= 1.3,
          r && `${r.toFixed(2)}x`,
        );
      }
      const t = ratio(mode, n, "plughooks", "tapable");
      add(
        `${n} hook${n > 1 ? "s" : ""}, ${mode}: faster than tapable`,
        t === null ? null : t < 1,
        t && `${t.toFixed(2)}x tapable`,
      );
    }
  }
  const asyncCosts = results.alloc?.async;
  if (asyncCosts) {
    const bare = asyncCosts.bare;
    let ok = true;
    const figures = [];
    for (const n of [0, 1, 10]) {
      const p = asyncCosts.plughooks[n];
      // With post hooks, one continuation after the function's promise is the minimum.
      const allowed = n === 0 ? 0 : 1;
      ok &&= p.promises - bare[n].promises <= allowed && p.turns - bare[n].turns <= allowed;
      figures.push(
        `N=${n}: +${p.promises - bare[n].promises} promise, +${p.turns - bare[n].turns} turn`,
      );
    }
    add(
      "async: no extra promise or microtask (beyond the one post continuation)",
      ok,
      figures.join("; "),
    );
  }
  const s = results.startup;
  if (s) {
    add(
      "import: < 5 ms in a fresh process",
      s.importMs.median < 5,
      `${s.importMs.median.toFixed(2)} ms`,
    );
    add(
      "runtime JavaScript: < 30 kB, no CLI",
      s.runtimeBytes.afterFirstCall < 30720 && !s.runtimeBytes.cliLoaded,
      `${(s.runtimeBytes.afterFirstCall / 1024).toFixed(1)} kB${s.runtimeBytes.codeBytes ? ` (${(s.runtimeBytes.codeBytes / 1024).toFixed(1)} kB without comments)` : ""}`,
    );
  }
  const d = results.discovery;
  if (d) {
    for (const r of d.rows) {
      add(
        `discovery cold, ${r.packages} packages: ≤ 1.5x floor`,
        r.coldRatio <= 1.5,
        `${r.coldRatio.toFixed(2)}x (${r.coldMs.median.toFixed(1)} vs ${r.floorMs.median.toFixed(1)} ms)`,
      );
    }
    const warm = d.rows.filter((r) => r.warmMs);
    add(
      "discovery warm (index), fresh process: < 2 ms",
      warm.length ? warm.every((r) => r.warmMs.median < 2) : null,
      warm.length
        ? warm
            .map(
              (r) =>
                `${r.packages}: ${r.warmMs.median.toFixed(2)} ms (JIT warm ${r.warmInProcessMs.median.toFixed(2)})`,
            )
            .join(", ")
        : d.warm,
    );
  }
  return out;
}
