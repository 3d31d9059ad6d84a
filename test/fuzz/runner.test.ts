/**
 * The hook runner against a model of Nova's rules. Random lists of hooks whose `pre` and
 * `post` return, throw, throw FatalHookError, throw non-Errors, return promises that resolve
 * or reject (later, on a macrotask, so a missing await shows), or thenables whose `then`
 * throws; on sync and async functions that return, throw, or return promises; with code
 * generation on and off, traced and not, any argument count (past the generated arities
 * too), `passFunction` and `passThis`, with and without `hookTimeout` (and hooks that
 * never settle). What is compared with the model: which hooks ran and
 * in what order (and that awaited promises settled before the next step), whether the call
 * ran, the arguments every hook got, what the caller got (the very value or error), and
 * what was logged. No run may leave an unhandled rejection.
 */
import assert from "node:assert/strict";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { createHooks, FatalHookError, TRACING_CHANNEL } from "../../src/index.js";
import {
  check,
  countInput,
  recordingLogger,
  runs,
  settle,
  tempDir,
  watchUnhandledRejections,
  writeFile,
} from "./support.js";

const ACTS = [
  "return", // a plain value (ignored)
  "weird", // an object whose `then` getter throws: not a thenable, a plain value
  "throw", // an Error
  "throwValue", // a non-Error whose toString throws
  "fatal", // FatalHookError
  "resolve", // a promise that resolves on a later macrotask
  "reject", // a promise that rejects with an Error on a later macrotask
  "rejectFatal", // a promise that rejects with FatalHookError on a later macrotask
  "badThen", // a thenable whose `then` throws
  "hang", // a promise that never settles (drawn only when a hookTimeout is set)
] as const;
type Act = (typeof ACTS)[number];
type Phase = "pre" | "post";
const FN_KINDS = ["value", "throw", "resolve", "reject"] as const;
type FnKind = (typeof FN_KINDS)[number];

interface HookSpec {
  readonly pre: Act | undefined;
  readonly post: Act | undefined;
}
interface Case {
  readonly hooks: readonly HookSpec[];
  /** Declared async (then "resolve"/"reject" mean: awaits, then returns/throws). */
  readonly isAsync: boolean;
  readonly fn: FnKind;
  readonly codegen: boolean;
  readonly traced: boolean;
  readonly arity: number;
  readonly passFunction: boolean;
  readonly passThis: boolean;
  /** Run with `hookTimeout` (then hooks may hang; their promises settle on microtasks). */
  readonly timeout: boolean;
}

/** With no timeout a hanging hook would hold an awaited call forever: it resolves instead. */
const noHangWithoutTimeout = (c: Case): Case =>
  c.timeout
    ? c
    : {
        ...c,
        hooks: c.hooks.map(({ pre, post }) => ({
          pre: pre === "hang" ? "resolve" : pre,
          post: post === "hang" ? "resolve" : post,
        })),
      };
const TIMEOUT_MS = 20;

const actArb = fc.option(fc.constantFrom(...ACTS), { nil: undefined, freq: 4 });
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    hooks: fc.array(fc.record({ pre: actArb, post: actArb }), { maxLength: 6 }),
    isAsync: fc.boolean(),
    fn: fc.constantFrom(...FN_KINDS),
    codegen: fc.boolean(),
    traced: fc.boolean(),
    arity: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(9)),
    passFunction: fc.boolean(),
    passThis: fc.boolean(),
    timeout: fc.boolean(),
  })
  .map(noHangWithoutTimeout);

type Outcome =
  | { readonly how: "return" | "resolve"; readonly value: "result" }
  | { readonly how: "throw" | "reject"; readonly error: "target" | `${number}${Phase}` };

interface Expected {
  readonly events: string[];
  readonly outcome: Outcome;
  readonly logs: string[];
  /** Hook phases whose promise nothing awaits: their settling is not part of the order. */
  readonly stray: Set<string>;
}

