// Snapshots of the files and folders a package manager may touch on add/remove/upgrade:
// the evidence behind what the discovery index keys on (see README.md).
import { statSync } from "node:fs";
import { join } from "node:path";

/** Candidate paths, relative to the project root and to the app (workspace package). */
const CANDIDATES = [
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
  "bun.lockb",
  ".pnp.cjs",
  ".pnp.data.json",
  ".pnp.loader.mjs",
  ".yarn/install-state.gz",
  "node_modules",
  "node_modules/.package-lock.json",
  "node_modules/.modules.yaml",
  "node_modules/.pnpm",
  "node_modules/.pnpm/lock.yaml",
  "node_modules/.yarn-state.yml",
  "node_modules/.yarn-integrity",
  "node_modules/.bun",
];

/** `{ "<where>/<path>": "mtimeNs:size:ino" | null }` for root and app. */
export function snapshot(project) {
  const out = {};
  const places =
    project.app === project.root ? { "": project.root } : { "": project.root, "app/": project.app };
  for (const [prefix, dir] of Object.entries(places)) {
    for (const rel of CANDIDATES) {
      const st = statSync(join(dir, rel), { bigint: true, throwIfNoEntry: false });
      out[prefix + rel] = st
        ? `${st.mtimeNs}:${st.isDirectory() ? "dir" : st.size}:${st.ino}`
        : null;
    }
  }
  return out;
}

/** The paths whose stamp differs between two snapshots (created, removed or changed). */
export function changed(before, after) {
  return Object.keys(after).filter((k) => before[k] !== after[k]);
}
