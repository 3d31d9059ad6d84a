export { isFatalHookError, PLUGHOOKS_ERROR } from "./brand.js";
export { FatalHookError } from "./fatal-hook-error.js";
export { PluginLoadError, type Problem, problem, type Warning, warning } from "./load-error.js";
export {
  PlughooksError,
  type PlughooksErrorCode,
  type PlughooksWarningCode,
  type ProblemSite,
} from "./plughooks-error.js";
