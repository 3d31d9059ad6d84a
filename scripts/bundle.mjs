// Bundles the published JavaScript with esbuild. Types come from tsc.
//
// - `plughooks` (`dist/index.js`) is ONE file: Node's ES module loader pays per file, and
//   importing the library must cost the host as little as possible (one file instead of five
//   measured about 4 ms less). It also carries the code of the `entry-points` and `loading`
//   subpaths, under two namespace exports, so that
// - `plughooks/entry-points` and `plughooks/loading` are a few lines that re-export from it:
//   every entry shares one copy of each class (an error from `plughooks/loading` is an
//   instanceof the `PlughooksError` of `plughooks`).
// - The CLI (`dist/cli/bin.js`) is a process of its own: one self-contained file.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const repo = new URL("../", import.meta.url).pathname;
const outdir = join(repo, "dist");
const keepTypes = process.argv.includes("--keep");
if (!keepTypes) rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  packages: "external",
  // Readable output (stack traces point at real names and lines), but no comments. No
  // keepNames: its `__name(...)` calls cost about 1 ms at import, and every name a user sees
  // is set explicitly (error classes set `this.name`, hooked functions copy their target's).
  legalComments: "none",
  logLevel: "warning",
};

/** The subpaths re-exported from the main file, with the namespace each travels under. */
const subpaths = [
  { entry: "src/entry-points/index.ts", out: "entry-points/index.js", ns: "__entryPoints" },
  { entry: "src/loading/index.ts", out: "loading/index.js", ns: "__loading" },
];

// The names each subpath exports (esbuild's metafile lists them).
const probe = await build({
  ...common,
  entryPoints: subpaths.map((s) => join(repo, s.entry)),
  outdir: join(outdir, "probe"),
  write: false,
  metafile: true,
});
const exportsOf = (entry) =>
  Object.values(probe.metafile.outputs).find(
    (output) => output.entryPoint && join(repo, output.entryPoint) === join(repo, entry),
  )?.exports ?? [];

await build({
  ...common,
  stdin: {
    contents: [
      'export * from "./src/index.ts";',
      ...subpaths.map((s) => `export * as ${s.ns} from "./${s.entry}";`),
    ].join("\n"),
    resolveDir: repo,
    sourcefile: "plughooks-entry.ts",
    loader: "ts",
  },
  outfile: join(outdir, "index.js"),
});

for (const s of subpaths) {
  const names = exportsOf(s.entry);
  if (names.length === 0) throw new Error(`bundle: no exports found for ${s.entry}`);
  const file = join(outdir, s.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `// Re-exports of the copy bundled in plughooks' main file (one copy of each class).
import { ${s.ns} as m } from "../index.js";
export const { ${names.join(", ")} } = m;
`,
  );
}

await build({
  ...common,
  entryPoints: [join(repo, "src/cli/bin.ts")],
  outfile: join(outdir, "cli/bin.js"),
});

// `plughooks/notifications`: a file of its own, so that importing `plughooks` never loads it.
// It carries its own copy of the shared layers; plughooks' errors are recognised across
// copies by their brand (see src/errors/brand.ts), so nothing depends on class identity.
await build({
  ...common,
  entryPoints: [join(repo, "src/notifications/index.ts")],
  outfile: join(outdir, "notifications/index.js"),
});
