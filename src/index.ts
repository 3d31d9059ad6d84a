/**
 * plughooks: named hooks on an application's functions, fed by plugins that installed npm
 * packages declare in their package.json, with OpenStack Nova's hook semantics.
 *
 * @example
 * ```ts
 * import { createHooks } from "plughooks";
 *
 * export const hooks = createHooks({ group: "nova.hooks", root: import.meta.url });
 * export const build = hooks.addHook("build_hook")(function build(spec: { name: string }) {
 *   return spec.name.length;
 * });
 * ```
 *
 * @packageDocumentation
 */
export type { EntryPoint } from "./entry-points/index.js";
export {
  FatalHookError,
  isFatalHookError,
  PLUGHOOKS_ERROR,
  PlughooksError,
  type PlughooksErrorCode,
  type PlughooksWarningCode,
  PluginLoadError,
  type Problem,
  type ProblemSite,
  type Warning,
} from "./errors/index.js";
export * from "./hooks/index.js";
