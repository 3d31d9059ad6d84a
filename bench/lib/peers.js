// The peers, wired the way their users would wire a before/after pair around a call. Each
// tap is the hook's own function (see hookFunctions), as a plugin's tap would be.
import Hook from "before-after-hook";
import { createHooks } from "hookable";
import tapable from "tapable";
import { hookFunctions } from "./hook-objects.js";

const { SyncHook, AsyncSeriesHook } = tapable;

/** tapable: a SyncHook (or AsyncSeriesHook) for before and another for after. */
export function tapableWrap(f, hooks, { isAsync = false } = {}) {
  const Kind = isAsync ? AsyncSeriesHook : SyncHook;
  const before = new Kind(["x"]);
  const after = new Kind(["r", "x"]);
  hooks.forEach((h, k) => {
    const fns = hookFunctions(h);
    before.tap(`plugin${k}`, fns.pre);
    after.tap(`plugin${k}`, fns.post);
  });
  // Compiled per hook point, as application code has one such function per hooked call:
  // one closure literal shared by every tapable point would see all their hooks at its
  // `before.call` site, go megamorphic, and measure the adapter instead of tapable.
  const source = isAsync
    ? `return async function tapableAsync(x) {
      await before.promise(x);
      const r = await f(x);
      await after.promise(r, x);
      return r;
    };`
    : `return function tapableSync(x) {
      before.call(x);
      const r = f(x);
      after.call(r, x);
      return r;
    };`;
  return new Function("before", "after", "f", `"use strict"; // tapable ${++serial}\n${source}`)(
    before,
    after,
    f,
  );
}

let serial = 0;

/** hookable: `callHook("x:before")`, the call, `callHook("x:after")`. */
export function hookableWrap(f, hooks, { isAsync = false } = {}) {
  const registry = createHooks();
  for (const h of hooks) {
    const fns = hookFunctions(h);
    registry.hook("x:before", fns.pre);
    registry.hook("x:after", fns.post);
  }
  if (isAsync) {
    return async function hookableAsync(x) {
      await registry.callHook("x:before", x);
      const r = await f(x);
      await registry.callHook("x:after", r, x);
      return r;
    };
  }
  // callHook returns undefined when no hook returned a promise: a sync call stays sync.
  return function hookableSync(x) {
    registry.callHook("x:before", x);
    const r = f(x);
    registry.callHook("x:after", r, x);
    return r;
  };
}

/** before-after-hook (promise-only): `hook.before`/`hook.after` on a Singular hook. */
export function beforeAfterHookWrap(f, hooks) {
  const hook = new Hook.Singular();
  for (const h of hooks) {
    const fns = hookFunctions(h);
    hook.before(fns.pre);
    hook.after(fns.post);
  }
  return function beforeAfterHook(x) {
    return hook(f, x);
  };
}
