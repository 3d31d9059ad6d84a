import type { EntryPoint } from "../entry-points/types.js";
import type { Problem } from "../errors/index.js";

/**
 * A logger plughooks writes to. Console, pino and winston loggers fit as they are: each
 * method is called with one string, which holds the hook name, package and, for errors,
 * the stack. A logger that throws is ignored for that line; it never breaks a call.
 *
 * @example
 * ```ts
 * import pino from "pino";
 * import { createHooks } from "plughooks";
 *
 * const hooks = createHooks({ group: "nova.hooks", logger: pino({ name: "hooks" }) });
 * // or console itself: createHooks({ group: "nova.hooks", logger: console })
 * ```
 */
export interface Logger {
  debug(message: string): unknown;
  info(message: string): unknown;
  warn(message: string): unknown;
  error(message: string): unknown;
}

/** Anything `pre` or `post` may return: its value is ignored, a promise is awaited. */
export type HookReturn = unknown;

/**
 * A hook object: what a plugin's entry point exports (as an object, or as a class that
 * plughooks instantiates with no arguments). Both methods are optional.
 *
 * `Args` are the arguments the hook receives, `Result` what the hooked function returned
 * (awaited, for a function that returns a promise).
 *
 * Hooks get the call's own arguments, not copies, as Nova's hooks got the same Python
 * objects: a `pre` that mutates an object argument (or the receiver) changes what the
 * hooked function sees, and `post` sees the state the call left. Rebinding a parameter
 * inside a hook changes nothing for the call. Pass frozen objects where a plugin must not
 * change them (its attempt then fails, is logged, and the call goes on).
 *
 * @example
 * ```ts
 * import type { HookObject } from "plughooks";
 *
 * export class ResizeAudit implements HookObject<[instanceId: string, size: number], boolean> {
 *   pre(instanceId: string, size: number) { console.log("resizing", instanceId, size); }
 *   post(ok: boolean, instanceId: string) { console.log("resized", instanceId, ok); }
 * }
 * ```
 */
export interface HookObject<Args extends readonly unknown[] = any[], Result = any> {
  /** Runs before the hooked function, with its arguments. */
  pre?(...args: Args): HookReturn;
  /** Runs after the hooked function returned (or its promise resolved), with the result first. */
  post?(result: Result, ...args: Args): HookReturn;
}

/** Any function a hook can be attached to. */
export type AnyFunction = (this: any, ...args: any[]) => any;

/**
 * The hook object type for a hooked plain function `F`.
 *
 * @example
 * ```ts
 * declare function build(spec: { name: string }): number;
 * const audit: HookFor<typeof build> = {
 *   post(id, spec) { console.log(spec.name, "is", id); }, // id: number
 * };
 * ```
 */
export type HookFor<F extends AnyFunction> = HookObject<Parameters<F>, Awaited<ReturnType<F>>>;

/**
 * The hook object type for a hooked method `M` of class `This`: hooks get the instance first,
 * as Nova's hooks got `self`.
 *
 * @example
 * ```ts
 * class ComputeManager { resize(id: string, size: number): boolean { return true; } }
 * const audit: MethodHookFor<ComputeManager, ComputeManager["resize"]> = {
 *   pre(manager, id, size) {},
 *   post(ok, manager, id, size) {},
 * };
 * ```
 */
export type MethodHookFor<This, M extends AnyFunction> = HookObject<
  [self: This, ...Parameters<M>],
  Awaited<ReturnType<M>>
>;

/**
 * The hook object type for a function hooked with `passFunction: true`: the hooked function
 * comes first in both, then (for `post`) the result, then the arguments, as Nova's
 * `pre(f, *args)` and `post(f, rv, *args)`.
 *
 * @example
 * ```ts
 * declare function build(spec: { name: string }): number;
 * const timer: PassFunctionHookFor<typeof build> = {
 *   pre(fn, spec) { console.log(`${fn.name}(${spec.name})`); },
 *   post(fn, id, spec) { console.log(`${fn.name}(${spec.name}) = ${id}`); },
 * };
 * ```
 */
export type PassFunctionHookFor<F extends AnyFunction> = {
  pre?(fn: F, ...args: Parameters<F>): HookReturn;
  post?(fn: F, result: Awaited<ReturnType<F>>, ...args: Parameters<F>): HookReturn;
};

