// Bundles the published JavaScript with esbuild. Types come from tsc.
//
// - `plughooks` (`dist/index.js`) is ONE file at import: Node's ES module loader pays per file,
//   and importing the library must cost the host as little as possible (one file instead of
//   five measured about 4 ms less). It holds what import, createHooks and addHook run.
// - `dist/first-call.js` holds the rest (discovery, identity, allow/deny, the lock, loading):
//   the main file `require()`s it on the first hooked call or `load()` (see
//   src/hooks/first-call-code.ts). Every module it shares with the main file it takes FROM the
//   main file (the internal `__shared` export), so every class stays single (an error from
//   `plughooks/loading` is an instanceof the `PlughooksError` of `plughooks`).
// - `plughooks/entry-points` and `plughooks/loading` are a few lines that re-export from the
//   first-call file's `__entryPoints` and `__loading` namespaces.
// - The CLI (`dist/cli/bin.js`) is a process of its own: one self-contained file.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const repo = new URL("../", import.meta.url).pathname;
const outdir = join(repo, "dist");
const keepTypes = process.argv.includes("--keep");
const sizes = process.argv.includes("--sizes");
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
  // Shorter syntax (folded constants, dropped dead branches, `a ?? b` kept as is) without
  // renaming or joining lines: about 5% fewer bytes at import, stack traces still readable.
  minifySyntax: true,
  logLevel: "warning",
};

/** The subpaths re-exported from the first-call file, with the namespace each travels under. */
const subpaths = [
  { entry: "src/entry-points/index.ts", out: "entry-points/index.js", ns: "__entryPoints" },
  { entry: "src/loading/index.ts", out: "loading/index.js", ns: "__loading" },
];
/** The code the main file loads on first use (see src/hooks/first-call-code.ts). */
const firstCall = "src/first-call.ts";

/** The names each module exports (esbuild's metafile lists them), by path from the repo. */
async function exportsOf(entries) {
  const probe = await build({
    ...common,
    entryPoints: entries.map((entry) => join(repo, entry)),
    outdir: join(outdir, "probe"),
    write: false,
    metafile: true,
  });
  const names = new Map();
  for (const output of Object.values(probe.metafile.outputs)) {
    if (output.entryPoint) names.set(relative(repo, join(repo, output.entryPoint)), output.exports);
  }
  return names;
}

const mainEntry = 'export * from "./src/index.ts";';
const mainOptions = { ...common, define: { PLUGHOOKS_FIRST_CALL: '"./first-call.js"' } };
const stdin = (contents) => ({ contents, resolveDir: repo, sourcefile: "entry.ts", loader: "ts" });

// The modules in the main file: the first-call file takes them from it, not a copy of its own.
const probeMain = await build({
  ...mainOptions,
  stdin: stdin(mainEntry),
  write: false,
  metafile: true,
});
// Modules without classes or state, which the first-call file may hold a copy of: sharing
// them would keep every one of their exports in the main file, used there or not.
const copied = new Set([
  "src/config/index.ts",
  "src/config/environment.ts",
  "src/config/load-config.ts",
  "src/config/notification-variables.ts",
  "src/hooks/call-plan.ts",
  "src/loading/to-hook-object.ts",
  "src/runtime/permissions.ts",
  "src/text/printable.ts",
]);
const shared = Object.keys(probeMain.metafile.inputs)
  .filter((input) => input.startsWith("src/") && input.endsWith(".ts") && !copied.has(input))
  .sort();
const sharedExports = await exportsOf(shared);
const sharedIndex = new Map(shared.map((input, k) => [input, k]));

