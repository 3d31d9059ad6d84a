// Cells known to fail, each with the reason found by the suite. A known failure is still
// written to the matrix (status "known-fail", with this reason) but does not fail the run;
// when one starts passing, the run says so, so that it is removed from here.

export const KNOWN_FAILURES = [
  {
    layout: "yarn-pnp",
    nodeMajor: 20,
    kind: "peer-dep",
    reason:
      "Node 20's require() of an ES module resolves that module's own imports with Node's built-in ESM resolver, which Yarn's PnP runtime does not patch (its ESM loader hook only serves import(), and Node 20 has no synchronous module.registerHooks). plughooks loads plugins with require() only (src/loading/import-module.ts), so an ESM plugin that imports any package (here plughooks, as a peer dependency) fails to load under PnP on Node 20. Node >= 22 passes. Fix: an async loading path (import() of the file URL) for hooks.load() and async hooked functions.",
  },
];

/** The known failure matching a failed kind of a cell, if any. */
export function knownFailure(layoutId, nodeVersion, kind) {
  const major = Number(String(nodeVersion).split(".")[0]);
  return KNOWN_FAILURES.find(
    (k) => k.layout === layoutId && k.nodeMajor === major && k.kind === kind,
  );
}
