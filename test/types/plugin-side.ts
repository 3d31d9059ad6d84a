/**
 * Type-level tests of the plugin side: a plugin types its hooks with HookOf and a
 * type-only import of the application's published hook map. This file only has to compile;
 * each `@ts-expect-error` marks a line that must not.
 */
import type { HookOf } from "../../src/index.js";
import type { AppHooks, ComputeManager, Spec } from "./published/hook-types.js";

// A method hook: the instance first, then the arguments; post gets the result first.
export class ResizeAudit implements HookOf<AppHooks, "resize_hook"> {
  pre(manager: ComputeManager, instanceId: string, size: number) {
    return [manager.host, instanceId.toUpperCase(), size.toFixed()];
  }
  post(ok: boolean, manager: ComputeManager, instanceId: string) {
    return ok && manager.host + instanceId;
  }
}

// Contextual typing: an object literal needs no annotations.
export const resizeLog: HookOf<AppHooks, "resize_hook"> = {
  pre(manager, instanceId, size) {
    manager.host.toUpperCase();
    instanceId.toUpperCase();
    size.toFixed();
  },
  post(ok, manager) {
    const flag: boolean = ok;
    return [flag, manager.host];
  },
};

export class ResizeForgetsSelf implements HookOf<AppHooks, "resize_hook"> {
  // @ts-expect-error the first argument of a method hook is the instance, not the id
  pre(instanceId: string, size: number) {
    return [instanceId, size];
  }
}

export class ResizeWrongResult implements HookOf<AppHooks, "resize_hook"> {
  // @ts-expect-error resize_hook's result is a boolean
  post(ok: string) {
    return ok;
  }
}

// A plain function hook: no receiver.
export const buildAudit: HookOf<AppHooks, "build_hook"> = {
  pre(spec, count) {
    spec.name.toUpperCase();
    count.toFixed();
  },
  post(id, spec) {
    id.toFixed();
    spec.name.toUpperCase();
  },
};

// An async function's post gets the awaited result.
export const fetchAudit: HookOf<AppHooks, "fetch_hook"> = {
  post(size, id) {
    size.toFixed();
    id.toUpperCase();
  },
};

export const fetchWrong: HookOf<AppHooks, "fetch_hook"> = {
  // @ts-expect-error post gets the number, not the promise
  post(size: Promise<number>) {
    return size;
  },
};

// passFunction: the function first in both; post gets the result second.
export const timer: HookOf<AppHooks, "timed_hook"> = {
  pre(fn, spec) {
    fn(spec).toFixed();
  },
  post(fn, id, spec) {
    return [fn.name, id.toFixed(), spec.name];
  },
};

export class TimerWrongOrder implements HookOf<AppHooks, "timed_hook"> {
  // @ts-expect-error with passFunction, post gets the function first and the result second
  post(result: number, fn: (spec: Spec) => number) {
    return [result, fn];
  }
}

// passFunction on a method: the function, then the instance, then the arguments.
export const timedResize: HookOf<AppHooks, "timed_resize_hook"> = {
  pre(fn, manager, instanceId) {
    fn.call(manager, instanceId);
  },
  post(fn, ok, manager, instanceId) {
    return [fn.name, ok === true, manager.host, instanceId];
  },
};

// @ts-expect-error only the map's names are hooks
export type Unknown = HookOf<AppHooks, "resize_hoook">;