// `__shared` (internal): every shared module's namespace, by index, for the first-call file.
await build({
  ...mainOptions,
  stdin: stdin(
    [
      mainEntry,
      ...shared.map((input, k) => `import * as s${k} from "./${input}";`),
      `export const __shared = [${shared.map((_, k) => `s${k}`).join(", ")}];`,
    ].join("\n"),
  ),
  outfile: join(outdir, "index.js"),
  metafile: sizes,
}).then(({ metafile }) => {
  // `--sizes`: what each source module weighs in the main file, largest first.
  if (!metafile) return;
  const [output] = Object.values(metafile.outputs);
  const rows = Object.entries(output.inputs).sort(
    (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
  );
  for (const [input, { bytesInOutput }] of rows)
    console.log(String(bytesInOutput).padStart(6), input);
});

/** Resolves every shared module, in the first-call build, to its namespace in the main file. */
const fromMainFile = {
  name: "from-main-file",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.namespace === "shared") return { path: args.path, external: true };
      const input = relative(repo, join(args.resolveDir, args.path.replace(/\.js$/, ".ts")));
      return sharedIndex.has(input) ? { path: input, namespace: "shared" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "shared" }, (args) => {
      const names = sharedExports.get(args.path) ?? [];
      return {
        contents:
          `import { __shared } from "./index.js";\n` +
          (names.length === 0
            ? "export {};\n"
            : `export const { ${names.join(", ")} } = __shared[${sharedIndex.get(args.path)}];\n`),
        loader: "js",
      };
    });
  },
};

await build({
  ...common,
  // The lock's code is a file of its own, loaded when a lock applies (src/loading/lock-code.ts).
  define: { PLUGHOOKS_LOCK_CODE: '"./lock.js"' },
  stdin: stdin(
    [
      `export * from "./${firstCall}";`,
      ...subpaths.map((s) => `export * as ${s.ns} from "./${s.entry}";`),
    ].join("\n"),
  ),
  plugins: [fromMainFile],
  outfile: join(outdir, "first-call.js"),
});

// `dist/lock.js`: the plugin lock's code, which the first-call file `require()`s only when a
// lock applies. Its shared modules come from the main file too (one copy of each class).
await build({
  ...common,
  entryPoints: [join(repo, "src/lock/index.ts")],
  plugins: [fromMainFile],
  outfile: join(outdir, "lock.js"),
});

/**
 * The self-contained files (the CLI, `plughooks/notifications`) carry the lock's code: there
 * is no `lock.js` beside them, and their classes must stay their own. `lockCode()` there
 * returns the lock module bundled in, instead of requiring a file (see src/loading/lock-code.ts).
 */
const lockBundledIn = {
  name: "lock-bundled-in",
  setup(b) {
    b.onResolve({ filter: /\/lock-code\.js$/ }, (args) => ({
      path: join(args.resolveDir, args.path),
      namespace: "lock-bundled-in",
    }));
    b.onLoad({ filter: /.*/, namespace: "lock-bundled-in" }, () => ({
      contents: `import { openLockGate } from "./src/lock/index.ts";\nconst lock = { openLockGate };\nexport const lockCode = () => lock;\n`,
      resolveDir: repo,
      loader: "ts",
    }));
  },
};

const subpathExports = await exportsOf(subpaths.map((s) => s.entry));
for (const s of subpaths) {
  const names = subpathExports.get(s.entry) ?? [];
  if (names.length === 0) throw new Error(`bundle: no exports found for ${s.entry}`);
  const file = join(outdir, s.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `// Re-exports of the copy bundled in plughooks' first-call file (one copy of each class).
import { ${s.ns} as m } from "../first-call.js";
export const { ${names.join(", ")} } = m;
`,
  );
}

await build({
  ...common,
  entryPoints: [join(repo, "src/cli/bin.ts")],
  plugins: [lockBundledIn],
  outfile: join(outdir, "cli/bin.js"),
});

// `plughooks/notifications`: a file of its own, so that importing `plughooks` never loads it.
// It carries its own copy of the shared layers; plughooks' errors are recognised across
// copies by their brand (see src/errors/brand.ts), so nothing depends on class identity.
await build({
  ...common,
  entryPoints: [join(repo, "src/notifications/index.ts")],
  plugins: [lockBundledIn],
  outfile: join(outdir, "notifications/index.js"),
});
