// `limit`: the fastest hand-written wrapper for an exact hook list, the reference.
// Compiled with `new Function` per list so that each hook gets its own call site (each
// monomorphic, so V8 inlines each hook), with fixed arity and a try/catch per hook call.
import { failed, isThenable, settleThen, stray } from "./semantics.js";

let serial = 0;

/**
 * Wraps `f(x)` (arity 1) with `hooks`. `passThis`: hooks get the receiver first (methods).
 * `isAsync`: for a function declared async. Its fastest form is not an `async` wrapper but
 * one `.then` on the function's promise for the posts (no promise at all without posts);
 * a hook that returns a promise hands over to `continueAsync` (cold path, never taken here).
 */
export function limitWrap(f, hooks, { passThis = false, isAsync = false } = {}) {
  const args = passThis ? "this, x" : "x";
  const names = hooks.map((_, k) => `h${k}`);
  const pres = hooks.map((h, k) => (typeof h.pre === "function" ? k : -1)).filter((k) => k >= 0);
  const posts = hooks.map((h, k) => (typeof h.post === "function" ? k : -1)).filter((k) => k >= 0);
  let body = pres.length + posts.length > 0 ? "let p;\n" : "";
  pres.forEach((k, i) => {
    const onPromise = isAsync
      ? `return continueAsync(p, ${i + 1}, -1, undefined, this, x);`
      : "stray(p);";
    body += `try { p = h${k}.pre(${args}); if (p !== undefined && isThenable(p)) ${onPromise} } catch (e) { failed(e); }\n`;
  });
  if (isAsync) {
    if (posts.length === 0) {
      body += "return f.call(this, x);";
    } else {
      body += "const self = this;\nreturn f.call(this, x).then((r) => {\n";
      posts.forEach((k, i) => {
        const a = passThis ? "self, x" : "x";
        body += `try { p = h${k}.post(r, ${a}); if (p !== undefined && isThenable(p)) return continueAsync(p, ${pres.length}, ${i + 1}, r, self, x); } catch (e) { failed(e); }\n`;
      });
      body += "return r;\n});";
    }
  } else {
    body += "const r = f.call(this, x);\n";
    if (posts.length > 0) {
      body += `if (typeof r === "object" && r !== null && typeof r.then === "function") return settleThen(r, posts, [${args}]);\n`;
    }
    for (const k of posts) {
      body += `try { p = h${k}.post(r, ${args}); if (p !== undefined) stray(p); } catch (e) { failed(e); }\n`;
    }
    body += "return r;";
  }
  // A serial number makes each source unique: hand-written code is separate code per hooked
  // function, and V8 shares compiled code and feedback between identical sources.
  const source = `"use strict"; // limit ${++serial}\nreturn function limit(x) {\n${body}\n};`;
  const make = new Function(
    "f",
    "failed",
    "stray",
    "isThenable",
    "settleThen",
    "posts",
    "continueAsync",
    ...names,
    source,
  );
  const preHooks = pres.map((k) => hooks[k]);
  const postHooks = posts.map((k) => hooks[k]);
  const hookArgs = (self, x) => (passThis ? [self, x] : [x]);
  // The rest of an async call after hook `pending` returned: remaining pres from `nextPre`,
  // the call (unless it already ran: `nextPost` >= 0), remaining posts from `nextPost`.
  async function continueAsync(pending, nextPre, nextPost, result, self, x) {
    try {
      await pending;
    } catch (e) {
      failed(e);
    }
    if (nextPost < 0) {
      for (const h of preHooks.slice(nextPre)) {
        try {
          await h.pre(...hookArgs(self, x));
        } catch (e) {
          failed(e);
        }
      }
      result = await f.call(self, x);
      nextPost = 0;
    }
    for (const h of postHooks.slice(nextPost)) {
      try {
        await h.post(result, ...hookArgs(self, x));
      } catch (e) {
        failed(e);
      }
    }
    return result;
  }
  return make(f, failed, stray, isThenable, settleThen, postHooks, continueAsync, ...hooks);
}
