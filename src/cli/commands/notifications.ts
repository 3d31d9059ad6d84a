import {
  compilePattern,
  findNotificationTypes,
  isValidPattern,
} from "../../notifications/index.js";
import { HELP_OPTION, JSON_OPTION, parseCommandArgs, ROOT_OPTION, stringOption } from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeJson } from "../command.js";
import { discover, rootOption } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from "../exit-codes.js";
import { problemJson, problemLine } from "../problems.js";
import { selectionFromEnv } from "../selection.js";
import { renderTable } from "../table.js";

const HELP = `Usage: plughooks notifications [--root DIR] [--type PATTERN] [--schemas] [--json]

List the versioned notification types the application declares (in package.json,
group "plughooks.notification_types"): event type, version, priority, package
and description. The declaring modules are imported to read their schemas;
packages in PLUGHOOKS_DENY (or outside PLUGHOOKS_ALLOW) are not.

Options:
  -r, --root DIR       the application (nearest package.json above DIR; default .)
  -t, --type PATTERN   only types matching PATTERN (* one word, # any words)
      --schemas        also print each type's JSON Schema and sample payload
      --json           machine-readable output ({"schemaVersion": 1, ...}), with
                       each type's JSON Schema and sample payload
  -h, --help           show this help

${exitStatusHelp("a declaring module failed to load or holds no notification type")}
`;

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const parsed = parseCommandArgs("notifications", args, {
    ...HELP_OPTION,
    ...ROOT_OPTION,
    ...JSON_OPTION,
    type: { type: "string", short: "t" },
    schemas: { type: "boolean" },
  });
  if (parsed.values.help) {
    context.io.out(HELP);
    return EXIT_OK;
  }
  const pattern = stringOption(parsed, "type");
  if (pattern !== undefined && !isValidPattern(pattern)) {
    throw new UsageError(
      `--type ${JSON.stringify(pattern)} is not an event-type pattern`,
      "notifications",
    );
  }
  const root = discover(
    rootOption(stringOption(parsed, "root"), context.io.cwd),
    "plughooks.notification_types",
  ).root;
  const select = selectionFromEnv(context.io.env);
  const catalog = findNotificationTypes({ root, select: (ep) => select(ep) === "allowed" });
  const matches = pattern === undefined ? () => true : compilePattern(pattern);
  const types = catalog.types.filter((t) => matches(t.type));
  const failed = catalog.problems.length > 0;

  if (parsed.values.json) {
    writeJson(context, {
      schemaVersion: 1,
      command: "notifications",
      root: catalog.root,
      type: pattern ?? null,
      types,
      skipped: catalog.skipped,
      problems: catalog.problems.map(problemJson),
    });
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  }
  for (const p of catalog.problems) context.io.err(problemLine("notifications", p));
  const { bold, dim } = context.color;
  if (types.length === 0) {
    context.io.out(`${dim("no notification types declared")}\n`);
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  }
  context.io.out(
    renderTable(
      [
        { title: "type", minWidth: 12 },
        { title: "version" },
        { title: "priority" },
        { title: "package", minWidth: 10 },
        { title: "description", minWidth: 12, squeezeOrder: -1 },
      ],
      types.map((t) => [t.type, t.version, t.priority, t.package, t.description]),
      { header: bold },
    ),
  );
  if (parsed.values.schemas) {
    for (const t of types) {
      context.io.out(
        `\n${bold(`${t.type} ${t.version}`)}\nschema: ${JSON.stringify(t.schema, null, 2)}\nsample: ${JSON.stringify(t.sample, null, 2)}\n`,
      );
    }
  }
  if (catalog.skipped.length > 0) {
    context.io.out(
      `${dim(`not imported (PLUGHOOKS_DENY/ALLOW): ${catalog.skipped.join(", ")}`)}\n`,
    );
  }
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

/** `plughooks notifications`: the versioned notification types an application declares. */
export const notificationsCommand: Command = {
  name: "notifications",
  summary: "list the versioned notification types, with versions and schemas",
  help: HELP,
  run,
};