/** Nova's rules, as plughooks documents them (ARCHITECTURE.md "Hook semantics"). */
function model(c: Case): Expected {
  const events: string[] = [];
  const logs: string[] = [];
  const stray = new Set<string>();
  // Runs one phase of every hook; returns the key of the fatal error that stops the call.
  const phase = (phase: Phase, awaits: boolean): `${number}${Phase}` | undefined => {
    for (const [i, spec] of c.hooks.entries()) {
      const act = spec[phase];
      if (act === undefined) continue;
      const key = `${i}${phase}` as const;
      events.push(key);
      switch (act) {
        case "return":
        case "weird":
          break;
        case "throw":
        case "throwValue":
          logs.push(`error:${phase}:failed:${i}`);
          break;
        case "fatal":
          logs.push(`error:${phase}:fatal:${i}`);
          return key;
        case "badThen":
          if (!awaits) logs.push(`warn:${phase}:stray`);
          logs.push(`error:${phase}:failed:${i}`);
          break;
        case "hang":
          if (awaits)
            logs.push(`error:${phase}:timeout`); // reported, and the call goes on
          else {
            stray.add(key);
            logs.push(`warn:${phase}:stray`);
          }
          break;
        case "resolve":
        case "reject":
        case "rejectFatal":
          if (awaits) {
            events.push(`${key}:settled`);
            if (act === "reject") logs.push(`error:${phase}:failed:${i}`);
            if (act === "rejectFatal") {
              logs.push(`error:${phase}:fatal:${i}`);
              return key;
            }
          } else {
            stray.add(key);
            logs.push(`warn:${phase}:stray`);
            if (act !== "resolve") logs.push(`error:${phase}:rejected:${i}`);
          }
          break;
      }
    }
    return undefined;
  };
  const done = (outcome: Outcome): Expected => ({ events, outcome, logs, stray });

  // An async function awaits its pre hooks; a sync one never waits before the call.
  const fatalPre = phase("pre", c.isAsync);
  if (fatalPre !== undefined) return done({ how: c.isAsync ? "reject" : "throw", error: fatalPre });
  events.push("call");
  const returnsPromise = c.isAsync || c.fn === "resolve" || c.fn === "reject";
  if (c.fn === "throw" || c.fn === "reject") {
    // The function's own error reaches the caller unchanged, and no post hook runs.
    return done({ how: returnsPromise ? "reject" : "throw", error: "target" });
  }
  // Post hooks are awaited when the result is a promise (plughooks waits for it anyway).
  const fatalPost = phase("post", returnsPromise);
  if (fatalPost !== undefined) {
    return done({ how: returnsPromise ? "reject" : "throw", error: fatalPost });
  }
  return done({ how: returnsPromise ? "resolve" : "return", value: "result" });
}

const later = (run: () => void) => new Promise<void>((resolve) => setImmediate(resolve)).then(run);
const soon = (run: () => void) =>
  Promise.resolve()
    .then(() => undefined)
    .then(run);

