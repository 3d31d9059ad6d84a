/**
 * Type-level tests of the application side with TC39 standard decorators: a registry
 * typed with a hook map checks names, decorated signatures and registered hooks. This file
 * only has to compile; each `@ts-expect-error` marks a line that must not.
 */
import { createHooks } from "../../src/index.js";
import type { AppHooks, Spec } from "./published/hook-types.js";

const hooks = createHooks<AppHooks>({ group: "nova.hooks" });

export class ComputeManager {
  readonly host = "h1";

  @hooks.addHook("resize_hook")
  resizeInstance(instanceId: string, size: number): boolean {
    return instanceId.length > size;
  }

  // Fewer parameters than the signature is fine, as for any callback.
  @hooks.addHook("resize_hook")
  resizeFirst(instanceId: string): boolean {
    return instanceId === "";
  }

  // @ts-expect-error only the map's names are hook names
  @hooks.addHook("resize_hoook")
  misspelt(instanceId: string, size: number): boolean {
    return instanceId.length > size;
  }

  // @ts-expect-error the signature takes a string id, not a number
  @hooks.addHook("resize_hook")
  wrongArgument(instanceId: number, size: number): boolean {
    return instanceId > size;
  }

  // @ts-expect-error the signature returns a boolean
  @hooks.addHook("resize_hook")
  wrongResult(instanceId: string, size: number): string {
    return instanceId + size;
  }

  // @ts-expect-error a method's hooks get the instance; build_hook's signature declares no `this`
  @hooks.addHook("build_hook")
  buildOnMethod(spec: Spec, count: number): number {
    return spec.name.length + count;
  }

  // With passThis: false a method can carry a hook whose signature has no `this`.
  @hooks.addHook("build_hook", { passThis: false })
  buildWithoutSelf(spec: Spec, count: number): number {
    return spec.name.length + count;
  }

  // @ts-expect-error a getter cannot be hooked
  @hooks.addHook("resize_hook")
  get size(): number {
    return 1;
  }

  // @ts-expect-error a setter cannot be hooked
  @hooks.addHook("resize_hook")
  set size(value: number) {
    this.last = value;
  }

  // @ts-expect-error a field cannot be hooked
  @hooks.addHook("resize_hook")
  last = 0;

  // @ts-expect-error an auto-accessor cannot be hooked
  @hooks.addHook("resize_hook")
  accessor current = 0;

  @hooks.addHook("timed_resize_hook", { passFunction: true })
  timedResize(instanceId: string): boolean {
    return instanceId !== "";
  }

  // @ts-expect-error timed_resize_hook is a PassFunction entry: it needs { passFunction: true }
  @hooks.addHook("timed_resize_hook")
  timedWithoutOption(instanceId: string): boolean {
    return instanceId !== "";
  }
}

export class OtherClass {
  // @ts-expect-error resize_hook is a method of ComputeManager, not of any class
  @hooks.addHook("resize_hook")
  resizeInstance(instanceId: string, size: number): boolean {
    return instanceId.length > size;
  }
}

// A wrapped plain function is typed from the signature: its parameters need no annotations.
export const build = hooks.addHook("build_hook")(function build(spec, count) {
  return spec.name.length + count;
});
export const built: number = build({ name: "x" }, 1);
// @ts-expect-error the wrapper has the signature's parameter types
build("not a spec", 1);

// @ts-expect-error the wrapped function must return what the signature says
hooks.addHook("build_hook")((spec: Spec) => spec.name);

export const fetchSize = hooks.addHook("fetch_hook")(async (id) => id.length);

export const timed = hooks.addHook("timed_hook", { passFunction: true })(
  (spec) => spec.name.length,
);
// @ts-expect-error timed_hook is a PassFunction entry: it needs { passFunction: true }
hooks.addHook("timed_hook")((spec: Spec) => spec.name.length);
// @ts-expect-error build_hook is not a PassFunction entry: its hooks do not get the function
hooks.addHook("build_hook", { passFunction: true });

// @ts-expect-error resize_hook declares `this`: a plain function gives hooks no receiver unless passThis is true
hooks.addHook("resize_hook")((instanceId: string, size: number) => instanceId.length > size);

// register() is typed per name.
export const unregister: () => void = hooks.register("resize_hook", {
  pre(manager, instanceId, size) {
    manager.host.toUpperCase();
    instanceId.toUpperCase();
    size.toFixed();
  },
});
hooks.register("build_hook", {
  post(id, spec) {
    id.toFixed();
    spec.name.toUpperCase();
  },
});
hooks.register("build_hook", {
  // @ts-expect-error build_hook's hooks get a Spec first, not an instance
  pre(manager: ComputeManager) {
    return manager;
  },
});
// @ts-expect-error only the map's names can be registered
hooks.register("resize_hoook", {});
// @ts-expect-error a hook object's pre must be a function
hooks.register("build_hook", { pre: 1 });
