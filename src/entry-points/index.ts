/**
 * The discovery layer: which packages are installed for an application, and which entry
 * points they declare in their package.json. Usable on its own:
 * `import { entryPoints } from "plughooks/entry-points"`.
 *
 * @packageDocumentation
 */
export { compareEntryPoints, entryPoints } from "./discover.js";
export { type ParsedReference, parseReference } from "./reference.js";
export { findRootDirectory } from "./root.js";
export type { EntryPoint, EntryPointsOptions, EntryPointsResult } from "./types.js";
