import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./exit-codes.js";

/** Option specs in `node:util` `parseArgs` form. */
export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/** The options every subcommand accepts. */
export const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const satisfies OptionSpecs;
/** `--root DIR`: the application to inspect. */
export const ROOT_OPTION = { root: { type: "string", short: "r" } } as const satisfies OptionSpecs;
/** `--group G`: one entry-point group. */
export const GROUP_OPTION = {
  group: { type: "string", short: "g" },
} as const satisfies OptionSpecs;
/** `--json`: machine-readable output. */
export const JSON_OPTION = { json: { type: "boolean" } } as const satisfies OptionSpecs;

/** The parsed command line of one subcommand. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses a subcommand's arguments with `node:util` `parseArgs` in strict mode (unknown
 * options are errors), turning its errors into {@link UsageError}s that name the command.
 * `positionals` is the exact number of positional arguments the command takes.
 */
export function parseCommandArgs(
  command: string,
  args: readonly string[],
  options: OptionSpecs,
  positionals: {
    readonly min: number;
    readonly max: number;
    readonly names?: readonly string[];
  } = {
    min: 0,
    max: 0,
  },
): ParsedArgs {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs messages are clear but long; keep the first sentence.
    const message = (error as Error).message.split(". ")[0] ?? "invalid arguments";
    throw new UsageError(message, command);
  }
  const help = parsed.values.help === true;
  if (!help && parsed.positionals.length < positionals.min) {
    const missing = positionals.names?.[parsed.positionals.length] ?? "argument";
    throw new UsageError(`missing <${missing}>`, command);
  }
  if (parsed.positionals.length > positionals.max) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(parsed.positionals[positionals.max])}`,
      command,
    );
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === "") throw new UsageError(`option --${name} needs a non-empty value`, command);
  }
  return {
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
}

/** A string option's value, or `undefined`. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}
