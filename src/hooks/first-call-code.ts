import type * as FirstCall from "../first-call.js";

/**
 * Where the first-call code is, relative to this module. In the published bundle,
 * `scripts/bundle.mjs` defines it as `"./first-call.js"` (a second file, whose shared classes
 * come from the main file); in the unbundled build it is undefined, and the manager's own
 * module is loaded.
 */
declare const PLUGHOOKS_FIRST_CALL: string | undefined;

let code: typeof FirstCall | undefined;

/**
 * The first-call code (the load manager: discovery, identity, allow/deny, the lock, loading;
 * and the making of call paths), loaded on the first hooked call or `load()`, not at import: importing plughooks must cost the host as
 * little as possible, and most of that code is only needed once plugins are looked for. It is
 * loaded synchronously, with `require()` of an ES module (Node >= 20.19), because a hooked
 * call is synchronous.
 */
export function firstCallCode(): typeof FirstCall {
  if (code === undefined) {
    const file =
      typeof PLUGHOOKS_FIRST_CALL === "string" ? PLUGHOOKS_FIRST_CALL : "../first-call.js";
    const { createRequire } = process.getBuiltinModule("node:module");
    code = createRequire(import.meta.url)(file) as typeof FirstCall;
  }
  return code;
}
