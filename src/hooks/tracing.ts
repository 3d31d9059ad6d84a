import type { TracingChannel } from "node:diagnostics_channel";
import type { CallPlan, RunHook } from "./call-plan.js";
import type { Phase } from "./report.js";

/**
 * The context published for each hook run on the `plughooks.hook` tracing channel
 * (`tracing:plughooks.hook:start`, `:end`, `:error`), so APM tools and OpenTelemetry can see
 * hook runs without code changes.
 */
export interface HookRunContext {
  readonly hookName: string;
  readonly group: string;
  readonly phase: Phase;
  readonly package: string;
  /** The entry-point reference, or undefined for a registered hook. */
  readonly reference: string | undefined;
  /** The arguments the hook received. */
  readonly arguments: readonly unknown[];
  /** Set by the channel when the hook throws. */
  error?: unknown;
  /** Set by the channel to what the hook returned. */
  result?: unknown;
}

/**
 * The name of the tracing channel every hook run is published on, following Node's naming
 * pattern for tracing channels (`tracing:module.function:start`): the channels are
 * `tracing:plughooks.hook:start`, `:end` and `:error`. Hooked calls cost nothing extra while
 * nobody subscribes; when a subscriber appears, every hooked function switches to the
 * publishing call path (and back when the last one leaves).
 *
 * @example
 * ```ts
 * import { tracingChannel } from "node:diagnostics_channel";
 * import { type HookRunContext, TRACING_CHANNEL } from "plughooks";
 *
 * const started = new WeakMap<HookRunContext, number>();
 * tracingChannel<unknown, HookRunContext>(TRACING_CHANNEL).subscribe({
 *   start: (run) => started.set(run, performance.now()),
 *   end: (run) => console.log(`${run.hookName} ${run.phase} ${run.package}: ${(performance.now() - started.get(run)!).toFixed(2)} ms`),
 *   asyncStart: () => {},
 *   asyncEnd: () => {},
 *   error: (run) => console.error(`${run.hookName} ${run.phase} ${run.package} threw`, run.error),
 * });
 * ```
 */
export const TRACING_CHANNEL = "plughooks.hook";

interface Channels {
  readonly hook: TracingChannel<unknown, HookRunContext>;
  /** `tracing:<name>:start`: every subscriber of the tracing channel subscribes to it. */
  readonly start: { readonly hasSubscribers: boolean };
}

// `node:diagnostics_channel` is loaded on the first hooked call that builds a call path,
// not at import: importing plughooks must cost the host as little as possible.
let channels: Channels | undefined;
let traced = false;
const listeners = new Set<() => void>();

function open(): Channels {
  if (channels !== undefined) return channels;
  const dc = process.getBuiltinModule("node:diagnostics_channel");
  const hook = dc.tracingChannel<unknown, HookRunContext>(TRACING_CHANNEL);
  const start = hook.start as unknown as Record<string, unknown> & { hasSubscribers: boolean };
  // Node has no event for "someone subscribed". Every way to subscribe (`channel.subscribe`,
  // `diagnostics_channel.subscribe(name)`, `tracingChannel.subscribe`, and `bindStore`, which
  // also makes a channel active) goes through these four methods of this one channel object,
  // which Node keeps alive while we hold it: wrapping them on the object itself tells us when
  // to swap call paths, so the per-call path checks nothing.
  for (const method of ["subscribe", "unsubscribe", "bindStore", "unbindStore"]) {
    Object.defineProperty(start, method, {
      configurable: true,
      writable: true,
      value(this: object, ...args: unknown[]) {
        // The prototype changes (Channel <-> ActiveChannel) as subscribers come and go.
        const result = Reflect.apply(
          Reflect.get(Object.getPrototypeOf(this) as object, method) as (
            ...a: unknown[]
          ) => unknown,
          this,
          args,
        );
        subscribersChanged();
        return result;
      },
    });
  }
  channels = { hook, start };
  traced = start.hasSubscribers;
  return channels;
}

function subscribersChanged(): void {
  const now = channels!.start.hasSubscribers;
  if (now === traced) return;
  traced = now;
  for (const listener of [...listeners]) listener();
}

/**
 * Whether anyone listens on the tracing channel now. Asked when a call path is built: a
 * traced hooked function takes the loop, which publishes each hook run.
 */
export function isTraced(): boolean {
  open();
  return traced;
}

/**
 * Calls `listener` whenever tracing starts or stops (call paths built for the other state
 * must be dropped). Returns the function that stops listening.
 */
export function onTracingChange(listener: () => void): () => void {
  open();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls one hook's `pre` or `post` with `args` (for `post`, the result comes first), and
 * publishes it on the tracing channel when traced. The untraced path allocates nothing.
 */
export function traceHookCall(
  plan: CallPlan,
  hook: RunHook,
  phase: Phase,
  args: unknown[],
): unknown {
  const target = hook.hook;
  // Two named loads rather than `target[phase]`: a keyed load on hook objects of many
  // classes is the slowest kind of property access.
  const method = phase === "pre" ? target.pre! : target.post!;
  if (!traced) return Reflect.apply(method, target, args);
  const context: HookRunContext = {
    hookName: plan.hookName,
    group: plan.group,
    phase,
    package: hook.package,
    reference: hook.entryPoint?.reference,
    arguments: args,
  };
  return channels!.hook.traceSync(() => Reflect.apply(method, target, args), context);
}
