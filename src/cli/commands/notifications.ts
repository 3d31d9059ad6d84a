import {
  compilePattern,
  isValidPattern,
  type NotificationTypeDocument,
  notificationCatalog,
  TYPES_GROUP,
} from "../../notifications/index.js";
import { HELP_OPTION, JSON_OPTION, parseCommandArgs, ROOT_OPTION, stringOption } from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import { openApp, rootOption, stdoutToStderr } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from "../exit-codes.js";
import { type ProblemJson, problemJson } from "../problems.js";
import { renderNotifications } from "../render/notifications.js";

/** `plughooks notifications --json` (schemaVersion 1); the text view is {@link renderNotifications}. */
export interface NotificationsDocument {
  readonly schemaVersion: 1;
  readonly command: "notifications";
  readonly root: string;
  /** `--type`, when given. */
  readonly type: string | null;
  /** By type, then version; each with its JSON Schema (or null) and sample payload. */
  readonly types: readonly NotificationTypeDocument[];
  /** Packages not imported because of PLUGHOOKS_DENY or PLUGHOOKS_ALLOW. */
  readonly skipped: readonly string[];
  readonly problems: readonly ProblemJson[];
}

const HELP = `Usage: plughooks notifications [--root DIR] [--type PATTERN] [--schemas] [--json]

List the versioned notification types the application declares (in package.json,
group "plughooks.notification_types"): event type, version, priority, package
and description. The declaring modules are imported to read their schemas, by
the rules hooks load by: packages in PLUGHOOKS_DENY (or outside PLUGHOOKS_ALLOW)
are not imported, and a lock in force must approve each module.

Options:
  -r, --root DIR       the application (nearest package.json above DIR; default .)
  -t, --type PATTERN   only types matching PATTERN (* one word, # any words)
      --schemas        also print each type's JSON Schema and sample payload
      --json           machine-readable output ({"schemaVersion": 1, ...}), with
                       each type's JSON Schema and sample payload
  -h, --help           show this help

${exitStatusHelp("a declaring module was refused, failed to load or holds no notification type")}
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
  const root = rootOption(stringOption(parsed, "root"), context.io.cwd);
  const found = openApp(root, context.io.env, TYPES_GROUP);
  // The declaring modules run: whatever they print must not corrupt the output.
  const catalog = await stdoutToStderr(() => notificationCatalog(found));
  const matches = pattern === undefined ? () => true : compilePattern(pattern);

  const document: NotificationsDocument = {
    schemaVersion: 1,
    command: "notifications",
    root: catalog.root,
    type: pattern ?? null,
    types: catalog.types.filter((t) => matches(t.type)),
    skipped: catalog.skipped,
    problems: catalog.problems.map(problemJson),
  };
  const schemas = parsed.values.schemas === true;
  writeDocument(context, parsed.values.json === true, document, (doc, color) =>
    renderNotifications(doc, color, { schemas }),
  );
  return document.problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** `plughooks notifications`: the versioned notification types an application declares. */
export const notificationsCommand: Command = {
  name: "notifications",
  summary: "list the versioned notification types, with versions and schemas",
  help: HELP,
  run,
};
