/**
 * The loading layer: turns an {@link EntryPoint} into the object it names, safely, like
 * stevedore's extension managers. `import { loadEntryPoint } from "plughooks/loading"`.
 *
 * @packageDocumentation
 */
// Only what a user calls is exported here. The library's own modules import the internals
// (`importModule`, `pickExport`, `toHookObject`, `preImport`...) from their module files;
// those are marked @internal, and stripInternal keeps them out of the declarations.
export {
  type Environment,
  type LoadConfig,
  type LoadOptions,
  type LockOption,
  resolveLoadConfig,
} from "../config/index.js";
export type { EntryPoint } from "../entry-points/index.js";
export type { Warning } from "../errors/index.js";
export { briefly } from "../text/briefly.js";
export { type Identity, IdentityResolver } from "./identity.js";
export type { CompileGuard } from "./import-module.js";
export { type LoadOutcome, loadEntryPoint } from "./load-entry-point.js";
export {
  type Admission,
  createLoadManager,
  type Discovered,
  type LoadManager,
  type LoadManagerOptions,
  type ManagedLoad,
} from "./manager.js";
export { resolveModuleFile } from "./resolve-module.js";
export type { HookInstance } from "./to-hook-object.js";
