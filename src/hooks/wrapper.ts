/**
 * The hooked function itself: a compact wrapper generated per declared arity (see codegen.ts
 * for why code is generated, and what the wrapper calls). Apart from codegen.ts, because every
 * hooked function needs it when it is created, while the call paths are generated on the first
 * call that has hooks to run: this module is in the main file, codegen.ts is not.
 */
import type { AnyFunction } from "./types.js";

/** The most arguments a call path is generated for; calls with more use the loop. */
export const MAX_GENERATED_ARITY = 8;

/**
 * A hooked function's wrapper, and the setter of its fast path: after `setPath(k, r)`, calls
 * with exactly `k` arguments go to `r(self, a0, ...)`; `setPath(-1, r)` sends every call to
 * `other` again (keeping `r` where the wrapper's call site saw it).
 */
export interface Wrapper {
  readonly hooked: AnyFunction;
  readonly setPath: (count: number, path: AnyFunction) => void;
}

/** Wrappers compiled but not handed out yet, for one arity. */
interface Batch {
  /** Makes wrapper `i`, named `name`, for `state`: a closure of the `i`th literal. */
  readonly make: (
    i: number,
    name: string,
    state: unknown,
    k: number,
    p: undefined,
    other: AnyFunction,
  ) => [AnyFunction, Wrapper["setPath"]];
  readonly size: number;
  next: number;
}

const batches: (Batch | undefined)[] = [];
/**
 * Batches start small (an application with a few hooked functions compiles a few literals)
 * and double up to {@link MAX_BATCH}.
 */
const FIRST_BATCH = 8;
const MAX_BATCH = 64;

/**
 * The wrapper for `arity` declared parameters: what callers call. Why it looks the way it does:
 * - It must be its own function literal: closures made from one literal share their type
 *   feedback in V8, so with one shared wrapper its call site would see the call paths of every
 *   hooked function, go megamorphic and inline none of them (measured: 23 ns per call at 1
 *   hook instead of 2.5).
 * - Compiling a literal is most of the cost of making a hooked function, so literals are
 *   compiled in batches: one script holds `make`, whose case `i` makes a closure of the `i`th
 *   literal, and its wrappers are handed out one by one. The literals are only pre-parsed
 *   with the batch; each one's bytecode is made on its hooked function's first call. Per
 *   wrapper: the closure, `make`'s context (`k`, `p`, the state `s` and `other` as `o`) and a
 *   closure of the batch's one setter literal; no factory per literal.
 * - It is as small as a function can be: 44 bytes of bytecode for one parameter. Four hooked
 *   call sites in one caller must fit V8's cumulative inlining budget (920 bytes in Node 20)
 *   with their call paths and hooks: a decorated method with one hook and four call sites
 *   fits with this wrapper, and did not with a 59-byte one reading `k` and the path from the
 *   state object's fields (`--trace-turbo-inlining`: the fourth site was not inlined, 1.53x
 *   the limit instead of about 1.1x). A call with exactly `k` arguments goes to
 *   `p(this, a0, ...)` with fixed parameters; any other call (and the first: `k` starts at
 *   -1, so the `p` call site only ever sees real call paths and stays monomorphic) goes to
 *   `other`. `arguments` is only read for its length and spread into `other`, which V8
 *   forwards without allocating an arguments object. Everything it reads is a parameter of
 *   `make`, in `make`'s context: no temporal-dead-zone check, as a `let` or `const` needs.
 * - A method with a computed name, not a `function`: a hooked function is not a constructor,
 *   and a computed name costs nothing per function (defining `name` afterwards would turn every
 *   wrapper's properties into a dictionary: about 200 bytes each).
 * Undefined when code generation is refused.
 */
export function wrapperFor(
  arity: number,
  name: string,
  state: unknown,
  other: AnyFunction,
): Wrapper | undefined {
  let batch = batches[arity];
  if (batch === undefined || batch.next === batch.size) {
    const size = batch === undefined ? FIRST_BATCH : Math.min(batch.size * 2, MAX_BATCH);
    batch = compileBatch(arity, size);
    if (batch === undefined) return undefined;
    batches[arity] = batch;
  }
  const [hooked, setPath] = batch.make(batch.next++, name, state, -1, undefined, other);
  return { hooked, setPath };
}

function compileBatch(arity: number, size: number): Batch | undefined {
  const params = Array.from({ length: arity }, (_, i) => `a${i}`).join(",");
  const call = arity === 0 ? "this" : `this,${params}`;
  const cases: string[] = [];
  for (let i = 0; i < size; i++) {
    cases.push(
      `case ${i}:return[{[n](${params}){return arguments.length===k?p(${call}):o(s,this,...arguments)}}[n],t]`,
    );
  }
  // `make` in parentheses: V8 compiles it with the batch, in one go (the literals in it are
  // pre-parsed once), instead of parsing it all again on its first call.
  const factory = compile(
    [],
    `"use strict"; // plughooks hooked functions ${nextSerial()}\nreturn (function(i,n,s,k,p,o){const t=(c,q)=>{k=c;p=q};switch(i){\n${cases.join("\n")}\n}});`,
  );
  if (factory === undefined) return undefined;
  return { make: factory() as Batch["make"], size, next: 0 };
}

/** `new Function`, or undefined when the host refuses code generation from strings. */
export function compile(
  parameters: readonly string[],
  source: string,
): ((...values: unknown[]) => unknown) | undefined {
  if (refused) return undefined;
  try {
    return new Function(...parameters, source) as (...values: unknown[]) => unknown;
  } catch (error) {
    if (error instanceof EvalError) {
      refused = true;
      return undefined;
    }
    throw error;
  }
}

let serial = 0;
/** A number for each compiled source: see generateRunner (codegen.ts) for why. */
export const nextSerial = (): number => ++serial;
/** Set once code generation was refused: a host that forbids it forbids it for good. */
let refused = false;
