/**
 * The code plughooks loads on the first hooked call or `load()`, not at import (see
 * hooks/first-call-code.ts): the load manager (discovery, identity, allow/deny, the lock,
 * loading) and the making of call paths. `scripts/bundle.mjs` bundles it as
 * `dist/first-call.js`.
 *
 * @module
 */
export { HookLoader } from "./hooks/hook-loader.js";
export { makeRunner, runOnce } from "./hooks/make-runner.js";
export { createLoadManager } from "./loading/manager.js";
