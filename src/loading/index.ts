/**
 * The loading layer: turns an {@link EntryPoint} into the object it names, safely, like
 * stevedore's extension managers. `import { loadEntryPoint } from "plughooks/loading"`.
 *
 * @packageDocumentation
 */
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
export { type CompileGuard, importModule, type LoadedModule } from "./import-module.js";
export { type LoadOutcome, loadEntryPoint } from "./load-entry-point.js";
export {
  type Admission,
  createLoadManager,
  type Discovered,
  type DiscoveryOptions,
  type LoadManager,
  type LoadManagerOptions,
  type ManagedLoad,
} from "./manager.js";
export { pickExport } from "./pick-export.js";
export { plughooksCopyOf, separatePlughooksCopy } from "./plughooks-copy.js";
export { needsPreImport, preImport } from "./pre-import.js";
export { resolveModuleFile, siteOf } from "./resolve-module.js";
export { checkHookObject, type HookInstance, toHookObject } from "./to-hook-object.js";
