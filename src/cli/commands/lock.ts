import { readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  createLockEntries,
  LOCK_FILE_NAME,
  type LockEntry,
  parseLock,
  serializeLock,
} from "../../lock/index.js";
import { startAppCommand } from "../app-command.js";
import { stringOption } from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import { lockPath, resolveModule } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { type ProblemJson, problemJson } from "../problems.js";
import { renderLock } from "../render/lock.js";

const HELP = `Usage: plughooks lock [--root DIR] [--group G] [--output FILE] [--json]

Write plughooks.lock.json in the application root: for every installed entry
point, its package, version, reference, and the SHA-256 of the module file it
loads and of its package.json. Nothing is loaded. While the lock is present,
the application loads only the entry points it lists, unchanged; see
plughooks verify. With --group, entries of other groups already in the lock
are kept.

Options:
  -r, --root DIR       the application (nearest package.json above DIR)
  -g, --group G        lock only group G
  -o, --output FILE    write to FILE instead of <root>/${LOCK_FILE_NAME}
                       (or the path in PLUGHOOKS_LOCK)
      --json           machine-readable output ({"schemaVersion": 1, ...})
  -h, --help           show this help

${exitStatusHelp("some entry points are broken and were left out")}
`;

/** `plughooks lock --json` (schemaVersion 1); the text view is {@link renderLock}. */
export interface LockDocument {
  readonly schemaVersion: 1;
  readonly command: "lock";
  readonly root: string;
  /** The lock file written. */
  readonly lock: string;
  /** How many entry points were locked, and from how many packages. */
  readonly entryPoints: number;
  readonly packages: number;
  /** The broken entry points, left out of the lock. */
  readonly problems: readonly ProblemJson[];
}

function keptEntries(path: string, group: string | undefined): LockEntry[] {
  if (group === undefined) return [];
  try {
    return parseLock(readFileSync(path, "utf8"), path).entryPoints.filter((e) => e.group !== group);
  } catch {
    return []; // No previous lock, or one we cannot read: start afresh.
  }
}

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const start = startAppCommand("lock", args, context, HELP, {
    output: { type: "string", short: "o" },
  });
  if (start === undefined) return EXIT_OK;
  const { parsed, group, found } = start;
  const path = lockPath(stringOption(parsed, "output"), found.root, context.io);
  const created = createLockEntries(found.entryPoints, { root: found.root, resolveModule });
  const entries = [...keptEntries(path, group), ...created.entries];
  // Write then rename: a reader never sees half a lock.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, serializeLock(entries));
  renameSync(temporary, path);
  const problems = [...found.problems, ...created.problems];
  const status = problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  const packages = new Set(created.entries.map((e) => e.package)).size;

  const document: LockDocument = {
    schemaVersion: 1,
    command: "lock",
    root: found.root,
    lock: path,
    entryPoints: created.entries.length,
    packages,
    problems: problems.map(problemJson),
  };
  writeDocument(context, parsed.values.json === true, document, renderLock);
  return status;
}

/** `plughooks lock`: approve what is installed now. */
export const lockCommand: Command = {
  name: "lock",
  summary: "write plughooks.lock.json, pinning the installed plugins",
  help: HELP,
  run,
};
