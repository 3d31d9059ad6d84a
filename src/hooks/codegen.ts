/**
 * Generated call paths: for one hooked function, its hook list and one argument count,
 * a function written out with one call site per hook (`pre0.pre(a0, a1)`, `pre1.pre(a0, a1)`).
 *
 * Why generate code: plugins come from separate packages, so every hook object has its own
 * class. A loop over them calls `hook.pre` from one call site that sees every class, goes
 * megamorphic, and cannot be inlined: 36x slower than one call site per hook at 10 hooks.
 * `new Function` gives each hooked function its own compiled code and feedback, so each call
 * site sees one class. Fixed parameters (`a0, a1`) instead of rest arguments keep V8 from
 * allocating an arguments array on every call.
 *
 * The generated code covers the common case only (every hook returns a plain value); the
 * moment a hook returns a promise, it hands over to the continuations of `call-loop.ts`,
 * which hold the async rules. Hosts that forbid code generation get the loop instead.
 */
import { callWithLoop, continueAfterPre, postsFrom, runPosts } from "./call-loop.js";
import type { CallPlan } from "./call-plan.js";
import { hookFailed, isThenable, strayPromise } from "./report.js";
import { isTraced } from "./tracing.js";
import type { AnyFunction } from "./types.js";

/** The helpers generated code calls, passed in rather than reached through globals. */
const helpers = {
  callWithLoop,
  continueAfterPre,
  postsFrom,
  runPosts,
  hookFailed,
  isThenable,
  strayPromise,
  isTraced,
};

/** The most arguments a call path is generated for; calls with more use the loop. */
export const MAX_GENERATED_ARITY = 8;

/** Writes the source of the call path of `plan` for calls with `arity` arguments. */
function runnerSource(plan: CallPlan, arity: number): string {
  const params = Array.from({ length: arity }, (_, i) => `a${i}`);
  const hookArgs = [
    ...(plan.passFunction ? ["fn"] : []),
    ...(plan.passThis ? ["this"] : []),
    ...params,
  ].join(", ");
  // post gets the result first, after the function with passFunction (Nova: post(f, rv, *args)).
  const afterResult = [...(plan.passThis ? ["this"] : []), ...params];
  const withResult = [...(plan.passFunction ? ["fn"] : []), "v", ...afterResult].join(", ");
  const argsArray = `[${hookArgs}]`;
  const onFatal = plan.isAsync ? "return Promise.reject(e);" : "throw e;";
  const out: string[] = [];
  out.push(`return function run(${params.join(", ")}) {`);
  // A subscriber on the tracing channel: take the loop, which publishes each hook run.
  out.push(`  if (h.isTraced()) return h.callWithLoop(plan, this, [${params.join(", ")}]);`);
  plan.pres.forEach((_, i) => {
    const onPromise = plan.isAsync
      ? `return h.continueAfterPre(plan, this, [${params.join(", ")}], ${argsArray}, ${i}, r);`
      : `h.strayPromise(plan, plan.pres[${i}], "pre", r);`;
    out.push(
      "  try {",
      `    const r = pre${i}.pre(${hookArgs});`,
      `    if (r !== undefined && h.isThenable(r)) ${onPromise}`,
      `  } catch (e) { if (h.hookFailed(plan, plan.pres[${i}], "pre", e)) ${onFatal} }`,
    );
  });
  out.push(`  const v = fn.call(this${params.map((p) => `, ${p}`).join("")});`);
  if (plan.posts.length === 0) {
    out.push("  return v;");
  } else {
    const posts = (onPromise: (i: number) => string, indent: string) =>
      plan.posts.flatMap((_, i) => [
        `${indent}try {`,
        `${indent}  const r = post${i}.post(${withResult});`,
        `${indent}  if (r !== undefined && h.isThenable(r)) ${onPromise(i)}`,
        `${indent}} catch (e) { if (h.hookFailed(plan, plan.posts[${i}], "post", e)) throw e; }`,
      ]);
    if (plan.isAsync) {
      // The one promise an async call with post hooks needs: post runs after the result.
      out.push("  return v.then((v) => {");
      out.push(
        ...posts((i) => `return h.postsFrom(plan, ${argsArray}, v, ${i + 1}, r, true);`, "    "),
      );
      out.push("    return v;", "  });");
    } else {
      out.push(
        `  if (v !== undefined && h.isThenable(v)) return h.runPosts(plan, ${argsArray}, v);`,
      );
      out.push(...posts((i) => `h.strayPromise(plan, plan.posts[${i}], "post", r);`, "  "));
      out.push("  return v;");
    }
  }
  out.push("};");
  return out.join("\n");
}

