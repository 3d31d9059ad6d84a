// The compat host application: copied as `host.mjs` into every installed test app and run
// there with the Node under test. It prints one line `COMPAT-RESULT <json>`.
// argv[2] = "discover": print only what discovery found (the index staleness steps use it);
// "load-first": `await hooks.load()` before the first call (what an app does at start-up).
import { createHooks } from "plughooks";
import { entryPoints } from "plughooks/entry-points";

const GROUP = "compat.hooks";
// The runtime running the host: Node, or Bun and Deno with their Node.js compatibility.
const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : process.versions.bun
    ? `bun ${process.versions.bun}`
    : `node ${process.versions.node}`;
const out = { node: process.version, runtime };

if (process.argv[2] === "discover") {
  try {
    const found = entryPoints({ root: import.meta.url, group: GROUP });
    out.entryPoints = found.entryPoints.map(
      (e) => `${e.package}@${e.version} ${e.name}=${e.reference}`,
    );
    out.packagesScanned = found.packagesScanned;
  } catch (error) {
    out.error = String(error?.stack ?? error);
    out.errorCode = error?.code;
  }
} else {
  const events = [];
  globalThis.__compat = events;
  globalThis.__compatCreateHooks = createHooks;
  const logged = [];
  const logger = {
    debug() {},
    info() {},
    warn: (m) => logged.push(`warn: ${m}`),
    error: (m) => logged.push(`error: ${m}`),
  };
  try {
    const hooks = createHooks({ group: GROUP, root: import.meta.url, logger });
    // A plain function stays sync: its plugins (ESM ones too) must load synchronously.
    const resize = hooks.addHook("resize_hook")(function resize(n) {
      events.push(`fn:resize:${JSON.stringify([n])}`);
      return n + 1;
    });
    const build = hooks.addHook("build_hook")(async function build(n) {
      events.push(`fn:build:${JSON.stringify([n])}`);
      return n * 2;
    });
    if (process.argv[2] === "load-first") await hooks.load();
    out.resize = resize(1);
    out.build = await build(2);
    const report = await hooks.load();
    out.loaded = Object.fromEntries(
      [...report.hooks].map(([k, v]) => [k, v.map((h) => h.package)]),
    );
    out.problems = report.problems.map((p) => ({
      code: p.code,
      package: p.package,
      message: p.message,
    }));
  } catch (error) {
    out.error = String(error?.stack ?? error);
    out.errorCode = error?.code;
  }
  out.events = events;
  out.logged = logged;
}
console.log(`COMPAT-RESULT ${JSON.stringify(out)}`);
