// Bundles the published JavaScript with esbuild: each public entry (and the CLI) is one
// file, and code they share goes into shared chunks, so that `plughooks` and its subpaths
// keep one copy of each class (an error from `plughooks/loading` is an instanceof the
// `PlughooksError` of `plughooks`). One file instead of ~40 makes importing the library
// several times faster: Node's ES module loader pays per file. Types come from tsc.
import { rmSync } from "node:fs";
import { build } from "esbuild";

const outdir = new URL("../dist/", import.meta.url).pathname;
const keepTypes = process.argv.includes("--keep");
if (!keepTypes) rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    index: "src/index.ts",
    "entry-points/index": "src/entry-points/index.ts",
    "loading/index": "src/loading/index.ts",
    "notifications/index": "src/notifications/index.ts",
    "cli/bin": "src/cli/bin.ts",
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  packages: "external",
  chunkNames: "chunks/[name]-[hash]",
  // Readable output (stack traces point at real names and lines), but no comments.
  legalComments: "none",
  keepNames: true,
  logLevel: "warning",
});
