/**
 * Type-level tests of the application side with TypeScript's legacy
 * `experimentalDecorators` (see tsconfig.json here). This file only has to compile; each
 * `@ts-expect-error` marks a line that must not.
 */
import { createHooks } from "../../../src/index.js";
import type { AppHooks, Spec } from "../published/hook-types.js";

const hooks = createHooks<AppHooks>({ group: "nova.hooks" });
const untyped = createHooks({ group: "nova.hooks" });

export class ComputeManager {
  readonly host = "h1";

  @hooks.addHook("resize_hook")
  resizeInstance(instanceId: string, size: number): boolean {
    return instanceId.length > size;
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

  @hooks.addHook("build_hook", { passThis: false })
  buildWithoutSelf(spec: Spec, count: number): number {
    return spec.name.length + count;
  }

  @hooks.addHook("timed_resize_hook", { passFunction: true })
  timedResize(instanceId: string): boolean {
    return instanceId !== "";
  }

  // @ts-expect-error a getter cannot be hooked
  @hooks.addHook("resize_hook")
  get size(): number {
    return 1;
  }

  // @ts-expect-error a field cannot be hooked
  @hooks.addHook("resize_hook")
  last = 0;

  // The untyped registry refuses the same targets.
  @untyped.addHook("any_hook")
  anything(a: string): string {
    return a;
  }

  // @ts-expect-error a getter cannot be hooked, typed or not
  @untyped.addHook("any_hook")
  get count(): number {
    return 1;
  }

  // @ts-expect-error a setter cannot be hooked, typed or not
  @untyped.addHook("any_hook")
  set total(value: number) {
    this.last = value;
  }

  // @ts-expect-error a field cannot be hooked, typed or not
  @untyped.addHook("any_hook")
  field = 0;
}

export class OtherClass {
  // @ts-expect-error resize_hook is a method of ComputeManager, not of any class
  @hooks.addHook("resize_hook")
  resizeInstance(instanceId: string, size: number): boolean {
    return instanceId.length > size;
  }
}
