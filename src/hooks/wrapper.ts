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
 * What a hooked function's wrapper calls, as the wrapper sees it: `path` for calls with
 * `count` arguments, `other(state, self, ...args)` for every other call (and the first).
 */
export interface Wrapper {
  readonly hooked: AnyFunction;
  /** Sets the fast path: calls with `count` arguments go to `path(self, a0, ...)`. */
  readonly setPath: (count: number, path: AnyFunction) => void;
}

type WrapperFactory = (
  name: string,
  state: unknown,
  other: AnyFunction,
) => [AnyFunction, Wrapper["setPath"]];

/**
 * Unused wrappers, per declared arity. A wrapper must be its own function literal: closures
 * made from one literal share their type feedback in V8, so with one shared wrapper its call
 * site would see the call paths of every hooked function, go megamorphic and inline none of
 * them (measured: 23 ns per call at 1 hook instead of 2.5). Compiling one literal costs about
 * 23 µs and 770 B, ten times what creating a hooked function may cost, so literals are
 * compiled in batches of {@link BATCH} and handed out one by one. Their bytecode is made on
 * their first call, like any lazily compiled function.
 */
const batches: WrapperFactory[][] = [];
const BATCH = 32;

/**
 * The wrapper for `arity` declared parameters: what callers call. It is as small as a
 * function can be (40 bytes of bytecode: four hooked call sites in one caller stay within
 * V8's inlining budget): a call with exactly `k` arguments goes to `path(this, a0, ...)`
 * with fixed parameters; any other call (and the first: `k` starts at -1, so the `path`
 * call site only ever sees real call paths and stays monomorphic) goes to `other`.
 * `arguments` is only read for its length and spread into `other`, which V8 forwards
 * without allocating an arguments object. `k`, `path` and the rest are parameters of the
 * factory (context slots: cheaper to read than fields). A method, not a `function`: a
 * hooked function is not a constructor. Undefined when code generation is refused.
 */
export function wrapperFor(
  arity: number,
  name: string,
  state: unknown,
  other: AnyFunction,
): Wrapper | undefined {
  let batch = batches[arity];
  if (batch === undefined || batch.length === 0) {
    const params = Array.from({ length: arity }, (_, i) => `a${i}`);
    const call = ["this", ...params].join(",");
    // Short text (the batch's source stays in memory while any of its wrappers lives), and
    // each factory in parentheses: V8 compiles such functions with the batch, in one go,
    // instead of one lazy compilation (a re-parse) per hooked function. The wrapper inside
    // stays lazy: its bytecode is made on the hooked function's first call.
    const literal = `(function(n,s,o){var k=-1,p;return[{[n](${params.join(",")}){return arguments.length===k?p(${call}):o(s,this,...arguments)}}[n],function(c,q){k=c;p=q}]}),`;
    const factory = compile(
      [],
      `"use strict"; // plughooks hooked functions ${nextSerial()}\nreturn [\n${Array(BATCH).fill(literal).join("\n")}\n];`,
    );
    if (factory === undefined) return undefined;
    batch = factory() as WrapperFactory[];
    batches[arity] = batch;
  }
  const [hooked, setPath] = batch.pop()!(name, state, other);
  return { hooked, setPath };
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
