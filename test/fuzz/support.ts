/**
 * Shared by the fuzz and fault tests: run counts from the environment, a tally of what was
 * tried, temporary folders, a recording logger and an unhandled-rejection watch.
 *
 * `PLUGHOOKS_FUZZ_RUNS=100000` multiplies every property's run count up to that number (the
 * fast default keeps `npm test` quick); `PLUGHOOKS_FUZZ_SEED=<n>` replays a failure;
 * `PLUGHOOKS_FUZZ_REPORT=1` prints, per property, the runs and inputs tried.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import fc from "fast-check";

/** Runs of a property: its fast default, or `PLUGHOOKS_FUZZ_RUNS` when that is set. */
export function runs(fastDefault: number): number {
  const fromEnv = Number(process.env.PLUGHOOKS_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fastDefault;
}

const tally = new Map<string, { runs: number; inputs: number }>();
after(() => {
  if (process.env.PLUGHOOKS_FUZZ_REPORT !== "1" || tally.size === 0) return;
  for (const [name, { runs, inputs }] of tally) {
    console.log(`fuzz-report\t${name}\truns=${runs}\tinputs=${inputs}`);
  }
});

// Inputs tried in the current property; a property calls `countInput` for each.
let counted = 0;
/** Called by a property for each input it tries (a run may try a whole list of them). */
export function countInput(n = 1): void {
  counted += n;
}

/**
 * Checks a fast-check property (failing with fast-check's report, seed and counterexample
 * included) and records how many runs it made and how many inputs it tried, shrinking
 * included.
 */
export async function check<T>(
  name: string,
  property: fc.IProperty<T> | fc.IAsyncProperty<T>,
  numRuns: number,
): Promise<void> {
  counted = 0;
  const seed = Number(process.env.PLUGHOOKS_FUZZ_SEED);
  const details = await fc.check(property as fc.IAsyncProperty<T>, {
    numRuns,
    ...(Number.isInteger(seed) ? { seed } : {}),
  });
  const entry = tally.get(name) ?? { runs: 0, inputs: 0 };
  entry.runs += details.numRuns;
  entry.inputs += counted > 0 ? counted : details.numRuns;
  tally.set(name, entry);
  if (details.failed) {
    const cause = details.errorInstance;
    const why = cause instanceof Error ? `\n${cause.message}` : "";
    throw new Error(`${fc.defaultReportMessage(details) ?? `${name} failed`}${why}`, { cause });
  }
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// Fuzzing writes and deletes thousands of small files: in memory (tmpfs) where the system
// has it, since deleting on a disk mounted with `discard` costs a TRIM per file.
const TMP =
  process.env.PLUGHOOKS_FUZZ_TMP ??
  (process.platform === "linux" && existsSync("/dev/shm") ? "/dev/shm" : tmpdir());

/** A fresh temporary folder (real path), removed when the test file ends. */
export function tempDir(prefix = "plughooks-fuzz-"): string {
  const dir = realpathSync(mkdtempSync(join(TMP, prefix)));
  made.push(dir);
  return dir;
}

/** Writes a file, creating its folders. */
export function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

// The recording logger is the unit tests' own: one definition for every suite.
export { type LogLine, recordingLogger } from "../helpers/logger.js";

/**
 * Records unhandled rejections while a test runs. node:test would also fail the file on
 * one, but only after the fact and without saying which input caused it.
 */
export function watchUnhandledRejections(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => {
    seen.push(reason);
  };
  process.on("unhandledRejection", listener);
  return { seen, stop: () => process.off("unhandledRejection", listener) };
}

/** Lets pending promise jobs and timers of 0 ms run (rejections get reported by then). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
