// `limit`: the fastest hand-written wrapper for an exact hook list, the reference.
// Compiled with `new Function` per list so that each hook gets its own call site (each
// monomorphic, so V8 inlines each hook), with fixed arity and a try/catch per hook call.
import { failed, isThenable, settleThen, stray } from "./semantics.js";

let serial = 0;

/**
 * Wraps `f(x)` (arity 1) with `hooks`. `passThis`: hooks get the receiver first (methods).
 * `isAsync`: an `async` wrapper that awaits hooks only when they return a promise.
 */
export function limitWrap(f, hooks, { passThis = false, isAsync = false } = {}) {
  const args = passThis ? "this, x" : "x";
  const names = hooks.map((_, k) => `h${k}`);
  const pres = hooks.map((h, k) => (typeof h.pre === "function" ? k : -1)).filter((k) => k >= 0);
  const posts = hooks.map((h, k) => (typeof h.post === "function" ? k : -1)).filter((k) => k >= 0);
  const after = isAsync
    ? "if (p !== undefined && isThenable(p)) await p;"
    : "if (p !== undefined) stray(p);";
  let body = pres.length + posts.length > 0 ? "let p;\n" : "";
  for (const k of pres)
    body += `try { p = h${k}.pre(${args}); ${after} } catch (e) { failed(e); }\n`;
  if (isAsync) {
    body += "const r = await f.call(this, x);\n";
  } else {
    body += "const r = f.call(this, x);\n";
    if (posts.length > 0) {
      body += `if (typeof r === "object" && r !== null && typeof r.then === "function") return settleThen(r, posts, [${args}]);\n`;
    }
  }
  for (const k of posts)
    body += `try { p = h${k}.post(r, ${args}); ${after} } catch (e) { failed(e); }\n`;
  body += "return r;";
  // A serial number makes each source unique: hand-written code is separate code per hooked
  // function, and V8 shares compiled code and feedback between identical sources.
  const source = `"use strict"; // limit ${++serial}\nreturn ${isAsync ? "async " : ""}function limit(x) {\n${body}\n};`;
  const make = new Function(
    "f",
    "failed",
    "stray",
    "isThenable",
    "settleThen",
    "posts",
    ...names,
    source,
  );
  return make(
    f,
    failed,
    stray,
    isThenable,
    settleThen,
    posts.map((k) => hooks[k]),
    ...hooks,
  );
}
