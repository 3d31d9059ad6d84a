// One fresh process of the startup bench:
// `node startup-child.js import|import-empty|first-call|first-call-20|require-20|bytes|bytes-import`.
// Prints one JSON line with its timings (ms, from performance.now() inside this process).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { FIRST_GROUP, FIRST_HOOK, firstCallApp, twentyPluginsApp } from "../lib/fixture-apps.js";
import { distIndex, tmpDir } from "../lib/paths.js";

const mode = process.argv[2] ?? "import";
const url = pathToFileURL(distIndex).href;
const out = {};

// The baselines of the import and first-call targets, timed the same way.
if (mode === "import-empty") {
  const empty = join(tmpDir, "empty.mjs");
  writeFileSync(empty, "export {};\n");
  const t0 = performance.now();
  await import(pathToFileURL(empty).href);
  console.log(JSON.stringify({ importMs: performance.now() - t0 }));
  process.exit(0);
}
if (mode === "require-20") {
  const { root, files } = twentyPluginsApp();
  const require = createRequire(join(root, "package.json"));
  const t0 = performance.now();
  for (const file of files) new (require(file).Hook)();
  console.log(JSON.stringify({ requireMs: performance.now() - t0 }));
  process.exit(0);
}

/** Whether a discovery index file under `root` was written at or after `since` (ms). */
function indexWrittenSince(root, since) {
  const folder = join(root, "node_modules", ".cache", "plughooks");
  let names;
  try {
    names = readdirSync(folder);
  } catch {
    return true; // no index folder: no index was used
  }
  return names.some(
    (name) => name.startsWith("discovery-") && statSync(join(folder, name)).mtimeMs >= since - 1,
  );
}

let loaded;
if (mode === "bytes" || mode === "bytes-import") {
  // Record every module the loader loads from here on (this costs time: not in timed runs).
  loaded = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (u) => loaded.add(u));
  port1.unref();
  register("../lib/record-loads.js", import.meta.url, {
    data: { port: port2 },
    transferList: [port2],
  });
}

const twenty = mode === "first-call-20" ? twentyPluginsApp() : undefined;
const root =
  mode === "import" || mode === "bytes-import" ? undefined : (twenty?.root ?? firstCallApp());
const t0 = performance.now();
const { createHooks } = await import(url);
const t1 = performance.now();
out.importMs = t1 - t0;

if (mode === "first-call-20") {
  const hooks = createHooks({ group: FIRST_GROUP, root });
  const f = hooks.addHook(FIRST_HOOK)(function target(x) {
    return x + 1;
  });
  const started = Date.now();
  const t2 = performance.now();
  f(41); // discovery through the warm index, then 20 synchronous loads
  const t3 = performance.now();
  if (globalThis.benchTwentyPre !== 20 || globalThis.benchTwentyPost !== 20)
    throw new Error("the 20 plugins did not all run on the first call");
  // The second call builds the call path the first call did not compile (see runOnce in
  // src/hooks/make-runner.ts): shown beside the first, so that no cost hides between them.
  const t4 = performance.now();
  f(42);
  const t5 = performance.now();
  // Through the warm index: no fixture file was written in this process (a changed mtime
  // makes the index stale) and discovery wrote no index (it rewrites a stale one).
  console.log(
    JSON.stringify({
      firstCallMs: t3 - t2,
      secondCallMs: t5 - t4,
      warmIndex: !twenty.written && !indexWrittenSince(root, started),
    }),
  );
  process.exit(0);
}

if (mode !== "import" && mode !== "bytes-import") {
  const hooks = createHooks({ group: FIRST_GROUP, root });
  const f = hooks.addHook(FIRST_HOOK)(function target(x) {
    return x + 1;
  });
  const t2 = performance.now();
  const r = f(41); // first call: discovery, then a synchronous load of the ES module plugin
  const t3 = performance.now();
  if (r !== 42 || globalThis.benchFirstPre !== 41 || globalThis.benchFirstPost !== 42) {
    throw new Error("the plugin did not run on the first call");
  }
  const t4 = performance.now();
  f(42);
  const t5 = performance.now();
  Object.assign(out, { createMs: t2 - t1, firstCallMs: t3 - t2, secondCallMs: t5 - t4 });
}

if (mode === "bytes" || mode === "bytes-import") {
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the loader thread report
  const dist = new URL("../../dist/", import.meta.url).href;
  // require() of an ES module (how the first hooked call loads dist/first-call.js) does not
  // go through the loader hooks: it is in require.cache.
  for (const file of Object.keys(createRequire(import.meta.url).cache)) {
    loaded.add(pathToFileURL(file).href);
  }
  const files = [...loaded].filter((u) => u.startsWith(dist));
  out.files = files.map((u) => u.slice(dist.length)).sort();
  out.bytes = files.reduce((sum, u) => sum + statSync(fileURLToPath(u)).size, 0);
  // The same code without comments (the shipped files carry their TSDoc) and source-map lines.
  const { default: ts } = await import("typescript");
  out.codeBytes = files.reduce((sum, u) => {
    const text = readFileSync(fileURLToPath(u), "utf8");
    const options = {
      removeComments: true,
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
    };
    return (
      sum + Buffer.byteLength(ts.transpileModule(text, { compilerOptions: options }).outputText)
    );
  }, 0);
  out.builtins = [...loaded].filter((u) => u.startsWith("node:")).sort();
  out.cliLoaded = out.files.some((f) => f.startsWith("cli/"));
}
console.log(JSON.stringify(out));
