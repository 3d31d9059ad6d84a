import { isAsyncFunction, type RunHook } from "./call-plan.js";
import { firstCallCode } from "./first-call-code.js";
import { onTracingChange } from "./tracing.js";
import type { AnyFunction, Logger } from "./types.js";
import { type FastPath, MAX_GENERATED_ARITY, wrapperFor } from "./wrapper.js";

/**
 * The own, read-only property every hooked function carries with its hook name, as Nova's
 * `__hook_name__`. Read it with {@link hookNameOf}.
 */
export const HOOK_NAME: unique symbol = Symbol.for("plughooks.hookName");

/** What a hooked function needs from its registry. */
export interface HookSource {
  readonly group: string;
  readonly logger: Logger;
  readonly codegen: boolean;
  /** Milliseconds to wait for a hook's promise (the `hookTimeout` option), or undefined. */
  readonly hookTimeout: number | undefined;
  /** The hooks in place for `name`, discovering and loading them on first use. */
  hooksFor(name: string): readonly RunHook[];
  /**
   * Whether the hooks of `name` are being loaded right now: a call made from a plugin's
   * constructor or module top level while it is loaded for this very name.
   */
  isLoading?(name: string): boolean;
  /** Remembers `state`, so that `reset()` and `register()` can drop its call paths. */
  track(name: string, state: HookedState): void;
}

/** The per-function state behind one hooked function, as its registry sees it. */
export interface HookedState {
  /** Drops the call paths built so far: the next call builds them again from the hooks in place. */
  invalidate(): void;
}

/** Options of {@link hookFunction}. */
export interface HookFunctionOptions {
  readonly passFunction: boolean;
  readonly passThis: boolean;
}

/**
 * Everything behind one hooked function. Creating a hooked function makes this object and
 * takes a wrapper from a batch compiled ahead (see wrapperFor), nothing else: no call path is
 * compiled and nothing is registered. The wrapper reads `k` and `r` on every call. The first call builds the call path for the declared
 * number of arguments and registers for invalidation.
 */
export class CallPaths implements HookedState, FastPath {
  /** The argument count of the fast path `r`; -1 until built (and after invalidation). */
  k = -1;
  r: AnyFunction | undefined = undefined;
  /** Call paths for argument counts other than `k`, built on demand. */
  others: Map<number, AnyFunction> | undefined = undefined;
  tracked = false;

  constructor(
    readonly source: HookSource,
    readonly name: string,
    readonly target: AnyFunction,
    readonly options: HookFunctionOptions,
    /** The declared parameter count the wrapper was made for. */
    readonly arity: number,
  ) {}

  invalidate(): void {
    // The wrapper keeps the old call path until the next call replaces it: another function
    // there would make its call site megamorphic. `k = -1` sends every call to otherCall.
    this.k = -1;
    this.others = undefined;
  }

  /** The call path for `count` arguments, built now if needed. */
  pathFor(count: number): AnyFunction | undefined {
    const cached = count === this.k ? this.r : this.others?.get(count);
    if (cached !== undefined) return cached;
    const { source, name } = this;
    // Called from a plugin's constructor or module top level while that plugin is loaded
    // for this name: run the function with no hooks, build nothing (the next call, once the
    // load is done, builds the call path with every hook).
    if (source.isLoading?.(name) === true || loading.has(this)) return undefined;
    let hooks: readonly RunHook[];
    loading.add(this);
    try {
      hooks = source.hooksFor(name);
    } finally {
      loading.delete(this);
    }
    const first = !this.tracked;
    if (first) {
      this.tracked = true;
      source.track(name, this);
      trackForTracing(this);
    }
    let run: AnyFunction;
    try {
      // The first call that runs plugins runs them through the loop, compiling nothing
      // (see runOnce); the next call builds the call path.
      const once = first ? firstCallCode().runOnce(this, hooks) : undefined;
      if (once !== undefined) return once;
      run = firstCallCode().makeRunner(this, hooks, count);
    } catch (error) {
      // No first-call code (a Node without require(esm)): with no hooks to run, the function
      // runs as itself; the registry has logged why no plugin runs.
      if (hooks.length === 0) return undefined;
      throw error;
    }
    if (count === this.arity) {
      this.r = run;
      this.k = count;
    } else {
      this.others ??= new Map();
      this.others.set(count, run);
    }
    return run;
  }
}

