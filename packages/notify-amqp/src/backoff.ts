/** Reconnect delays: exponential from `initialDelay` to `maxDelay`, with jitter. */
export interface BackoffOptions {
  /** First delay in ms. Default 100. */
  readonly initialDelay?: number;
  /** Longest delay in ms. Default 5000. */
  readonly maxDelay?: number;
  /** Growth per attempt. Default 2. */
  readonly factor?: number;
  /** Random spread, 0..1, so that many clients do not reconnect in step. Default 0.2. */
  readonly jitter?: number;
}

/** The delay before reconnect attempt `attempt` (0-based), never above `maxDelay`. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelay ?? 100;
  const max = options.maxDelay ?? 5000;
  const factor = options.factor ?? 2;
  const jitter = Math.min(Math.max(options.jitter ?? 0.2, 0), 1);
  const base = Math.min(initial * factor ** Math.min(attempt, 30), max / (1 + jitter));
  return Math.round(base * (1 + jitter * Math.random()));
}
