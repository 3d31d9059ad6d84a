import { PlughooksError } from "../../errors/index.js";
import {
  compareWithLock,
  defaultStampCache,
  LOCK_FILE_NAME,
  type LockDifference,
  type LockFile,
  parseLock,
  readRegularFile,
  StampedHasher,
} from "../../lock/index.js";
import { startAppCommand } from "../app-command.js";
import { stringOption } from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import { lockPath, resolveModule } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { type ProblemJson, problemJson } from "../problems.js";
import { renderVerify } from "../render/verify.js";

const HELP = `Usage: plughooks verify [--root DIR] [--lock FILE] [--group G] [--json]

Compare the installed entry points with plughooks.lock.json, without loading
anything: report every new plugin, every locked one that changed (version,
reference, install folder, or any file of the package outside nested
node_modules: each changed, added or removed file is named) and every locked
one no longer installed, one line each on standard error. Exits 1 on any
difference, so a deployment can refuse to start.

Options:
  -r, --root DIR   the application (nearest package.json above DIR; default .)
  -l, --lock FILE  the lock file (default: the path in PLUGHOOKS_LOCK, else
                   <root>/${LOCK_FILE_NAME})
  -g, --group G    only group G
      --json       machine-readable output ({"schemaVersion": 1, ...})
  -h, --help       show this help

${exitStatusHelp("a difference, a broken entry point, or no readable lock")}
`;

/** One difference in `plughooks verify --json`: the comparison's, without the raw records. */
export type VerifyDifferenceJson = Pick<
  LockDifference,
  "kind" | "group" | "name" | "package" | "changes" | "files" | "detail"
>;

/**
 * `plughooks verify --json` (schemaVersion 1): the comparison, or, when the lock cannot be
 * read, only why (`error`). The text view is {@link renderVerify}.
 */
export type VerifyDocument =
  | {
      readonly schemaVersion: 1;
      readonly command: "verify";
      readonly root: string;
      readonly lock: string;
      readonly matched: number;
      readonly differences: readonly VerifyDifferenceJson[];
      readonly problems: readonly ProblemJson[];
    }
  | {
      readonly schemaVersion: 1;
      readonly command: "verify";
      readonly root: string;
      readonly lock: string;
      /** `ERR_LOCK_INVALID`, `ERR_LOCK_FILE_MISSING` or `ERR_LOCK_UNREADABLE`. */
      readonly code: string;
      /** Why the lock could not be read. */
      readonly error: string;
    };

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const start = startAppCommand("verify", args, context, HELP, {
    lock: { type: "string", short: "l" },
  });
  if (start === undefined) return EXIT_OK;
  const { parsed, group, found } = start;
  const path = lockPath(stringOption(parsed, "lock"), found.root, context.io);
  let lock: LockFile;
  let owner: number;
  try {
    const read = readRegularFile(path);
    owner = Number(read.stat.uid);
    lock = parseLock(read.bytes.toString("utf8"), path);
  } catch (error) {
    const invalid = error instanceof PlughooksError;
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const code = invalid ? error.code : missing ? "ERR_LOCK_FILE_MISSING" : "ERR_LOCK_UNREADABLE";
    const why = missing ? `no lock file at ${path}` : (error as Error).message;
    const document: VerifyDocument = {
      schemaVersion: 1,
      command: "verify",
      root: found.root,
      lock: path,
      code,
      error: why,
    };
    writeDocument(context, parsed.values.json === true, document, renderVerify);
    return EXIT_PROBLEMS;
  }
  // Trusted only when owned by the lock's owner; written only by that owner.
  const hasher = new StampedHasher({ path: defaultStampCache(found.root), owner });
  const comparison = compareWithLock(found.entryPoints, lock, {
    root: found.root,
    resolveModule,
    hasher,
    ...(group === undefined ? {} : { group }),
  });
  hasher.save();
  const differences = comparison.differences.map((d) => ({
    kind: d.kind,
    group: d.group,
    name: d.name,
    package: d.package,
    changes: d.changes,
    ...(d.files === undefined ? {} : { files: d.files }),
    detail: d.detail,
  }));
  const failed = differences.length > 0 || found.problems.length > 0;

  const document: VerifyDocument = {
    schemaVersion: 1,
    command: "verify",
    root: found.root,
    lock: path,
    matched: comparison.matched.length,
    differences,
    problems: found.problems.map(problemJson),
  };
  writeDocument(context, parsed.values.json === true, document, renderVerify);
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

/** `plughooks verify`: compare what is installed with the lock, loading nothing. */
export const verifyCommand: Command = {
  name: "verify",
  summary: "compare installed plugins with the lock, loading nothing",
  help: HELP,
  run,
};