/** Options of {@link Hooks.addHook}. */
export interface AddHookOptions {
  /**
   * Pass the hooked function itself as the first argument of `pre` and `post`, as Nova's
   * `pass_function=True` did: `pre(fn, ...args)`, `post(fn, result, ...args)`. Default `false`.
   */
  readonly passFunction?: boolean;
  /**
   * Pass the receiver (`this`) of the call to the hooks, before the arguments (after the
   * function with `passFunction`), as Nova's hooks got `self`. Default: `true` when
   * `addHook` decorates a method, `false` when it wraps a plain function.
   */
  readonly passThis?: boolean;
}

/**
 * What `hooks.addHook(name)` returns: a TC39 standard method decorator, a legacy
 * (`experimentalDecorators`) method decorator, and a plain function wrapper, in one.
 */
export interface HookDecorator {
  /** Wraps a plain function; the result keeps its `name`, `length` and `this`. */
  <F extends AnyFunction>(fn: F): F;
  /** TC39 standard decorator on a method. */
  <F extends AnyFunction>(fn: F, context: ClassMethodDecoratorContext<any, F>): F;
  /** Legacy `experimentalDecorators` decorator on a method. */
  <D extends PropertyDescriptor>(target: object, key: string | symbol, descriptor: D): D;
}

/**
 * Options of {@link createHooks}. Each can also be set from the environment, where noted;
 * the environment adds to the options (deny lists merge, an allow list restricts).
 *
 * @example
 * ```ts
 * import { createHooks } from "plughooks";
 *
 * export const hooks = createHooks({
 *   group: "nova.hooks",
 *   root: import.meta.url, // this package is the root, wherever the process starts
 *   logger: console,
 *   strict: process.env.CI === "true", // fail fast in the host's CI
 *   deny: ["acme-legacy-audit"],
 * });
 * ```
 */
