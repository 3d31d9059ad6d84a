// `loop`: the obvious implementation, a closure looping over the hook array. With hook
// objects of different classes the `h.pre(...)` call site goes megamorphic: this is what
// specialising the call path per hook list buys back.
import { failed, isThenable, settleThen, stray } from "./semantics.js";

export function loopWrap(f, hooks, { isAsync = false } = {}) {
  const pres = hooks.filter((h) => typeof h.pre === "function");
  const posts = hooks.filter((h) => typeof h.post === "function");
  if (isAsync) {
    return async function loop(x) {
      for (let k = 0; k < pres.length; k++) {
        try {
          const p = pres[k].pre(x);
          if (p !== undefined && isThenable(p)) await p;
        } catch (e) {
          failed(e);
        }
      }
      const r = await f.call(this, x);
      for (let k = 0; k < posts.length; k++) {
        try {
          const p = posts[k].post(r, x);
          if (p !== undefined && isThenable(p)) await p;
        } catch (e) {
          failed(e);
        }
      }
      return r;
    };
  }
  return function loop(x) {
    for (let k = 0; k < pres.length; k++) {
      try {
        const p = pres[k].pre(x);
        if (p !== undefined) stray(p);
      } catch (e) {
        failed(e);
      }
    }
    const r = f.call(this, x);
    if (posts.length > 0 && isThenable(r)) return settleThen(r, posts, [x]);
    for (let k = 0; k < posts.length; k++) {
      try {
        const p = posts[k].post(r, x);
        if (p !== undefined) stray(p);
      } catch (e) {
        failed(e);
      }
    }
    return r;
  };
}
