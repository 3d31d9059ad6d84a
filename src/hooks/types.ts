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
 * (awaited, for a function that returns a promise). Both default to `unknown`: a hook that
 * says nothing about its arguments must check them before use. With the application's hook
 * map, {@link HookOf} gives the exact type.
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
export interface HookObject<Args extends readonly unknown[] = unknown[], Result = unknown> {
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
 * What `hooks.addHook(name)` returns on an untyped registry (`createHooks()` without a hook
 * map): a TC39 standard method decorator, a legacy (`experimentalDecorators`) method
 * decorator, and a plain function wrapper, in one. It decorates methods only: on a getter,
 * setter, `accessor` or field it is a type error (and a `TypeError` when the class is
 * defined).
 */
export interface HookDecorator {
  /**
   * Wraps a plain function; the result keeps its `name`, `length` and `this`. (The second
   * parameter only stops TypeScript from taking this one-argument form for a decorator,
   * which would let a getter through.)
   */
  <F extends AnyFunction>(fn: F, notADecorator?: undefined): F;
  /** TC39 standard decorator on a method. */
  <F extends AnyFunction>(fn: F, context: ClassMethodDecoratorContext<any, F>): F;
  /** Legacy `experimentalDecorators` decorator on a method (not an accessor: its value must be a function). */
  <D extends TypedPropertyDescriptor<AnyFunction>>(
    target: object,
    key: string | symbol,
    descriptor: D,
  ): D;
}

/**
 * Marks an entry of a {@link HookMap} whose hooks get the hooked function first: the
 * application hooks it with `addHook(name, { passFunction: true })`, and its plugins write
 * `pre(fn, ...args)` and `post(fn, result, ...args)`, as Nova's `pass_function=True`.
 *
 * @example
 * ```ts
 * export interface AppHooks {
 *   build_hook: PassFunction<(spec: { name: string }) => number>;
 * }
 * ```
 */
export interface PassFunction<F extends AnyFunction> {
  /** The hooked function's signature. Type-only: no value of this type exists. */
  readonly passFunction: F;
}

/**
 * One entry of a {@link HookMap}: the hooked function's signature, or {@link PassFunction} of it.
 *
 * @example
 * ```ts
 * const entry: HookSignature = (spec: { name: string }) => spec.name.length;
 * ```
 */
export type HookSignature = AnyFunction | PassFunction<AnyFunction>;

/**
 * The shape of an application's hook map: each hook name to the signature of the function
 * it is on. A signature that declares `this` is a method's: its hooks get the instance
 * first, as Nova's hooks got `self` (a method hooked without `passThis: false` must declare
 * it). Used as the constraint `H extends HookMap<H>`, so an `interface` fits.
 *
 * @example
 * ```ts
 * // types.ts of the application, published for plugin authors
 * import type { PassFunction } from "plughooks";
 * import type { ComputeManager } from "./compute-manager.js";
 *
 * export interface AppHooks {
 *   resize_hook: (this: ComputeManager, instanceId: string, size: number) => boolean;
 *   build_hook: PassFunction<(spec: { name: string }) => Promise<number>>;
 * }
 * ```
 */
export type HookMap<H> = { readonly [K in keyof H]: HookSignature };

/**
 * The map of an untyped registry: any name, any function. `createHooks()` without a type
 * argument uses it, so `Hooks` and `Hooks<AnyHookMap>` are the same type.
 *
 * @example
 * ```ts
 * const hooks: Hooks<AnyHookMap> = createHooks({ group: "nova.hooks" });
 * ```
 */
export type AnyHookMap = { readonly [name: string]: AnyFunction };

/**
 * The function signature of a hook map entry: the entry itself, or what a
 * {@link PassFunction} wraps.
 *
 * @example
 * ```ts
 * type Build = SignatureOf<AppHooks["build_hook"]>; // (spec: Spec) => Promise<number>
 * ```
 */
export type SignatureOf<E> =
  E extends PassFunction<infer F> ? F : E extends AnyFunction ? E : never;

/** What a hook gets before the call's arguments: the receiver, when the signature declares `this`. */
type ReceiverArgs<F> = unknown extends ThisParameterType<F> ? [] : [self: ThisParameterType<F>];

type HookArgs<F extends AnyFunction> = [...ReceiverArgs<F>, ...Parameters<F>];

/**
 * The hook object a plugin writes for the hook `K` of an application's hook map `H`: the
 * arguments, the receiver (for a method), the hooked function (for a {@link PassFunction}
 * entry) and the awaited result, all taken from the map. Import the map with
 * `import type`, so the plugin does not load the application.
 *
 * @example
 * ```ts
 * import type { HookOf } from "plughooks";
 * import type { AppHooks, ComputeManager } from "nova-app/hook-types";
 *
 * export class ResizeAudit implements HookOf<AppHooks, "resize_hook"> {
 *   pre(manager: ComputeManager, instanceId: string, size: number) {}
 *   post(ok: boolean, manager: ComputeManager, instanceId: string) {}
 * }
 * ```
 */
export type HookOf<H extends HookMap<H>, K extends keyof H> = HookForEntry<H[K]>;

type HookForEntry<E> =
  E extends PassFunction<infer F>
    ? {
        pre?(fn: F, ...args: HookArgs<F>): HookReturn;
        post?(fn: F, result: Awaited<ReturnType<F>>, ...args: HookArgs<F>): HookReturn;
      }
    : E extends AnyFunction
      ? HookObject<HookArgs<E>, Awaited<ReturnType<E>>>
      : never;

/**
 * The hook names of the hook map `H`.
 *
 * @example
 * ```ts
 * const names: HookName<AppHooks>[] = ["resize_hook", "build_hook"];
 * ```
 */
export type HookName<H> = keyof H & string;

/** The names of `H` whose entries are not {@link PassFunction}: `addHook(name)` needs no options. */
type PlainHookName<H> = {
  [K in HookName<H>]: H[K] extends PassFunction<AnyFunction> ? never : K;
}[HookName<H>];

/**
 * The options `addHook` takes for the entry `E` of a hook map: `passFunction: true` for a
 * {@link PassFunction} entry and not otherwise, `passThis` as for any hook.
 *
 * @example
 * ```ts
 * const options: AddHookOptionsFor<AppHooks["build_hook"]> = { passFunction: true };
 * ```
 */
export type AddHookOptionsFor<E> =
  E extends PassFunction<AnyFunction>
    ? { readonly passFunction: true; readonly passThis?: boolean }
    : { readonly passFunction?: false; readonly passThis?: boolean };

/** The error a type check shows when a method's receiver and the hook map disagree. */
interface ReceiverMismatch {
  "hooks on a method get the instance first: declare `this` in the hook map's signature, or pass { passThis: false }": never;
}
/** The error a type check shows when a plain function's receiver and the hook map disagree. */
interface PlainReceiverMismatch {
  "the hook map's signature declares `this`: pass { passThis: true } to give hooks the receiver of a plain function": never;
}

/** Whether the hooks of a method get the receiver, with options `O` (default: yes). */
type MethodPassesThis<O> = O extends { readonly passThis: false } ? false : true;
/** Whether the hooks of a plain function get the receiver, with options `O` (default: no). */
type PlainPassesThis<O> = O extends { readonly passThis: true } ? true : false;
type DeclaresThis<F> = unknown extends ThisParameterType<F> ? false : true;
type Receiver<F> = unknown extends ThisParameterType<F> ? unknown : ThisParameterType<F>;

/**
 * What `addHook(name, options)` returns on a registry typed with a hook map: the same
 * decorator and wrapper as {@link HookDecorator}, checked against the map's signature for
 * `name`. A method must take the signature's arguments and return its result type, on a
 * class whose instances are the signature's `this`; a wrapped function is typed from the
 * signature (so its parameters need no annotations). Getters, setters, accessors and
 * fields are type errors.
 *
 * @example
 * ```ts
 * const hooks = createHooks<AppHooks>({ group: "nova.hooks" });
 * class ComputeManager {
 *   @hooks.addHook("resize_hook") // checked against AppHooks["resize_hook"]
 *   resizeInstance(instanceId: string, size: number) { return size > 0; }
 * }
 * const build = hooks.addHook("build_hook")(async (spec) => spec.name.length); // spec: Spec
 * ```
 */
export type TypedHookDecorator<E, O = object> = (MethodPassesThis<O> extends DeclaresThis<
  SignatureOf<E>
>
  ? MethodDecorator<SignatureOf<E>>
  : MismatchedMethodDecorator) &
  (PlainPassesThis<O> extends DeclaresThis<SignatureOf<E>>
    ? (fn: SignatureOf<E>, notADecorator?: undefined) => SignatureOf<E>
    : (fn: PlainReceiverMismatch, notADecorator?: undefined) => never);

interface MethodDecorator<F extends AnyFunction> {
  /** TC39 standard decorator on a method of the signature's `this`. */
  <This, M extends (this: This, ...args: Parameters<F>) => ReturnType<F>>(
    // `This` is checked here, not as a constraint: the context's methods are bivariant, so
    // a constraint would let any class whose instances the receiver type could stand for.
    fn: M & ([This] extends [Receiver<F>] ? unknown : WrongClass),
    context: ClassMethodDecoratorContext<This, M>,
  ): M;
  /** Legacy `experimentalDecorators` decorator on a method of the signature's `this`. */
  <
    This extends Receiver<F>,
    D extends TypedPropertyDescriptor<(this: This, ...args: Parameters<F>) => ReturnType<F>>,
  >(
    target: This,
    key: string | symbol,
    descriptor: D,
  ): D;
}

/** The error a type check shows when a method's class is not the signature's `this`. */
interface WrongClass {
  "this method's class is not the `this` its hook map signature declares": never;
}

interface MismatchedMethodDecorator {
  (fn: AnyFunction, context: ReceiverMismatch): never;
  (target: object, key: string | symbol, descriptor: ReceiverMismatch): never;
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
 * An application's hook registry, made by {@link createHooks}. With a hook map `H`
 * (`createHooks<AppHooks>(...)`), hook names, decorated signatures and registered hook
 * objects are checked against it; without one, any name and any function go, as before.
 */
export interface Hooks<H extends HookMap<H> = AnyHookMap> {
  /** The entry-point group of this registry. */
  readonly group: string;
  /**
   * Marks a function or method as the hook point `name`. See {@link HookDecorator}, and
   * {@link TypedHookDecorator} for a registry typed with a hook map (where a
   * {@link PassFunction} entry must be hooked with `{ passFunction: true }`).
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
  addHook<K extends PlainHookName<H>>(name: K): DecoratorOf<H, K, object>;
  addHook<K extends HookName<H>, const O extends OptionsOf<H, K>>(
    name: K,
    options: O,
  ): DecoratorOf<H, K, O>;
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
  register<K extends HookName<H>>(name: K, hook: RegisteredHookOf<H, K>): () => void;
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

/** True for an untyped registry's map (any string is a name). */
type IsUntyped<H> = string extends keyof H ? true : false;
type OptionsOf<H, K extends keyof H> =
  IsUntyped<H> extends true ? AddHookOptions : AddHookOptionsFor<H[K]>;
type DecoratorOf<H, K extends keyof H, O> =
  IsUntyped<H> extends true ? HookDecorator : TypedHookDecorator<H[K], O>;
// An untyped registry keeps taking any hook object, as it always did.
type RegisteredHookOf<H, K extends keyof H> =
  IsUntyped<H> extends true ? HookObject<any[], any> : HookForEntry<H[K]>;
