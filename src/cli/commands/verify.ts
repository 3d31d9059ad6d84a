import { PlughooksError } from "../../errors/index.js";
import {
  compareWithLock,
  defaultStampCache,
  LOCK_FILE_NAME,
  type LockFile,
  parseLock,
  readRegularFile,
  StampedHasher,
} from "../../lock/index.js";
import { startAppCommand } from "../app-command.js";
import { stringOption } from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeJson } from "../command.js";
import { lockPath, resolveModule } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { problemJson, problemLine } from "../problems.js";

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
    const code = invalid ? error.code : "ERR_LOCK_UNREADABLE";
    const why =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? `no lock file at ${path}`
        : (error as Error).message;
    if (parsed.values.json) {
      writeJson(context, {
        schemaVersion: 1,
        command: "verify",
        root: found.root,
        lock: path,
        code,
        error: why,
      });
    } else context.io.err(`plughooks verify: [${code}] ${why} (run plughooks lock)\n`);
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

  if (parsed.values.json) {
    writeJson(context, {
      schemaVersion: 1,
      command: "verify",
      root: found.root,
      lock: path,
      matched: comparison.matched.length,
      differences,
      problems: found.problems.map(problemJson),
    });
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  }
  for (const p of found.problems) context.io.err(problemLine("verify", p));
  for (const d of differences) {
    context.io.err(
      `plughooks verify: ${d.kind} package "${d.package}", entry point "${d.group}:${d.name}": ${d.detail}\n`,
    );
  }
  const { green, red } = context.color;
  const matched = `${comparison.matched.length} entry point(s) match ${path}`;
  context.io.out(
    differences.length === 0
      ? `${green("ok")}: ${matched}\n`
      : `${red(`${differences.length} difference(s)`)}; ${matched}\n`,
  );
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

/** `plughooks verify`: compare what is installed with the lock, loading nothing. */
export const verifyCommand: Command = {
  name: "verify",
  summary: "compare installed plugins with the lock, loading nothing",
  help: HELP,
  run,
};
