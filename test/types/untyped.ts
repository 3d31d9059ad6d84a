/**
 * Type-level tests: `createHooks()` without a hook map keeps working as it always did (any
 * name, any function, any hook object), and refuses what cannot be hooked. This file only
 * has to compile; each `@ts-expect-error` marks a line that must not.
 */
import { createHooks, type Hooks } from "../../src/index.js";

const hooks: Hooks = createHooks({ group: "nova.hooks" });

export class Manager {
  @hooks.addHook("resize_hook")
  resize(id: string, size: number): boolean {
    return id.length > size;
  }

  @hooks.addHook("timed_hook", { passFunction: true, passThis: false })
  timed(id: string): string {
    return id;
  }

  // @ts-expect-error a getter cannot be hooked (before, this failed only when the class was defined)
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
}

// Any name, any function; the wrapper keeps the function's type.
export const build = hooks.addHook("any_name_at_all")((spec: { name: string }) => spec.name);
export const built: string = build({ name: "x" });

// Registered hooks on an untyped registry may use their arguments freely, as before.
hooks.register("resize_hook", {
  pre: (manager, id, size) => [manager.resize, id.toUpperCase(), size.toFixed()],
});
// @ts-expect-error a hook object's pre must still be a function
hooks.register("resize_hook", { pre: "no" });
