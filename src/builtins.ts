/**
 * The Node built-in modules the runtime uses, taken with `process.getBuiltinModule` (Node
 * >= 20.16) instead of `import ... from "node:fs"`. Why: an ES import of a built-in builds
 * its whole namespace, and `node:fs`'s includes the lazy `promises` getter, which loads
 * fs/promises, streams and more: about 2.5 ms of start-up that plughooks never uses.
 * Importing plughooks must cost the host as little as possible. For the same reason `node:os`
 * is not here: its one user takes it on first use (config/environment.ts).
 */
export const fs = process.getBuiltinModule("node:fs");
export const util = process.getBuiltinModule("node:util");
