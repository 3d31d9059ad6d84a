import { parseArgs } from "node:util";
import { PlughooksError } from "../errors/index.js";
import { describeThrown } from "../text/describe-thrown.js";
import { printable } from "../text/printable.js";
import { type Command, commandContext, exitStatusHelp } from "./command.js";
import { checkCommand } from "./commands/check.js";
import { doctorCommand } from "./commands/doctor.js";
import { listCommand } from "./commands/list.js";
import { lockCommand } from "./commands/lock.js";
import { notificationsCommand } from "./commands/notifications.js";
import { showCommand } from "./commands/show.js";
import { verifyCommand } from "./commands/verify.js";
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from "./exit-codes.js";
import type { CliIO } from "./io.js";
import { firstLine } from "./problems.js";
import { ownVersion } from "./version.js";

/** Every subcommand, in the order `--help` lists them. */
const COMMANDS: readonly Command[] = [
  listCommand,
  showCommand,
  doctorCommand,
  checkCommand,
  lockCommand,
  verifyCommand,
  notificationsCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: plughooks <command> [options]
       plughooks --version | --help

See and control the plugins an application loads through plughooks hooks.

Commands:
${lines.join("\n")}

Run plughooks <command> --help, or man plughooks-<command>, for its options.
Environment: PLUGHOOKS_ALLOW, PLUGHOOKS_DENY, PLUGHOOKS_LOCK, NO_COLOR, FORCE_COLOR.
${exitStatusHelp()}
`;
}

/**
 * Runs the `plughooks` command line (`argv` without `node` and the script) and resolves to
 * the exit status: 0 ok, 1 problems found, 2 usage error, 3 internal error.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["list", "--json"], processIO());
 * ```
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  const context = commandContext(io);
  if (first === undefined || first.startsWith("-")) {
    // Only global options before a command: --help, --version.
    let values: { help?: boolean; version?: boolean };
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          help: { type: "boolean", short: "h" },
          version: { type: "boolean", short: "v" },
        },
        strict: true,
      }));
    } catch (error) {
      const message = printable((error as Error).message.split(". ")[0] ?? "invalid arguments");
      io.err(`plughooks: ${message}\nRun plughooks --help.\n`);
      return EXIT_USAGE;
    }
    if (values.version) {
      io.out(`${ownVersion()}\n`);
      return EXIT_OK;
    }
    if (values.help) {
      io.out(mainHelp());
      return EXIT_OK;
    }
    io.err(mainHelp());
    return EXIT_USAGE;
  }
  if (first === "help") {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && topic === undefined) {
      io.err(`plughooks: unknown command ${quoted(rest[0])}\nRun plughooks --help.\n`);
      return EXIT_USAGE;
    }
    io.out(topic?.help ?? mainHelp());
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (command === undefined) {
    io.err(`plughooks: unknown command ${quoted(first)}\nRun plughooks --help.\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError) {
      const message = printable(error.message);
      io.err(`plughooks ${command.name}: ${message}\nRun plughooks ${command.name} --help.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof PlughooksError && error.code === "ERR_INVALID_OPTION") {
      // A PLUGHOOKS_* value the application would refuse too: the invocation is wrong.
      io.err(`plughooks ${command.name}: ${error.code} ${printable(error.message)}\n`);
      return EXIT_USAGE;
    }
    // Anything else is a bug or an environment failure: one line, then the stack for a report.
    io.err(
      `plughooks ${command.name}: internal error: ${printable(firstLine(describeThrown(error)))}\n`,
    );
    if (io.env.NODE_DEBUG?.split(",").includes("plughooks") && error instanceof Error) {
      io.err(`${printable(String(error.stack), { multiline: true })}\n`);
    }
    return EXIT_INTERNAL;
  }
}

/** A command-line word, quoted and escaped for an error message. */
const quoted = (word: string) => printable(JSON.stringify(word));
