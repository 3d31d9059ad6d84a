import { type FatalHookError, isFatalHookError } from "../errors/index.js";
import { describeThrown } from "../text/describe-thrown.js";
import { printable } from "../text/printable.js";
import type { CallPlan, RunHook } from "./call-plan.js";

export type Phase = "pre" | "post";

// Package data is escaped here as well as at the logger: a newline in it must not forge a line.
const where = (plan: CallPlan, hook: RunHook, phase: Phase) =>
  printable(
    `hook "${plan.hookName}" (${phase}) from package "${hook.package}"` +
      (hook.entryPoint === undefined
        ? ""
        : ` (entry point "${plan.group}:${hook.entryPoint.name}" = ${JSON.stringify(hook.entryPoint.reference)})`),
  );

/**
 * Logs an error a hook threw (or its promise rejected with) and says whether it is fatal.
 * Nova's rule: a {@link FatalHookError} (of any copy of plughooks: see `isFatalHookError`) is logged and re-thrown to the caller; any other
 * error is logged with its stack and swallowed, and everything else still runs.
 */
export function hookFailed(plan: CallPlan, hook: RunHook, phase: Phase, error: unknown): boolean {
  if (isFatalHookError(error)) {
    plan.logger.error(
      `[ERR_FATAL_HOOK] ${where(plan, hook, phase)} raised FatalHookError, so the call is stopped: ${describeThrown(error)}`,
    );
    return true;
  }
  plan.logger.error(
    `[ERR_HOOK_FAILED] ${where(plan, hook, phase)} failed; the error is ignored: ${describeThrown(error)}`,
  );
  return false;
}

/** A hook's promise did not settle within `hookTimeout`: the call goes on without it. */
export function hookTimedOut(plan: CallPlan, hook: RunHook, phase: Phase, ms: number): void {
  plan.logger.error(
    `[ERR_HOOK_TIMEOUT] ${where(plan, hook, phase)} did not settle within its timeout of ${ms} ms (hookTimeout); the call proceeds without it`,
  );
}

/** A hook's promise rejected after its timeout had fired: too late to matter, but logged. */
export function lateRejection(plan: CallPlan, hook: RunHook, phase: Phase, error: unknown): void {
  plan.logger.error(
    `[ERR_HOOK_LATE_REJECTION] ${where(plan, hook, phase)} rejected after its timeout; the error is ignored: ${describeThrown(error)}`,
  );
}

// One warning per hook object and phase: a hot path must not flood the log.
const warnedStray = new WeakMap<object, Set<Phase>>();

/**
 * A hook of a sync function returned a promise, which nothing will wait for. Warn once,
 * and handle its rejection so that it never becomes an unhandled rejection.
 */
export function strayPromise(
  plan: CallPlan,
  hook: RunHook,
  phase: Phase,
  promise: PromiseLike<unknown>,
): void {
  let phases = warnedStray.get(hook.hook);
  if (phases === undefined) {
    phases = new Set();
    warnedStray.set(hook.hook, phases);
  }
  if (!phases.has(phase)) {
    phases.add(phase);
    plan.logger.warn(
      `[ERR_HOOK_STRAY_PROMISE] ${where(plan, hook, phase)} returned a promise, but "${plan.hookName}" is hooked on a sync function, so nothing waits for it; its rejection will be logged`,
    );
  }
  try {
    promise.then(undefined, (error: unknown) => {
      plan.logger.error(
        `[ERR_HOOK_PROMISE_REJECTED] ${where(plan, hook, phase)} returned a promise that rejected: ${describeThrown(error)}`,
      );
    });
  } catch (error) {
    hookFailed(plan, hook, phase, error);
  }
}

/** A value whose `then` is a function: a promise, or any thenable. Never throws. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    return false;
  }
}