export interface CreateHooksOptions {
  /** The entry-point group plugins declare their hooks in, e.g. `"nova.hooks"`. Required. */
  readonly group: string;
  /**
   * Where discovery starts: a directory, or a module's file URL or path, whose nearest
   * package.json is the application's root package. Pass `import.meta.url` to make your own
   * package the root wherever the process starts. Default: the nearest package.json above
   * `process.cwd()`.
   */
  readonly root?: string | URL;
  /**
   * Where plughooks reports. Default: warnings and errors to `console.warn`/`console.error`,
   * debug and info through `util.debuglog("plughooks")` (shown with `NODE_DEBUG=plughooks`).
   */
  readonly logger?: Logger;
  /**
   * Throw a {@link PluginLoadError} listing every problem instead of skipping broken plugins.
   * Meant for the host's CI. Also `PLUGHOOKS_STRICT=1`. Default `false`.
   */
  readonly strict?: boolean;
  /**
   * Load plugins only from these packages. Also `PLUGHOOKS_ALLOW=a,b`; when both are given,
   * a package must be in both. Default: every package.
   */
  readonly allow?: readonly string[];
  /**
   * Never load (nor import) plugins from these packages. Merged with `PLUGHOOKS_DENY=a,b`.
   */
  readonly deny?: readonly string[];
  /**
   * Specialise each hooked call path with generated code (`new Function`), the fastest
   * option. Set `false` for hosts whose policy forbids code generation
   * (`--disallow-code-generation-from-strings`, a strict CSP); plughooks also falls back by
   * itself when generation is refused. Also `PLUGHOOKS_CODEGEN=0`. Default `true`.
   */
  readonly codegen?: boolean;
  /**
   * Keep the discovery result in an on-disk index so that a warm start reads one small file
   * instead of every package.json; it is rebuilt whenever an install, removal or upgrade
   * changed anything. Also `PLUGHOOKS_INDEX=0`. Default `true`.
   */
  readonly index?: boolean;
  /**
   * The most time, in milliseconds, plughooks waits for the promise one hook returned
   * before it gives up on that hook: the timeout is logged as an error (naming the hook,
   * phase, package and the timeout) and the call proceeds as if the hook had failed with a
   * non-fatal error. It applies wherever plughooks awaits a hook: the `pre` and `post` hooks
   * of `async` functions, and the `post` hooks of a function that returned a promise. A hook
   * that settles later is not cancelled (JavaScript cannot stop it); a late rejection is
   * logged. Also `PLUGHOOKS_HOOK_TIMEOUT=5000`; when both are set, the shorter wins. `0` or
   * unset: no timeout, as in Nova. At most 2147483647 (the longest timer Node has).
   *
   * @example
   * ```ts
   * // A plugin whose pre hangs cannot hold a request for more than 2 s.
   * const hooks = createHooks({ group: "nova.hooks", hookTimeout: 2000 });
   * ```
   */
  readonly hookTimeout?: number;
  /**
   * The plugin lock, written by `plughooks lock`: while it applies, only entry points listed
   * in it with the same package version, reference and SHA-256 of module file and
   * package.json are loaded; any other is refused before it is imported and reported as an
   * `ERR_PLUGIN_LOCKED_OUT` problem saying what differs (new plugin, changed file, changed
   * version). `true` requires `<root>/plughooks.lock.json` (without it nothing loads); a
   * string requires the lock at that path (relative to the root); `false` ignores a present
   * lock. Also `PLUGHOOKS_LOCK=1|0|path`; a requirement from either side wins over `false`.
   * Default: the lock is used when `<root>/plughooks.lock.json` exists.
   *
   * @example
   * ```ts
   * // Production: refuse to run any plugin code the operator did not approve.
   * const hooks = createHooks({ group: "nova.hooks", root: import.meta.url, lock: true });
   * ```
   */
  readonly lock?: boolean | string;
  /** The environment to read `PLUGHOOKS_*` variables from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** One hook that is in place for a name, in run order. */
export interface LoadedHook {
  /** The hook name. */
  readonly name: string;
  /** The package it came from, or `"(registered)"` for hooks added with `register()`. */
  readonly package: string;
  /** The entry point, for discovered hooks. */
  readonly entryPoint?: EntryPoint;
  /** The hook object (the instance, for a class export). */
  readonly hook: HookObject;
  /** Whether the object has a `pre` method. */
  readonly hasPre: boolean;
  /** Whether the object has a `post` method. */
  readonly hasPost: boolean;
}

/**
 * What {@link Hooks.load} did.
 *
 * @example
 * ```ts
 * const report = await hooks.load();
 * for (const [name, loaded] of report.hooks) {
 *   console.log(name, loaded.map((hook) => hook.package).join(", "));
 * }
 * for (const problem of report.problems) console.error(`[${problem.code}] ${problem.message}`);
 * ```
 */
export interface LoadReport {
  /** The hooks in place, per hook name, in run order (discovered, then registered). */
  readonly hooks: ReadonlyMap<string, readonly LoadedHook[]>;
  /** Entry points skipped because of `allow`/`deny`; they were not imported. */
  readonly skipped: readonly {
    readonly entryPoint: EntryPoint;
    readonly reason: "denied" | "not-allowed";
  }[];
  /** Every discovery and load problem. Empty when all went well. */
  readonly problems: readonly Problem[];
}

/**
 * An application's hook registry, made by {@link createHooks}.
 */
export interface Hooks {
  /** The entry-point group of this registry. */
  readonly group: string;
  /**
   * Marks a function or method as the hook point `name`. See {@link HookDecorator}.
   *
   * @example
   * ```ts
   * class ComputeManager {
   *   @hooks.addHook("resize_hook")
   *   resizeInstance(id: string, size: number) { return true; }
   * }
   * const build = hooks.addHook("build_hook", { passFunction: true })(function build(spec: Spec) {});
   * ```
   */
  addHook(name: string, options?: AddHookOptions): HookDecorator;
  /**
   * Adds a hook in code. It runs after the discovered hooks of that name, in `register()`
   * order. Returns a function that removes it. Registered hooks survive {@link reset}.
   * The object is checked at once: `pre` and `post`, where present, must be functions.
   *
   * @example
   * ```ts
   * const unregister = hooks.register("resize_hook", {
   *   pre: (manager, instanceId, size) => console.log("resizing", instanceId, size),
   * });
   * // ... later, e.g. at the end of a test
   * unregister();
   * ```
   */
  register(name: string, hook: HookObject): () => void;
  /**
   * Forgets what discovery and loading produced; the next hooked call discovers and loads
   * anew (classes are instantiated again). Calls already running finish with the hooks
   * they started with. Node caches modules, so a plugin file changed on disk needs a new
   * process, not only a reset.
   *
   * @example
   * ```ts
   * // after installing a plugin package into a running test fixture:
   * hooks.reset();
   * await hooks.load(); // sees the new package
   * ```
   */
  reset(): void;
  /**
   * Discovers and loads now instead of on first call: the hooks of `names`, or of every
   * name the group declares. Resolves to a report; in strict mode rejects with a
   * {@link PluginLoadError} when there were problems. Loading twice does not load twice.
   *
   * @example
   * ```ts
   * // fail fast at start-up instead of on the first request
   * const report = await hooks.load();
   * if (report.problems.length > 0) process.exitCode = 1;
   * ```
   */
  load(names?: readonly string[]): Promise<LoadReport>;
}
