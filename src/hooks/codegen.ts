/**
 * Generated code: the hooked function itself (a compact wrapper), and the call path behind it
 * (one function per hook list and argument count, with one call site per hook).
 *
 * Why generate code: plugins come from separate packages, so every hook object has its own
 * class. A loop over them calls `hook.pre` from one call site that sees every class, goes
 * megamorphic, and cannot be inlined: 36x slower than one call site per hook at 10 hooks.
 * `new Function` gives each call path its own compiled code and feedback, so each call site
 * sees one class. Fixed parameters (`a0, a1`) instead of rest arguments keep V8 from
 * allocating an arguments array on every call.
 *
 * The wrapper, which hooked functions get when they are created, is in `wrapper.ts`: this module
 * is loaded on the first call that has hooks to run (see first-call-code.ts).
 *
 * The generated call path is a specialised copy of the reference loop in `call-loop.ts`, for
 * the common case only (every hook returns undefined or a plain value); the moment a hook
 * returns a promise it hands over to the loop's continuations, which hold the async rules.
 * `test/hooks/codegen.test.ts` snapshots the generated source, and every semantic test runs
 * on both paths. Hosts that forbid code generation get the loop.
 *
 * Size matters as much as shape: V8 inlines a callee only while the caller's cumulative
 * inlined bytecode stays under a budget (920 bytes in Node 20), so a caller with four hooked
 * call sites in its loop inlines all of them only if wrapper + call path stay small. Hence
 * the cold work (logging, promises) lives in one helper per hook and case, bound as factory
 * parameters (no TDZ checks in the bytecode), and the function is called through the bound
 * intrinsic `call` (9 bytes, and V8 sees through it to an inlinable call).
 */
import { continueAfterPre, postsFrom, runPosts } from "./call-loop.js";
import { afterSettled, type CallPlan, hookArguments, isNativePromise } from "./call-plan.js";
import { hookFailed, isThenable, strayPromise } from "./report.js";
import type { AnyFunction } from "./types.js";
import { compile, nextSerial } from "./wrapper.js";

// The intrinsics, taken at load: a later patch of Function.prototype cannot change a call path.
const { bind, call } = Function.prototype;

export { MAX_GENERATED_ARITY } from "./wrapper.js";

/** The names the generated source binds, with what `bindings()` gives each. */
interface Bindings {
  readonly [name: string]: unknown;
}

/** Writes the source of the call path of `plan` for calls with `arity` arguments. */
export function runnerSource(plan: CallPlan, arity: number): string {
  const params = Array.from({ length: arity }, (_, i) => `a${i}`);
  const callArgs = `[${params.join(", ")}]`;
  const runParams = ["self", ...params].join(", ");
  // `call(self, ...)` is the function's own code, called as itself (see bindings).
  const callFn = `call(${runParams})`;
  if (plan.pres.length === 0 && plan.posts.length === 0) {
    return `return function callPath(${runParams}) {\n  return ${callFn};\n};`;
  }
  const hookArgs = [
    ...(plan.passFunction ? ["fn"] : []),
    ...(plan.passThis ? ["self"] : []),
    ...params,
  ].join(", ");
  // post gets the result first, after the function with passFunction (Nova: post(f, rv, *args)).
  const postArgs = [
    ...(plan.passFunction ? ["fn"] : []),
    "v",
    ...(plan.passThis ? ["self"] : []),
    ...params,
  ].join(", ");
  // `var r`: no initialising bytecode (a `let` costs two bytes; V8 counts bytes).
  const out: string[] = [`return function callPath(${runParams}) {`, "  var r;"];
  plan.pres.forEach((_, i) => {
    // Sync: a returned promise is reported (nothing waits for it). Async: the loop's
    // continuation awaits it and runs the rest of the call.
    const onValue = plan.isAsync
      ? `if (r !== undefined && isThenable(r)) return preAwaits(self, ${callArgs}, [${hookArgs}], ${i}, r);`
      : `if (r !== undefined) pr${i}(r);`;
    const onError = plan.isAsync ? `if (pf${i}(e)) return reject(e);` : `pf${i}(e);`;
    out.push(`  try { r = p${i}.pre(${hookArgs}); ${onValue} } catch (e) { ${onError} }`);
  });
  out.push(`  const v = ${callFn};`);
  if (plan.posts.length === 0) {
    out.push("  return v;", "};");
    return out.join("\n");
  }
  const posts = (indent: string, onValue: (i: number) => string) =>
    plan.posts.map(
      (_, i) =>
        `${indent}try { r = q${i}.post(${postArgs}); ${onValue(i)} } catch (e) { qf${i}(e); }`,
    );
  if (plan.isAsync) {
    // The one promise an async call with post hooks needs: post runs after the result.
    out.push("  return settled(v, (v) => {", "    var r;");
    out.push(
      ...posts(
        "    ",
        (i) =>
          `if (r !== undefined && isThenable(r)) return postAwaits([${hookArgs}], v, ${i}, r);`,
      ),
    );
    out.push("    return v;", "  });", "};");
    return out.join("\n");
  }
  // A plain native promise: post waits for it (see isNativePromise). `instanceof` is the
  // cheap filter (false at once for primitives); the helper decides, and runs the posts of
  // anything else (a Promise subclass) at once, as the lines below would.
  out.push(`  if (v instanceof P) return settledPosts(v, ${runParams});`);
  out.push(...posts("  ", (i) => `if (r !== undefined) qr${i}(r);`));
  out.push("  return v;", "};");
  return out.join("\n");
}

