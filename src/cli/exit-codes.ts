/** Exit statuses of the `plughooks` command, documented in plughooks(1). */
export const EXIT_OK = 0;
/** Problems were found (broken plugins, lock differences, a failed check). */
export const EXIT_PROBLEMS = 1;
/** The command line was wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;
/**
 * plughooks itself failed (a bug, or an environment failure such as an unreadable folder):
 * not "problems found", so a CI job never mistakes a crash for a verdict. pytest uses 3 too.
 */
export const EXIT_INTERNAL = 3;

/** Thrown for a command-line mistake; `main` prints it with a hint and exits with 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` to point at, if any. */
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}
