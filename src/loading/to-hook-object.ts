import { PlughooksError, type ProblemSite } from "../errors/index.js";
import { briefly } from "../text/briefly.js";
import { typeName } from "../text/type-name.js";

/** A hook object ready to run, with what it offers decided once. */
export interface HookInstance {
  readonly hook: { pre?: (...args: unknown[]) => unknown; post?: (...args: unknown[]) => unknown };
  readonly hasPre: boolean;
  readonly hasPost: boolean;
}

/**
 * Turns a loaded export into a hook object: a constructor (a function with a `prototype`,
 * such as a class) is instantiated with `new` and no arguments, an object is used as it is.
 * `pre` and `post` are optional but, when present, must be functions.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_CONSTRUCTOR_THREW` or `ERR_INVALID_HOOK_OBJECT`.
 *
 * @internal
 */
export function toHookObject(value: unknown, site: ProblemSite): HookInstance {
  let hook: unknown = value;
  if (typeof value === "function") {
    if (value.prototype === undefined) {
      throw new PlughooksError(
        "ERR_INVALID_HOOK_OBJECT",
        "the export is a function that is not a constructor (an arrow or bound function); export a class or an object with pre/post",
        { site },
      );
    }
    try {
      hook = new (value as new () => unknown)();
    } catch (error) {
      throw new PlughooksError(
        "ERR_CONSTRUCTOR_THREW",
        `the constructor threw: ${briefly(error)}`,
        { site, cause: error },
      );
    }
  }
  return checkHookObject(hook, site);
}

/**
 * Checks that `hook` is an object whose `pre` and `post`, where present, are functions.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_INVALID_HOOK_OBJECT`.
 *
 * @internal
 */
export function checkHookObject(hook: unknown, site: ProblemSite): HookInstance {
  if (typeof hook !== "object" || hook === null) {
    throw new PlughooksError(
      "ERR_INVALID_HOOK_OBJECT",
      `the export is ${typeName(hook)}; expected a class or an object with pre/post`,
      {
        site,
      },
    );
  }
  const { pre, post } = hook as { pre?: unknown; post?: unknown };
  for (const [phase, method] of [
    ["pre", pre],
    ["post", post],
  ] as const) {
    if (method !== undefined && typeof method !== "function") {
      throw new PlughooksError(
        "ERR_INVALID_HOOK_OBJECT",
        `"${phase}" is ${typeName(method)}, not a function`,
        { site },
      );
    }
  }
  return {
    hook: hook as HookInstance["hook"],
    hasPre: pre !== undefined,
    hasPost: post !== undefined,
  };
}