/** What the generated source of `plan` refers to, by name. Cold helpers close over the plan. */
function bindings(plan: CallPlan): Bindings {
  const names: Record<string, unknown> = {
    fn: plan.target,
    // The intrinsic `call` bound to the function: it calls the function itself, never a
    // `call` property of its own. V8 sees through it (bound function, then `call`) to a
    // direct, inlinable call of the function, in 9 bytes of bytecode where
    // `Reflect.apply(fn, self, [a0])` takes 27.
    call: Reflect.apply(bind, call, [plan.target]),
    P: Promise,
    isThenable,
    reject: (error: unknown) => Promise.reject(error),
    preAwaits: (
      self: unknown,
      args: unknown[],
      hookArgs: unknown[],
      i: number,
      pending: PromiseLike<unknown>,
    ) => continueAfterPre(plan, self, args, hookArgs, i, pending),
    postAwaits: (hookArgs: unknown[], value: unknown, i: number, pending: PromiseLike<unknown>) =>
      postsFrom(plan, hookArgs, value, i + 1, pending, true),
    // An async function's own promise; anything else (a function that only claims to be
    // async) goes on at once.
    settled: (value: unknown, then: (value: unknown) => unknown) =>
      isNativePromise(value) ? afterSettled(value, then) : then(value),
    settledPosts: (value: unknown, self: unknown, ...args: unknown[]) =>
      runPosts(plan, hookArguments(plan, self, args), value),
  };
  // One helper per hook and case, so that the generated code passes no index: each call
  // is 3 bytes of bytecode shorter (V8's inlining budget counts bytes).
  plan.pres.forEach((hook, i) => {
    names[`p${i}`] = hook.hook;
    names[`pf${i}`] = (error: unknown) => {
      const fatal = hookFailed(plan, hook, "pre", error);
      if (fatal && !plan.isAsync) throw error;
      return fatal;
    };
    names[`pr${i}`] = (value: unknown) => {
      if (isThenable(value)) strayPromise(plan, hook, "pre", value);
    };
  });
  plan.posts.forEach((hook, i) => {
    names[`q${i}`] = hook.hook;
    names[`qf${i}`] = (error: unknown) => {
      if (hookFailed(plan, hook, "post", error)) throw error;
    };
    names[`qr${i}`] = (value: unknown) => {
      if (isThenable(value)) strayPromise(plan, hook, "post", value);
    };
  });
  return names;
}

/**
 * Compiles the call path of `plan` for `arity` arguments: a function `run(self, ...args)`.
 * Undefined when the host forbids code generation (`--disallow-code-generation-from-strings`,
 * a CSP).
 */
export function generateRunner(plan: CallPlan, arity: number): AnyFunction | undefined {
  const body = runnerSource(plan, arity);
  const names = bindings(plan);
  // Only the names the source uses become bindings: fewer context slots, smaller code. The
  // source is split into words once (a RegExp per name was about 2 ms at 20 hooks).
  const words = new Set(body.match(/\w+/g));
  const used = Object.keys(names).filter((name) => words.has(name));
  // A serial number makes every source unique. V8 caches code compiled from identical source
  // text, and with it the type feedback: two hooked functions with the same number of hooks
  // would share one `p0.pre(...)` call site, see both plugins' classes and go megamorphic.
  // `const` bindings: V8 folds them to constants where the call path is inlined.
  const source = `"use strict"; // plughooks call path ${nextSerial()}\n${body}`;
  const factory = compile(used, source);
  return factory === undefined
    ? undefined
    : (factory(...used.map((name) => names[name])) as AnyFunction);
}
