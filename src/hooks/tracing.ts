import { channel, tracingChannel } from "node:diagnostics_channel";
import type { CallPlan, RunHook } from "./call-plan.js";
import type { Phase } from "./report.js";

/**
 * The context published for each hook run on the `plughooks:hook` tracing channel
 * (`tracing:plughooks:hook:start`, `:end`, `:error`), so APM tools and OpenTelemetry can see
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
 * The name of the tracing channel every hook run is published on. Subscribing costs the
 * hooked calls nothing until someone subscribes; while someone does, calls take the
 * slower, publishing path.
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
export const TRACING_CHANNEL = "plughooks:hook";

const hookChannel = tracingChannel<unknown, HookRunContext>(TRACING_CHANNEL);
// Checking one channel is cheaper than the tracing channel's five; subscribers of the
// tracing channel always subscribe to `start`.
const startChannel = channel(`tracing:${TRACING_CHANNEL}:start`);

/** Whether anyone listens: the generated fast path hands over to the loop when so. */
export const isTraced = (): boolean => startChannel.hasSubscribers;

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
  if (!startChannel.hasSubscribers) return Reflect.apply(method, target, args);
  const context: HookRunContext = {
    hookName: plan.hookName,
    group: plan.group,
    phase,
    package: hook.package,
    reference: hook.entryPoint?.reference,
    arguments: args,
  };
  return hookChannel.traceSync(() => Reflect.apply(method, target, args), context);
}
