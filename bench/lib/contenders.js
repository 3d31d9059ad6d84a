// Every contender of one call scenario (sync or async, N hooks), each with its own freshly
// generated hook objects so no two contenders share a hook's code or feedback.
import { decoratedFixture } from "./decorators.js";
import { makeHooks } from "./hook-objects.js";
import { limitWrap } from "./limit.js";
import { loopWrap } from "./loop.js";
import { beforeAfterHookWrap, hookableWrap, tapableWrap } from "./peers.js";
import { emptyRoot, importPlughooks } from "./plughooks.js";

// The targets: f(x) = x + 1, sync or declared async (plughooks awaits hooks of async ones).
const syncTarget = () =>
  function target(x) {
    return x + 1;
  };
const asyncTarget = () =>
  async function target(x) {
    return x + 1;
  };

/**
 * @returns {Promise<Array<{id: string, label: string, ref: string, method: boolean,
 *   hooks: object[], w: Function | object}>>} in display order. `ref` is the limit row that
 *   contender is compared with (`limit` for functions, `limit-method` for methods).
 */
export async function buildContenders(mode, n) {
  const isAsync = mode === "async";
  const target = isAsync ? asyncTarget : syncTarget;
  const list = [];
  const add = (id, label, shape, make) => {
    const hooks = id === "bare" ? [] : makeHooks(n, shape);
    list.push({
      id,
      label,
      ref: shape === "method" ? "limit-method" : "limit",
      method: shape === "method",
      hooks,
      make: () => make(hooks),
    });
  };

  add("bare", "bare call", "fn", () => target());
  add("limit", "limit (codegen)", "fn", (h) => limitWrap(target(), h, { isAsync }));
  add("loop", "loop over hooks", "fn", (h) => loopWrap(target(), h, { isAsync }));

  const plughooks = await importPlughooks().catch(() => null);
  if (plughooks) {
    const root = emptyRoot();
    const wrap = (codegen) => async (h) => {
      const hooks = plughooks.createHooks({ group: "bench.hooks", root, codegen });
      for (const hook of h) hooks.register("bench_fn", hook);
      await hooks.load(["bench_fn"]);
      return hooks.addHook("bench_fn")(target());
    };
    add("plughooks", "plughooks", "fn", wrap(true));
    add("plughooks-nocodegen", "plughooks (codegen: false)", "fn", wrap(false));
  }

  add("limit-method", "limit (codegen), method", "method", (h) => {
    const o = {};
    o.run = limitWrap(target(), h, { isAsync, passThis: true });
    return o;
  });
  if (plughooks) {
    for (const legacy of [false, true]) {
      const build = await decoratedFixture({ legacy, isAsync });
      add(
        legacy ? "plughooks-legacy" : "plughooks-standard",
        `plughooks @decorator (${legacy ? "legacy" : "standard"})`,
        "method",
        async (h) => {
          const hooks = plughooks.createHooks({ group: "bench.hooks", root: emptyRoot() });
          for (const hook of h) hooks.register("bench_m", hook);
          await hooks.load(["bench_m"]);
          return build(hooks, "bench_m");
        },
      );
    }
  }

  add("tapable", "tapable", "fn", (h) => tapableWrap(target(), h, { isAsync }));
  add("hookable", "hookable", "fn", (h) => hookableWrap(target(), h, { isAsync }));
  if (isAsync)
    add("before-after-hook", "before-after-hook", "fn", (h) => beforeAfterHookWrap(target(), h));

  for (const c of list) c.w = await c.make();
  return list;
}
