import { PlughooksError } from "../errors/index.js";
import type * as FirstCall from "../first-call.js";

/**
 * Where the first-call code is, relative to this module. In the published bundle,
 * `scripts/bundle.mjs` defines it as `"./first-call.js"` (a second file, whose shared classes
 * come from the main file); in the unbundled build it is undefined, and the manager's own
 * module is loaded.
 */
declare const PLUGHOOKS_FIRST_CALL: string | undefined;

let code: typeof FirstCall | undefined;
/** Why it could not be loaded: asked once, not on every call. */
let refusal: PlughooksError | undefined;

/**
 * The first-call code (the load manager: discovery, identity, allow/deny, the lock, loading;
 * and the making of call paths), loaded on the first hooked call or `load()`, not at import: importing plughooks must cost the host as
 * little as possible, and most of that code is only needed once plugins are looked for. It is
 * loaded synchronously, with `require()` of an ES module (Node >= 20.19), because a hooked
 * call is synchronous.
 */
export function firstCallCode(): typeof FirstCall {
  if (refusal !== undefined) throw refusal;
  if (code === undefined) {
    const file =
      typeof PLUGHOOKS_FIRST_CALL === "string" ? PLUGHOOKS_FIRST_CALL : "../first-call.js";
    const { createRequire } = process.getBuiltinModule("node:module");
    try {
      code = createRequire(import.meta.url)(file) as typeof FirstCall;
    } catch (error) {
      // Only a Node started with --no-experimental-require-module (engines says >= 20.19):
      // say what is wrong, with the code of the same refusal for an ES module plugin.
      if ((error as { code?: unknown } | null)?.code !== "ERR_REQUIRE_ESM") throw error;
      refusal = new PlughooksError(
        "ERR_REQUIRE_ESM_UNSUPPORTED",
        `plughooks needs require() of ES modules for its first hooked call: drop --no-experimental-require-module (Node ${process.version})`,
        { cause: error },
      );
      throw refusal;
    }
  }
  return code;
}
