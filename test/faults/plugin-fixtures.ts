/**
 * Plugin packages for the fault tests, written by code. The plugin counts its module
 * evaluations and constructions on `globalThis`, so a test can tell one load from many.
 */
import { join } from "node:path";
import { tempDir, writeFile } from "../fuzz/support.js";

export { type Counters, counters } from "./plugin-counters.js";

/**
 * An app with one plugin package, `counted`, whose hook `load` has an async `pre` (a
 * promise each call, so async calls take the awaiting path) and a sync `post`; both record
 * what they saw in `this.seen`.
 */
export function appWithCountedPlugin(): string {
  const app = tempDir();
  writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "app", dependencies: { counted: "*" } }),
  );
  const pkg = join(app, "node_modules", "counted");
  writeFile(
    join(pkg, "package.json"),
    JSON.stringify({
      name: "counted",
      type: "module",
      entryPoints: { faults: { load: "./hooks.js:Counted" } },
    }),
  );
  writeFile(
    join(pkg, "hooks.js"),
    `const counters = (globalThis.__plughooksFaultCounters ??= { evaluations: 0, constructions: 0 });
counters.evaluations++;
export class Counted {
  constructor() {
    counters.constructions++;
    this.pres = 0;
    this.posts = 0;
  }
  async pre(i) {
    await null;
    this.pres++;
  }
  post(result, i) {
    if (result.i !== i) throw new Error("post got another call's result");
    this.posts++;
  }
}
`,
  );
  return app;
}
