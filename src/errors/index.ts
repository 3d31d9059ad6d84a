export { FatalHookError } from "./fatal-hook-error.js";
export { PluginLoadError, type Problem, problem } from "./load-error.js";
export {
  PlughooksError,
  type PlughooksErrorCode,
  type ProblemSite,
} from "./plughooks-error.js";