/** Runs one case for real and compares it with the model. */
async function runCase(c: Case, root: string): Promise<void> {
  const logger = recordingLogger();
  const hooks = createHooks({
    group: "fuzz",
    root,
    logger,
    codegen: c.codegen,
    ...(c.timeout ? { hookTimeout: TIMEOUT_MS } : {}),
    env: {},
  });
  // With a timeout running, hook promises settle on microtasks, so that no loaded machine
  // can make a settling hook look like a hanging one; a missing await still shows, as the
  // next hook would then run before the microtask.
  const settleLater = c.timeout ? soon : later;
  const events: string[] = [];
  const thrown = new Map<string, unknown>();
  const received: { key: string; args: unknown[] }[] = [];

  const behave = (i: number, phase: Phase, act: Act, args: unknown[]): unknown => {
    const key = `${i}${phase}`;
    events.push(key);
    received.push({ key, args });
    const token = `#${key}#`;
    const keep = <E>(error: E): E => {
      thrown.set(key, error);
      return error;
    };
    switch (act) {
      case "return":
        return { ignored: token };
      case "weird":
        // biome-ignore lint/suspicious/noThenProperty: a hostile almost-thenable, on purpose
        return Object.defineProperty({}, "then", {
          get() {
            throw new Error("a then getter that throws");
          },
        });
      case "throw":
        throw keep(new Error(`boom ${token}`));
      case "throwValue":
        throw keep({
          token,
          toString() {
            throw new Error("toString throws");
          },
        });
      case "fatal":
        throw keep(new FatalHookError(`fatal ${token}`));
      case "badThen":
        return {
          // biome-ignore lint/suspicious/noThenProperty: a thenable whose then throws, on purpose
          then() {
            throw keep(new Error(`then throws ${token}`));
          },
        };
      case "hang":
        return new Promise(() => {});
      case "resolve":
        return settleLater(() => {
          events.push(`${key}:settled`);
        });
      case "reject":
      case "rejectFatal": {
        const error = keep(
          act === "reject" ? new Error(`rejected ${token}`) : new FatalHookError(`fatal ${token}`),
        );
        return settleLater(() => {
          events.push(`${key}:settled`);
          throw error;
        });
      }
    }
  };
  for (const [i, spec] of c.hooks.entries()) {
    const object: { pre?: (...a: unknown[]) => unknown; post?: (...a: unknown[]) => unknown } = {};
    const { pre, post } = spec;
    if (pre !== undefined) object.pre = (...args) => behave(i, "pre", pre, args);
    if (post !== undefined) object.post = (...args) => behave(i, "post", post, args);
    hooks.register("fuzz_hook", object);
  }

  const result = { the: "result" };
  const targetError = new Error("the function's own error");
  let target: (...args: unknown[]) => unknown;
  if (c.isAsync) {
    target = async function target(this: unknown, ...args: unknown[]) {
      events.push("call");
      received.push({ key: "call", args: [this, ...args] });
      await later(() => {});
      if (c.fn === "throw" || c.fn === "reject") throw targetError;
      return result;
    };
  } else {
    target = function target(this: unknown, ...args: unknown[]) {
      events.push("call");
      received.push({ key: "call", args: [this, ...args] });
      if (c.fn === "throw") throw targetError;
      if (c.fn === "resolve") return later(() => {}).then(() => result);
      if (c.fn === "reject") {
        return later(() => {
          throw targetError;
        });
      }
      return result;
    };
  }
  const hooked = hooks.addHook("fuzz_hook", {
    passFunction: c.passFunction,
    passThis: c.passThis,
  })(target);

  const self = { self: true };
  const args = Array.from({ length: c.arity }, (_, k) => ({ arg: k }));
  const tracer = () => {};
  if (c.traced) subscribe(`tracing:${TRACING_CHANNEL}:start`, tracer);
  let got: { how: Outcome["how"]; value: unknown };
  try {
    const returned = hooked.apply(self, args);
    const isPromise = returned instanceof Promise;
    try {
      const value = isPromise ? await returned : returned;
      got = { how: isPromise ? "resolve" : "return", value };
    } catch (error) {
      got = { how: "reject", value: error };
    }
  } catch (error) {
    got = { how: "throw", value: error };
  } finally {
    if (c.traced) unsubscribe(`tracing:${TRACING_CHANNEL}:start`, tracer);
  }
  await settle(4); // stray promises settle, and their rejections get logged

  const expected = model(c);
  // What the caller got: the very result, or the very error.
  assert.equal(got.how, expected.outcome.how, "how the call ended");
  if ("value" in expected.outcome) assert.equal(got.value, result);
  else if (expected.outcome.error === "target") assert.equal(got.value, targetError);
  else assert.equal(got.value, thrown.get(expected.outcome.error));

  // Which hooks ran, in order; awaited promises settled before the next step.
  const order = events.filter(
    (e) => !(e.endsWith(":settled") && expected.stray.has(e.slice(0, -8))),
  );
  assert.deepEqual(order, expected.events, "the order of hooks and call");

  // What each hook and the function received.
  const hookArgs = [...(c.passFunction ? [target] : []), ...(c.passThis ? [self] : []), ...args];
  for (const { key, args: got } of received) {
    if (key === "call") assert.deepEqual(got, [self, ...args]);
    else if (key.endsWith("pre")) assert.deepEqual(got, hookArgs, key);
    else if (c.passFunction) {
      // Nova's post(f, rv, *args): the function, then the result, then the rest.
      assert.equal(got[0], target, `${key} gets the function first`);
      assert.equal(got[1], result, `${key} gets the result second`);
      assert.deepEqual(got.slice(2), hookArgs.slice(1), key);
    } else {
      assert.equal(got[0], result, `${key} gets the result first`);
      assert.deepEqual(got.slice(1), hookArgs, key);
    }
  }

  // What was logged about the hooks.
  const logs = logger.lines
    .filter((line) => line.message.includes('hook "fuzz_hook"'))
    .map(({ level, message }) => {
      const phase = / \((pre|post)\) /.exec(message)?.[1] ?? "?";
      const kind = message.includes("raised FatalHookError")
        ? "fatal"
        : message.includes("failed; the error is ignored")
          ? "failed"
          : message.includes("returned a promise, but")
            ? "stray"
            : message.includes("returned a promise that rejected")
              ? "rejected"
              : message.includes(`did not settle within its timeout of ${TIMEOUT_MS} ms`)
                ? "timeout"
                : "?";
      const index =
        kind === "stray" || kind === "timeout"
          ? ""
          : `:${/#(\d+)(pre|post)#/.exec(message)?.[1] ?? "?"}`;
      return `${level}:${phase}:${kind}${index}`;
    });
  assert.deepEqual(logs.sort(), [...expected.logs].sort(), "what was logged");
}

// A timeout, so that a broken hookTimeout fails the test instead of hanging it.
test("[promise:nova-rules] the hook runner follows Nova's rules for any mix of hooks, functions and call paths", {
  timeout: Math.max(120_000, runs(300) * 100),
}, async () => {
  const root = tempDir();
  writeFile(join(root, "package.json"), JSON.stringify({ name: "fuzz-root" }));
  const rejections = watchUnhandledRejections();
  try {
    await check(
      "runner: equals the model of Nova's rules",
      fc.asyncProperty(caseArb, async (c) => {
        countInput();
        await runCase(c, root);
        assert.deepEqual(rejections.seen, [], "no unhandled rejection");
      }),
      runs(300),
    );
  } finally {
    rejections.stop();
  }
});

test("the model is exercised on both call paths, sync and async", async () => {
  // The property above draws these at random; here each combination runs once for sure.
  const root = tempDir();
  writeFile(join(root, "package.json"), JSON.stringify({ name: "fuzz-root" }));
  const hooks: HookSpec[] = ACTS.map((act, i) => ({
    pre: act === "fatal" || act === "rejectFatal" ? "throw" : act,
    post: ACTS[(i + 3) % ACTS.length] === "fatal" ? "reject" : ACTS[(i + 3) % ACTS.length],
  }));
  for (const codegen of [true, false]) {
    for (const isAsync of [true, false]) {
      for (const fn of FN_KINDS) {
        await runCase(
          {
            hooks,
            isAsync,
            fn,
            codegen,
            traced: false,
            arity: 2,
            passFunction: false,
            passThis: true,
            timeout: true,
          },
          root,
        );
      }
    }
  }
});
