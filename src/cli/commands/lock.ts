import { readFileSync } from "node:fs";
import {
  createLockEntries,
  defaultStampCache,
  LOCK_FILE_NAME,
  type LockedPackage,
  type LockFile,
  parseLock,
  replaceFile,
  StampedHasher,
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
point, its package, version and reference, and the SHA-256 of every file of
its package outside nested node_modules folders. Nothing is loaded. While the
lock is present, the application loads only the entry points it lists, with
every file unchanged; see plughooks verify. With --group, entries of other
groups already in the lock are kept. The file is written to a new temporary
file (never through an existing file or link), then renamed into place.

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

/** With --group: what the previous lock approved in other groups, and their packages. */
function kept(path: string, group: string | undefined): Pick<LockFile, "entryPoints" | "packages"> {
  const none = { entryPoints: [], packages: {} };
  if (group === undefined) return none;
  let lock: LockFile;
  try {
    lock = parseLock(readFileSync(path, "utf8"), path);
  } catch {
    return none; // No previous lock, or one we cannot read: start afresh.
  }
  const entryPoints = lock.entryPoints.filter((e) => e.group !== group);
  const packages: Record<string, LockedPackage> = {};
  for (const e of entryPoints) packages[e.identity] = lock.packages[e.identity] as LockedPackage;
  return { entryPoints, packages };
}

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const start = startAppCommand("lock", args, context, HELP, {
    output: { type: "string", short: "o" },
  });
  if (start === undefined) return EXIT_OK;
  const { parsed, group, found } = start;
  const path = lockPath(stringOption(parsed, "output"), found.root, context.io);
  // The stamp cache makes locking (and the application's next start) cheap; it is ours.
  const owner = process.getuid?.();
  const hasher = new StampedHasher({ path: defaultStampCache(found.root), owner });
  const created = createLockEntries(found.entryPoints, { root: found.root, resolveModule, hasher });
  const previous = kept(path, group);
  const entries = [...previous.entryPoints, ...created.entries];
  replaceFile(path, serializeLock(entries, { ...previous.packages, ...created.packages }));
  hasher.save();
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