/**
 * Compiles the call path of `plan` for `arity` arguments, or returns undefined when the host
 * forbids code generation (`--disallow-code-generation-from-strings`, a CSP).
 */
export function generateRunner(plan: CallPlan, arity: number): AnyFunction | undefined {
  // A serial number makes every source unique. V8 caches code compiled from identical source
  // text, and with it the type feedback: two hooked functions with the same number of hooks
  // would share one `pre0.pre(...)` call site, see both plugins' classes and go megamorphic
  // (measured: 10 hooks, 9 hooked functions in the process, 182 ns per call instead of 8).
  const source = `"use strict"; // plughooks call path ${++serial}\n${runnerSource(plan, arity)}`;
  const preNames = plan.pres.map((_, i) => `pre${i}`);
  const postNames = plan.posts.map((_, i) => `post${i}`);
  let factory: (...values: unknown[]) => AnyFunction;
  try {
    factory = new Function("fn", "plan", "h", ...preNames, ...postNames, source) as typeof factory;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
  return factory(
    plan.target,
    plan,
    helpers,
    ...plan.pres.map((x) => x.hook),
    ...plan.posts.map((x) => x.hook),
  );
}

let serial = 0;

/**
 * The call paths of one hooked function as the generated wrapper reads them: `r0` ... `r8`
 * for calls with that many arguments, `rx` for more. Each starts as the first-call function,
 * which builds the call path and stores it here. An object with fixed fields, not an array:
 * with the argument count known where the wrapper is inlined, a call costs one field load.
 */
export type CallPathSlots = Record<string, AnyFunction>;

export function callPathSlots(firstCall: AnyFunction): CallPathSlots {
  const slots: CallPathSlots = {};
  resetSlots(slots, firstCall);
  return slots;
}

/** Points every slot back at the first-call function (after `reset()` or `register()`). */
export function resetSlots(slots: CallPathSlots, firstCall: AnyFunction): void {
  for (let i = 0; i <= MAX_GENERATED_ARITY; i++) slots[`r${i}`] = firstCall;
  slots.rx = firstCall;
}

/**
 * Compiles the wrapper of one hooked function: what callers call, which picks the call path
 * for the number of arguments. Generated per hooked function because closures made from one
 * function literal share their type feedback in V8: with one shared wrapper, its call site
 * sees the call paths of every hooked function in the process, goes megamorphic and inlines
 * none of them (measured with 8 other hooked functions in the process: 23 ns per call at 1
 * hook instead of 2.5, and an arguments object allocated per call). The `switch` gives each
 * argument count its own call site, and folds away where V8 inlines the wrapper (the count is
 * then known). Undefined when the host forbids code generation; the caller then uses a
 * shared closure.
 */
export function generateWrapper(slots: CallPathSlots): AnyFunction | undefined {
  // Each case is `f.apply(this, arguments)` and nothing else uses `arguments`, so V8
  // forwards the caller's arguments without allocating an arguments object.
  const cases = Array.from(
    { length: MAX_GENERATED_ARITY + 1 },
    (_, i) => `    case ${i}: return s.r${i}.apply(this, arguments);`,
  );
  const source = `"use strict"; // plughooks hooked function ${++serial}
return function hooked() {
  switch (arguments.length) {
${cases.join("\n")}
    default: return s.rx.apply(this, arguments);
  }
};`;
  try {
    return new Function("s", source)(slots) as AnyFunction;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}

/** The call path without generated code: the reference loop (megamorphic, but CSP-safe). */
export function loopRunner(plan: CallPlan): AnyFunction {
  return function run(this: unknown, ...args: unknown[]) {
    return callWithLoop(plan, this, args);
  };
}
