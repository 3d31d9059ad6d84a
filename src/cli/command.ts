import { type Palette, palette, useColor } from "./color.js";
import type { CliIO } from "./io.js";

/** What a subcommand runs with. */
export interface CommandContext {
  readonly io: CliIO;
  /** Colours for standard output. */
  readonly color: Palette;
  /** Colours for standard error. */
  readonly errColor: Palette;
}

/** One subcommand of `plughooks`. */
export interface Command {
  /** The subcommand's name, e.g. `"list"`. */
  readonly name: string;
  /** One line for `plughooks --help`. */
  readonly summary: string;
  /** The full `--help` text (kept in step with man/src/plughooks-<name>.1.md). */
  readonly help: string;
  /** Runs the command; resolves to the exit status. Throws `UsageError` for exit status 2. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

/** Builds the context for a run from its IO. */
export function commandContext(io: CliIO): CommandContext {
  return {
    io,
    color: palette(useColor(io.env, io.stdoutIsTTY)),
    errColor: palette(useColor(io.env, io.stderrIsTTY)),
  };
}

/** Writes `--json` output: stable key order, two-space indent, final newline. */
export function writeJson(context: CommandContext, value: object): void {
  context.io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** The common tail of every help text: the exit statuses, with what 1 means for the command. */
export function exitStatusHelp(problems = "problems found"): string {
  return `Exit status:\n  0  ok\n  1  ${problems}\n  2  usage error`;
}
