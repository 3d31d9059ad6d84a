import {
  GROUP_OPTION,
  HELP_OPTION,
  JSON_OPTION,
  type OptionSpecs,
  type ParsedArgs,
  parseCommandArgs,
  ROOT_OPTION,
  stringOption,
} from "./args.js";
import type { CommandContext } from "./command.js";
import { type Discovered, openApp, rootOption } from "./core.js";

/** What a command that works on an installed application starts from. */
export interface AppCommandStart {
  readonly parsed: ParsedArgs;
  /** `--group`, when given. */
  readonly group: string | undefined;
  /**
   * The application at `--root` (or the working directory), discovered once for the whole
   * command, with identity, allow/deny and the lock applied by the library's load manager.
   */
  readonly found: Discovered;
}

/**
 * The shared start of `list`, `doctor`, `lock` and `verify`: parse `--root`, `--group`,
 * `--json`, `--help` and the command's own `extra` options, then discover the application.
 * Returns undefined when `--help` was asked for (and printed).
 */
export function startAppCommand(
  command: string,
  args: readonly string[],
  context: CommandContext,
  help: string,
  extra: OptionSpecs = {},
): AppCommandStart | undefined {
  const parsed = parseCommandArgs(command, args, {
    ...HELP_OPTION,
    ...ROOT_OPTION,
    ...GROUP_OPTION,
    ...JSON_OPTION,
    ...extra,
  });
  if (parsed.values.help) {
    context.io.out(help);
    return undefined;
  }
  const group = stringOption(parsed, "group");
  const root = rootOption(stringOption(parsed, "root"), context.io.cwd);
  const found = openApp(root, context.io.env, group);
  return { parsed, group, found };
}
