// Every contender of one call scenario (sync or async, N hooks), each with its own freshly
// generated hook objects so no two contenders share a hook's code or feedback.
import { decoratedFixture } from "./decorators.js";
import { makeHooks } from "./hook-objects.js";
import { limitWrap } from "./limit.js";
import { loopWrap } from "./loop.js";
import { beforeAfterHookWrap, hookableWrap, tapableWrap } from "./peers.js";
import { emptyRoot, importPlughooks } from "./plughooks.js";

/** A stand-in for `hooks` whose `addHook` is a decorator (standard or legacy) applying limitWrap. */
const limitDecorators = (h, isAsync) => ({
  addHook: () => (value, _context, descriptor) => {
    const wrap = (f) => limitWrap(f, h, { isAsync, passThis: true });
    if (descriptor !== undefined) return { ...descriptor, value: wrap(descriptor.value) };
    return wrap(value);
  },
});

/** Siblings per contender (see addSiblings); BENCH_SOLO=1 measures each hooked function alone. */
const crowdFor = () => (process.env.BENCH_SOLO === "1" ? 0 : 8);

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
 *   contender is compared with (`limit` for functions, `limit-standard`/`limit-legacy` for methods).
 */
export async function buildContenders(mode, n, { sites = 1, only } = {}) {
  const isAsync = mode === "async";
  const target = isAsync ? asyncTarget : syncTarget;
  const list = [];
  const add = (id, label, shape, make) => {
    const hooks = id === "bare" ? [] : makeHooks(n, shape);
    list.push({
      id,
      label,
      ref: shape === "method" ? id.replace(/^plughooks-|^limit-/, "limit-") : "limit",
      method: shape === "method",
      hooks,
      make: () => make(hooks),
      rebuild: make,
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

  // Methods: the limit wrapper applied by a decorator compiled the same way as plughooks'
  // (TypeScript redefines the method on the prototype either way, which V8 then no longer
  // treats as a constant), so the method rows compare wrappers, not decorator mechanics.
  for (const legacy of [false, true]) {
    const flavour = legacy ? "legacy" : "standard";
    const build = await decoratedFixture({ legacy, isAsync });
    add(`limit-${flavour}`, `limit @decorator (${flavour})`, "method", (h) =>
      build(limitDecorators(h, isAsync), "bench_m"),
    );
    if (plughooks) {
      add(`plughooks-${flavour}`, `plughooks @decorator (${flavour})`, "method", async (h) => {
        const hooks = plughooks.createHooks({ group: "bench.hooks", root: emptyRoot() });
        for (const hook of h) hooks.register("bench_m", hook);
        await hooks.load(["bench_m"]);
        return build(hooks, "bench_m");
      });
    }
  }

  add("tapable", "tapable", "fn", (h) => tapableWrap(target(), h, { isAsync }));
  add("hookable", "hookable", "fn", (h) => hookableWrap(target(), h, { isAsync }));
  if (isAsync)
    add("before-after-hook", "before-after-hook", "fn", (h) => beforeAfterHookWrap(target(), h));

  const chosen = only ? list.filter((c) => only.includes(c.id)) : list;
  for (const c of chosen) {
    c.w = await c.make();
    // The multi-call-site harness: `sites` hooked functions of this kind, each with its own
    // plugins, called one after the other from one caller (see makeBody).
    if (sites > 1) {
      c.ws = [c.w];
      c.hookSets = [c.hooks];
      for (let k = 1; k < sites; k++) {
        const hooks = c.id === "bare" ? [] : makeHooks(n, c.method ? "method" : "fn");
        c.ws.push(await c.rebuild(hooks));
        c.hookSets.push(hooks);
      }
    }
  }
  const crowd = crowdFor();
  if (crowd > 0) await addSiblings(chosen, n, isAsync, crowd);
  return chosen;
}

/**
 * An application has more than one hooked function. Before measuring, each contender gets
 * `crowd` siblings of its own kind (other hooked functions, with their own plugins), called
 * enough to be optimised: code a kind shares between its hooked functions (one wrapper
 * closure, code compiled from identical source) then sees them all, as it would in an
 * application. `limit` and `bare` have no shared code.
 */
async function addSiblings(list, n, isAsync, crowd) {
  for (const c of list) {
    if (c.id === "bare" || c.id.startsWith("limit")) continue; // no code shared between them
    for (let k = 0; k < crowd; k++) {
      const hooks = makeHooks(n, c.method ? "method" : "fn");
      const w = await c.rebuild(hooks);
      const call = c.method ? (x) => w.run(x) : w;
      for (let i = 1; i <= (isAsync ? 300 : 3000); i++) await (isAsync ? call(i) : call(i));
    }
  }
}