/** The hooked functions whose first call is under way (re-entrant calls run unhooked). */
const loading = new Set<CallPaths>();

/**
 * Every call that does not take the fast path: the first call, calls with another argument
 * count than declared, calls after `reset()`, and every call without code generation.
 */
function otherCall(state: CallPaths, self: unknown, ...args: unknown[]): unknown {
  let run: AnyFunction | undefined;
  try {
    run = state.pathFor(args.length);
  } catch (error) {
    // strict mode: a load failure is the caller's error (a rejection, for async functions)
    if (isAsyncFunction(state.target)) return Promise.reject(error);
    throw error;
  }
  if (run === undefined) return Reflect.apply(state.target, self, args);
  return Reflect.apply(run, undefined, [self, ...args]);
}

/**
 * Wraps `target` as the hook point `name`. The wrapper only picks the call path for the
 * number of arguments it got; everything else (which hooks, sync or async, what hooks
 * receive) was decided when that call path was made, on the first call.
 */
export function hookFunction<F extends AnyFunction>(
  source: HookSource,
  name: string,
  target: F,
  options: HookFunctionOptions,
): F {
  if (typeof target !== "function")
    throw new TypeError(`addHook("${name}") can only wrap a function`);
  // A class (or a built-in constructor) has a read-only `prototype`; it cannot be called
  // without `new`, and a hooked function is not a constructor: hook a factory or a method.
  if (Object.getOwnPropertyDescriptor(target, "prototype")?.writable === false)
    throw new TypeError(
      `addHook("${name}") cannot hook a class (${target.name || "anonymous"}); hook a method or a factory function`,
    );
  const declared = target.length;
  const arity = Math.min(declared, MAX_GENERATED_ARITY);
  const fnName = typeof target.name === "string" ? target.name : "";
  const state = new CallPaths(source, name, target, options, arity);
  let hooked = source.codegen ? wrapperFor(arity, fnName, state, otherCall) : undefined;
  if (hooked === undefined) {
    // Without code generation: one shared closure for every hooked function (CSP-safe).
    hooked = {
      [fnName](this: unknown, ...args: unknown[]) {
        return otherCall(state, this, ...args);
      },
    }[fnName]!;
  }
  if (hooked.length !== declared)
    Object.defineProperty(hooked, "length", { value: declared, configurable: true });
  Object.defineProperty(hooked, HOOK_NAME, { value: name });
  return hooked as F;
}

// Hooked functions with a call path, to rebuild when tracing starts or stops. Weak, so that
// hooked functions made and dropped at run time can be collected.
const built = new Set<WeakRef<CallPaths>>();
const forget = new FinalizationRegistry<WeakRef<CallPaths>>((ref) => built.delete(ref));
let listening = false;

function trackForTracing(state: CallPaths): void {
  const ref = new WeakRef(state);
  built.add(ref);
  forget.register(state, ref);
  if (listening) return;
  listening = true;
  onTracingChange(() => {
    for (const ref of built) ref.deref()?.invalidate();
  });
}

/**
 * The hook name of a hooked function, or undefined for any other value. Lets an
 * application's tests assert that a function is hooked without calling it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hookNameOf } from "plughooks";
 *
 * assert.equal(hookNameOf(ComputeManager.prototype.resizeInstance), "resize_hook");
 * ```
 */
export function hookNameOf(fn: unknown): string | undefined {
  if (typeof fn !== "function") return undefined;
  const name = (fn as { [HOOK_NAME]?: unknown })[HOOK_NAME];
  return typeof name === "string" ? name : undefined;
}
