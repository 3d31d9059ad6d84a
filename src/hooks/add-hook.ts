import { type HookFunctionOptions, type HookSource, hookFunction } from "./hooked-function.js";
import type { AddHookOptions, AnyFunction, HookDecorator } from "./types.js";

/**
 * Makes the decorator that `hooks.addHook(name, options)` returns. One function serves the
 * three ways it is used, told apart by their arguments:
 * - TC39 standard decorators call it with `(method, context)`, `context.kind === "method"`;
 * - TypeScript's legacy `experimentalDecorators` with `(prototype, key, descriptor)`;
 * - a plain call with `(fn)` wraps a function.
 */
export function makeHookDecorator(
  source: HookSource,
  name: string,
  options: AddHookOptions = {},
): HookDecorator {
  if (typeof name !== "string" || name === "") throw new TypeError("addHook() needs a hook name");
  // Made once per decorator, not per hooked function: creating a hooked function must be cheap.
  const forMethods: HookFunctionOptions = {
    passFunction: options.passFunction === true,
    passThis: options.passThis ?? true,
  };
  const forFunctions: HookFunctionOptions = {
    passFunction: options.passFunction === true,
    passThis: options.passThis ?? false,
  };
  const settings = (isMethod: boolean): HookFunctionOptions =>
    isMethod ? forMethods : forFunctions;
  function decorator(value: unknown, context?: unknown, descriptor?: unknown): unknown {
    if (isDecoratorContext(context)) {
      if (context.kind !== "method") {
        throw new TypeError(`@addHook("${name}") decorates methods, not a ${context.kind}`);
      }
      return hookFunction(source, name, value as AnyFunction, settings(true));
    }
    if (typeof descriptor === "object" && descriptor !== null) {
      const method = (descriptor as PropertyDescriptor).value;
      if (typeof method !== "function") {
        throw new TypeError(
          `@addHook("${name}") decorates methods, not accessors or fields (on ${String(context)})`,
        );
      }
      return {
        ...descriptor,
        value: hookFunction(source, name, method as AnyFunction, settings(true)),
      };
    }
    if (typeof value === "function" && context === undefined) {
      return hookFunction(source, name, value as AnyFunction, settings(false));
    }
    throw new TypeError(`addHook("${name}") must decorate a method or wrap a function`);
  }
  return decorator as HookDecorator;
}

const isDecoratorContext = (value: unknown): value is { kind: string; name: string | symbol } =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { kind?: unknown }).kind === "string";
