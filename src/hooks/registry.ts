import type { EntryPoint } from "../entry-points/index.js";
import { PlughooksError, PluginLoadError, type Problem, problem } from "../errors/index.js";
import type { Discovered } from "../loading/manager.js";
import { checkHookObject } from "../loading/to-hook-object.js";
import { withPermission } from "../runtime/permissions.js";
import { makeHookDecorator } from "./add-hook.js";
import type { RunHook } from "./call-plan.js";
import { firstCallCode } from "./first-call-code.js";
import type { HookLoader, NameLoad } from "./hook-loader.js";
import type { HookedState, HookSource } from "./hooked-function.js";
import { resolveSettings, type Settings } from "./settings.js";
import type {
  AddHookOptions,
  CreateHooksOptions,
  HookDecorator,
  HookObject,
  Hooks,
  LoadedHook,
  LoadReport,
} from "./types.js";

const REGISTERED = "(registered)";

/**
 * The registry behind {@link createHooks}: discovery once per registry (until `reset()`),
 * loading once per hook name, the hooks registered in code, and the hooked functions whose
 * call paths must be rebuilt when any of that changes.
 */
export class HookRegistry implements Hooks, HookSource {
  readonly #settings: Settings;
  /**
   * Discovery, identity, allow/deny, the lock and loading: made on the first hooked call or
   * `load()`, so that its code is not loaded at import (see first-call-code.ts).
   */
  #hookLoader: HookLoader | undefined;
  readonly #loads = new Map<string, NameLoad>();
  /** Names whose plugins are being loaded now (a plugin may call its own hook point). */
  readonly #loading = new Set<string>();
  /** Discovered then registered hooks per name: what hooked functions run. */
  readonly #inPlace = new Map<string, readonly RunHook[]>();
  readonly #registered = new Map<string, RunHook[]>();
  // Weak, so that hooked functions created and dropped at run time can be collected.
  readonly #tracked = new Map<string, Set<WeakRef<HookedState>>>();
  /** Drops a hooked function's entry from #tracked once the function is collected. */
  readonly #forget = new FinalizationRegistry<{
    set: Set<WeakRef<HookedState>>;
    ref: WeakRef<HookedState>;
  }>(({ set, ref }) => set.delete(ref));

  constructor(options: CreateHooksOptions) {
    this.#settings = withPermission(
      "--allow-env",
      "read its PLUGHOOKS_* environment variables (or pass the env option)",
      () => resolveSettings(options),
    );
  }

  get group(): string {
    return this.#settings.group;
  }
  get logger() {
    return this.#settings.logger;
  }
  get codegen(): boolean {
    return this.#settings.codegen;
  }
  get hookTimeout(): number | undefined {
    return this.#settings.hookTimeout;
  }

  addHook(name: string, options?: AddHookOptions): HookDecorator {
    return makeHookDecorator(this, name, options);
  }

  register(name: string, hook: HookObject): () => void {
    // Validated now, so a mistake shows where it is made, not on some later call.
    const instance = checkHookObject(hook, {
      package: REGISTERED,
      group: this.group,
      entryPoint: name,
    });
    const entry: RunHook = { ...instance, package: REGISTERED, entryPoint: undefined };
    let list = this.#registered.get(name);
    if (list === undefined) {
      list = [];
      this.#registered.set(name, list);
    }
    list.push(entry);
    this.#changed(name);
    return () => {
      const current = this.#registered.get(name);
      const index = current?.indexOf(entry) ?? -1;
      if (index === -1) return;
      current!.splice(index, 1);
      this.#changed(name);
    };
  }

  reset(): void {
    this.#hookLoader?.reset();
    this.#loads.clear();
    for (const name of [...this.#inPlace.keys(), ...this.#tracked.keys()]) this.#changed(name);
  }

  async load(names?: readonly string[]): Promise<LoadReport> {
    const discovery = this.#loader().discover();
    const wanted = names ?? [...new Set([...discovery.names(), ...this.#registered.keys()])];
    const hooks = new Map<string, readonly LoadedHook[]>();
    const skipped: LoadReport["skipped"][number][] = [];
    const problems: Problem[] = [...discovery.problems];
    // Yarn PnP on Node < 22: import() first what the sync load will require() (see preImport).
    await discovery.preload(this.#notLoaded(discovery, wanted));
    for (const name of wanted) {
      const loaded = this.#loadName(name);
      hooks.set(
        name,
        this.#hooksInPlace(name).map((hook) => toLoadedHook(name, hook)),
      );
      skipped.push(...loaded.skipped);
      problems.push(...loaded.problems);
    }
    if (this.#settings.strict && problems.length > 0) throw new PluginLoadError(problems);
    return { hooks, skipped, problems };
  }

  /** The entry points of `names` whose name is not loaded yet. */
  *#notLoaded(discovery: Discovered, names: readonly string[]): Iterable<EntryPoint> {
    for (const name of names) if (!this.#loads.has(name)) yield* discovery.named(name);
  }

  /** @internal The hooks a hooked function of `name` runs, loading them on first use. */
  hooksFor(name: string): readonly RunHook[] {
    const inPlace = this.#inPlace.get(name);
    if (inPlace !== undefined) return inPlace;
    const loaded = this.#loadName(name);
    if (this.#settings.strict) {
      const problems = [...this.#loader().discover().problems, ...loaded.problems];
      if (problems.length > 0) {
        this.#loads.delete(name); // try again on the next call: the operator may fix it
        throw new PluginLoadError(problems);
      }
    }
    return this.#hooksInPlace(name);
  }

  /** @internal Whether the plugins of `name` are being loaded right now. */
  isLoading(name: string): boolean {
    return this.#loading.has(name);
  }

  /** @internal */
  track(name: string, state: HookedState): void {
    let set = this.#tracked.get(name);
    if (set === undefined) {
      set = new Set();
      this.#tracked.set(name, set);
    }
    const ref = new WeakRef(state);
    set.add(ref);
    // Hooked functions made and dropped at run time (a wrapper per request) would leave
    // their dead refs in the set until the next reset(): ~90 bytes each, without bound.
    this.#forget.register(state, { set, ref });
  }

  #hooksInPlace(name: string): readonly RunHook[] {
    let inPlace = this.#inPlace.get(name);
    if (inPlace === undefined) {
      inPlace = [...(this.#loads.get(name)?.hooks ?? []), ...(this.#registered.get(name) ?? [])];
      this.#inPlace.set(name, inPlace);
    }
    return inPlace;
  }

  /** Drops what was built for `name`; hooked functions rebuild their call path on next call. */
  #changed(name: string): void {
    this.#inPlace.delete(name);
    const set = this.#tracked.get(name);
    if (set === undefined) return;
    for (const ref of set) {
      const state = ref.deref();
      if (state === undefined) set.delete(ref);
      else state.invalidate();
    }
  }

  /** The first-call code that discovers and loads, made on first use (see first-call-code.ts). */
  #loader(): HookLoader {
    this.#hookLoader ??= new (firstCallCode().HookLoader)(this.#settings);
    return this.#hookLoader;
  }

  /** Loads the entry points of one hook name, once (until `reset()`). Never throws. */
  #loadName(name: string): NameLoad {
    const done = this.#loads.get(name);
    if (done !== undefined) return done;
    // A plugin whose constructor or module top level calls the hook point it is loaded for:
    // that call runs unhooked (see hooked-function.ts), and must not load the plugin again.
    if (this.#loading.has(name)) return { hooks: [], skipped: [], problems: [] };
    this.#loading.add(name);
    try {
      return this.#loadNameOnce(name);
    } finally {
      this.#loading.delete(name);
    }
  }

  #loadNameOnce(name: string): NameLoad {
    let load: NameLoad;
    try {
      load = this.#loader().loadName(name);
    } catch (error) {
      // Only when the first-call code cannot be loaded (a Node started with
      // --no-experimental-require-module): the host's call goes on without plugins, and says why.
      if (!(error instanceof PlughooksError) || error.code !== "ERR_REQUIRE_ESM_UNSUPPORTED") {
        throw error;
      }
      const site = { package: "plughooks", group: this.group, entryPoint: name };
      const refused = problem(error.code, site, error.message, error);
      this.logger.error(`[${refused.code}] ${refused.message}; no plugin runs for this hook`);
      load = { hooks: [], skipped: [], problems: [refused] };
    }
    this.#loads.set(name, load);
    this.#inPlace.delete(name);
    return load;
  }
}

const toLoadedHook = (name: string, hook: RunHook): LoadedHook => ({
  name,
  package: hook.package,
  ...(hook.entryPoint === undefined ? {} : { entryPoint: hook.entryPoint }),
  hook: hook.hook as HookObject,
  hasPre: hook.hasPre,
  hasPost: hook.hasPost,
});
