/** Where a command reads its environment and writes its output; the binary passes the process's. */
export interface CliIO {
  /** Writes to standard output. */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /** The environment (`NO_COLOR`, `FORCE_COLOR`, `PLUGHOOKS_*`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths are resolved against. */
  readonly cwd: string;
  /** Whether standard output is a terminal (colour is only used on one). */
  readonly stdoutIsTTY: boolean;
  /** Whether standard error is a terminal. */
  readonly stderrIsTTY: boolean;
}

/** The process's own streams and environment. */
export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
