// Cells known to fail, each with the reason found by the suite. A known failure is still
// written to the matrix (status "known-fail", with this reason) but does not fail the run;
// when one starts passing, the run says so, so that it is removed from here.

export const KNOWN_FAILURES = [
  {
    layout: "yarn-pnp",
    nodeMajor: 20,
    kind: "peer-dep",
    reason:
      "Node 20's require() of an ES module resolves that module's own imports with Node's built-in ESM resolver, which Yarn's PnP runtime does not patch (its loader hook serves import() only, and Node 20 has no synchronous module.registerHooks). plughooks loads plugins with require() (src/loading/import-module.ts), so under PnP on Node 20 an ESM plugin that imports any package (here plughooks, as a peer dependency) fails to load on a sync first call. Node >= 22 passes. Checked by hand: an import() of the same file first makes the later require() succeed (one module cache), so hooks.load() now pre-imports each allowed plugin under PnP on Node < 22 (src/loading/pre-import.ts): the load-first column passes; an app on PnP + Node 20 calls `await hooks.load()` at start-up. A sync first call without it cannot work there.",
  },
];

/** The known failure matching a failed kind of a cell, if any. */
export function knownFailure(layoutId, nodeVersion, kind) {
  const major = Number(String(nodeVersion).split(".")[0]);
  return KNOWN_FAILURES.find(
    (k) => k.layout === layoutId && k.nodeMajor === major && k.kind === kind,
  );
}
