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
 * What a wrapper reads on every call: `k`, the argument count its fast path takes (-1: none),
 * and `r`, that fast path, called as `r(self, a0, ...)`. The hooked function's state object
 * (CallPaths) is this: one class, so the wrapper's reads stay monomorphic.
 */
export interface FastPath {
  k: number;
  r: AnyFunction | undefined;
}

/** Wrappers compiled but not handed out yet, for one arity. */
interface Batch {
  /** Makes wrapper `i`, named `name`, reading `state`: a closure of the `i`th literal. */
  readonly make: (i: number, name: string, state: FastPath) => AnyFunction;
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
 *   compiled in batches: one script holds a switch whose case `i` makes a closure of the `i`th
 *   literal, and its wrappers are handed out one by one. The literals are only pre-parsed with
 *   the batch; each one's bytecode is made on its hooked function's first call. Per wrapper,
 *   no factory, setter or array: a closure and a one-slot context holding `state`.
 * - It is small (59 bytes of bytecode for one parameter), because V8 inlines a caller's
 *   hooked calls only within a cumulative budget (920 bytes in Node 20) shared with their
 *   call paths and hooks. A call with exactly `state.k` arguments goes to `state.r` with
 *   fixed parameters; any other call (and the first: `k` starts at -1, so the `r` call site
 *   only ever sees real call paths and stays monomorphic) goes to `other`. `arguments` is only
 *   read for its length and spread into `other`, which V8 forwards without allocating an
 *   arguments object. `state` is a parameter of `make` that is never assigned, so a caller
 *   that inlines the wrapper reads two fields of a known object.
 *   Measured against the alternative, `k` and the path in `make`'s context with a setter
 *   closure per wrapper (44 bytes): that one is about 120 B larger and slower to create, and
 *   with no hook the bench put it at 1.22x the limit (1.34x for a decorated method) against
 *   1.08x (1.17x) for this one, steadily across processes. Its one gain: a decorated method
 *   with one small hook called from four sites in one loop, where this wrapper leaves the
 *   fourth call uninlined (`--trace-turbo-inlining`; 1.53x against 1.20x). Real hooks are
 *   larger than the bench's, which exhausts that budget with either wrapper. (`other` as a
 *   parameter of `make` saves 4 bytes of bytecode, not enough for that case, and costs about
 *   50 B per hooked function.)
 * - A method with a computed name, not a `function`: a hooked function is not a constructor,
 *   and a computed name costs nothing per function (defining `name` afterwards would turn every
 *   wrapper's properties into a dictionary: about 200 bytes each).
 * Undefined when code generation is refused.
 */
export function wrapperFor(
  arity: number,
  name: string,
  state: FastPath,
  other: AnyFunction,
): AnyFunction | undefined {
  let batch = batches[arity];
  if (batch === undefined || batch.next === batch.size) {
    const size = batch === undefined ? FIRST_BATCH : Math.min(batch.size * 2, MAX_BATCH);
    batch = compileBatch(arity, size, other);
    if (batch === undefined) return undefined;
    batches[arity] = batch;
  }
  return batch.make(batch.next++, name, state);
}

function compileBatch(arity: number, size: number, other: AnyFunction): Batch | undefined {
  const params = Array.from({ length: arity }, (_, i) => `a${i}`).join(",");
  const call = arity === 0 ? "this" : `this,${params}`;
  const cases: string[] = [];
  for (let i = 0; i < size; i++) {
    cases.push(
      `case ${i}:return{[n](${params}){return arguments.length===x.k?x.r(${call}):o(x,this,...arguments)}}[n];`,
    );
  }
  // `o` is a constant (a parameter is not), so that an optimising caller can fold it. `make`
  // in parentheses: V8 compiles it with the batch, in one go (the literals in it are
  // pre-parsed once), instead of parsing it all again on its first call.
  const factory = compile(
    ["O"],
    `"use strict"; // plughooks hooked functions ${nextSerial()}\nconst o=O;return (function(i,n,x){switch(i){\n${cases.join("\n")}\n}});`,
  );
  if (factory === undefined) return undefined;
  return { make: factory(other) as Batch["make"], size, next: 0 };
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
