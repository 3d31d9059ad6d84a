/**
 * The counters the `counted` plugin of `plugin-fixtures.ts` writes to. Apart from the
 * fixtures, because the memory child process must not import `node:test` (it would print a
 * test report on the child's stdout).
 */
export interface Counters {
  evaluations: number;
  constructions: number;
}

/** The counters the `counted` plugin writes to. */
export const counters = (): Counters =>
  ((globalThis as { __plughooksFaultCounters?: Counters }).__plughooksFaultCounters ??= {
    evaluations: 0,
    constructions: 0,
  });
