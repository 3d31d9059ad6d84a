/**
 * Type-level tests: this file only has to compile. Each `@ts-expect-error` marks a line
 * that must NOT compile; if it ever does, tsc reports the directive as unused and fails.
 */
import {
  createHooks,
  type HookFor,
  type HookObject,
  type MethodHookFor,
  type PassFunctionHookFor,
} from "../../src/index.js";

declare function build(spec: { name: string }, count: number): number;
declare function fetchSize(id: string): Promise<number>;

// post's first parameter is the result; the rest are the arguments.
export const ok: HookFor<typeof build> = {
  pre(spec, count) {
    spec.name.toUpperCase();
    count.toFixed();
  },
  post(result, spec) {
    result.toFixed();
    spec.name.toUpperCase();
  },
};

export const wrongResult: HookFor<typeof build> = {
  // @ts-expect-error the result of build is a number, not a string
  post(result: string) {
    return result;
  },
};

export const wrongArgument: HookFor<typeof build> = {
  // @ts-expect-error the first argument is a spec object
  pre(spec: number) {
    return spec;
  },
};

// Promise results are awaited before post sees them.
export const asyncHook: HookFor<typeof fetchSize> = {
  post(size, id) {
    size.toFixed();
    id.toUpperCase();
  },
};

export const asyncWrong: HookFor<typeof fetchSize> = {
  // @ts-expect-error post gets the awaited number, not the promise
  post(size: Promise<number>) {
    return size;
  },
};

class Manager {
  resize(id: string, size: number): boolean {
    return id.length > size;
  }
}

// Method hooks get the instance first, as Nova's hooks got self.
export const methodHook: MethodHookFor<Manager, Manager["resize"]> = {
  pre(manager, id, size) {
    manager.resize(id, size);
  },
  post(ok, manager) {
    const flag: boolean = ok;
    return [flag, manager];
  },
};

export const passFunction: PassFunctionHookFor<typeof build> = {
  pre(fn, spec) {
    fn(spec, 1).toFixed();
  },
  post(fn, result, spec) {
    fn(spec, result).toFixed();
  },
};

export const passFunctionWrongOrder: PassFunctionHookFor<typeof build> = {
  // @ts-expect-error with passFunction, post gets the function first and the result second
  post(result: number, fn: typeof build) {
    return [result, fn];
  },
};

// A class implementing HookObject is checked like an object literal.
export class Audit implements HookObject<[id: string], boolean> {
  pre(id: string) {
    return id;
  }
  post(ok: boolean, id: string) {
    return ok && id;
  }
}

// @ts-expect-error a hook object's pre must be a function
export const notAFunction: HookObject = { pre: 1 };

// Without type arguments a hook object's arguments and result are unknown, not any: a hook
// must check them before use.
export const unchecked: HookObject = {
  pre(first) {
    // @ts-expect-error first is unknown
    first.toUpperCase();
    if (typeof first === "string") first.toUpperCase();
  },
  post(result) {
    // @ts-expect-error result is unknown
    result.toFixed();
  },
};

const hooks = createHooks({ group: "nova.hooks" });
// The wrapper keeps the wrapped function's type.
const wrapped = hooks.addHook("build_hook")(build);
export const built: number = wrapped({ name: "x" }, 1);
// @ts-expect-error the wrapper keeps the parameter types
wrapped("not a spec", 1);

// @ts-expect-error group is required
createHooks({ root: "." });
// @ts-expect-error unknown options are refused
createHooks({ group: "g", strcit: true });
