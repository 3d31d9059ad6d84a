// Start-up cost: importing plughooks, and createHooks + the first hooked call with a real
// plugin package on disk, each timed in many fresh processes (medians); and the bytes of
// JavaScript the library loads on the runtime path (import, then first call).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sendResult } from "../lib/child.js";
import { quick } from "../lib/options.js";
import { summary } from "../lib/stats.js";

const child = fileURLToPath(new URL("startup-child.js", import.meta.url));
const runs = quick ? 3 : 9;
const once = (mode, env = process.env) =>
  JSON.parse(execFileSync(process.execPath, [child, mode], { encoding: "utf8", env }));
// The first call without the discovery index: a scan of the (small) app on every start.
const noIndex = { ...process.env, PLUGHOOKS_INDEX: "0" };

const times = {
  importEmpty: [],
  firstCall20: [],
  require20: [],
  import: [],
  create: [],
  firstCall: [],
  firstCallNoIndex: [],
  secondCall: [],
  secondCall20: [],
  nodeEmpty: [],
  nodeImport: [],
};
once("first-call"); // warm the OS file cache
once("first-call-20"); // and write the discovery index of the 20-plugin app
once("require-20");
for (let k = 0; k < runs; k++) {
  times.importEmpty.push(once("import-empty").importMs);
  const twenty = once("first-call-20");
  // The row is "through the warm index": a run that rescanned would measure something else.
  if (!twenty.warmIndex) throw new Error("startup: first-call-20 did not go through a warm index");
  times.firstCall20.push(twenty.firstCallMs);
  times.secondCall20.push(twenty.secondCallMs);
  times.require20.push(once("require-20").requireMs);
  times.import.push(once("import").importMs);
  const first = once("first-call");
  times.create.push(first.createMs);
  times.firstCall.push(first.firstCallMs);
  times.secondCall.push(first.secondCallMs);
  times.firstCallNoIndex.push(once("first-call", noIndex).firstCallMs);
  // Wall time of a whole process, with and without the import, for the outside view.
  let t = performance.now();
  execFileSync(process.execPath, ["-e", "0"]);
  times.nodeEmpty.push(performance.now() - t);
  t = performance.now();
  execFileSync(process.execPath, [child, "import"]);
  times.nodeImport.push(performance.now() - t);
}
const bytesImport = once("bytes");
const bytesAtImport = once("bytes-import");
const result = {
  group: "startup",
  importMs: summary(times.import),
  importEmptyMs: summary(times.importEmpty),
  firstCall20Ms: summary(times.firstCall20),
  secondCall20Ms: summary(times.secondCall20),
  require20Ms: summary(times.require20),
  importBytes: {
    bytes: bytesAtImport.bytes,
    files: bytesAtImport.files,
    builtins: bytesAtImport.builtins,
  },
  createHooksMs: summary(times.create),
  firstCallMs: summary(times.firstCall),
  firstCallNoIndexMs: summary(times.firstCallNoIndex),
  secondCallMs: summary(times.secondCall),
  processEmptyMs: summary(times.nodeEmpty),
  processWithImportMs: summary(times.nodeImport),
  runtimeBytes: {
    afterFirstCall: bytesImport.bytes,
    codeBytes: bytesImport.codeBytes,
    files: bytesImport.files,
    builtins: bytesImport.builtins,
    cliLoaded: bytesImport.cliLoaded,
  },
};
process.stderr.write(
  `  import ${result.importMs.median.toFixed(2)} ms, first call ${result.firstCallMs.median.toFixed(2)} ms, ${bytesImport.bytes} bytes\n`,
);
sendResult(result);
