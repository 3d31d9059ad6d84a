import { printableJson } from "../text/printable.js";
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

/** What a command's text renderer produces: its standard output, and its problem lines. */
export interface TextView {
  /** For standard output. */
  readonly out: string;
  /** For standard error: one line per problem, written before `out`. */
  readonly err: string;
}

/**
 * A command's text view of its `--json` document. Every string it takes from the document
 * goes through `printable` (tables do it for their cells): the document holds package data.
 */
type Renderer<Document> = (document: Document, color: Palette) => TextView;

/**
 * Writes a command's document: as JSON with `--json` (stable key order, two-space indent,
 * final newline, terminal-safe escapes), else through its text renderer.
 */
export function writeDocument<Document extends object>(
  context: CommandContext,
  json: boolean,
  document: Document,
  render: Renderer<Document>,
): void {
  if (json) {
    context.io.out(`${printableJson(JSON.stringify(document, null, 2))}\n`);
    return;
  }
  const view = render(document, context.color);
  if (view.err !== "") context.io.err(view.err);
  if (view.out !== "") context.io.out(view.out);
}

/** The common tail of every help text: the exit statuses, with what 1 means for the command. */
export function exitStatusHelp(problems = "problems found"): string {
  return `Exit status:\n  0  ok\n  1  ${problems}\n  2  usage error\n  3  internal error`;
}
