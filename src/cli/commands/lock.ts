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
import { type Command, type CommandContext, exitStatusHelp, writeJson } from "../command.js";
import { lockPath, resolveModule } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { problemJson, problemLine } from "../problems.js";

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

  if (parsed.values.json) {
    writeJson(context, {
      schemaVersion: 1,
      command: "lock",
      root: found.root,
      lock: path,
      entryPoints: created.entries.length,
      packages,
      problems: problems.map(problemJson),
    });
    return status;
  }
  for (const p of problems) context.io.err(problemLine("lock", p));
  const count =
    created.entries.length === 1 ? "1 entry point" : `${created.entries.length} entry points`;
  context.io.out(`wrote ${path}: ${count} from ${packages} package(s)\n`);
  if (problems.length > 0) context.io.out(`${problems.length} broken entry point(s) left out\n`);
  return status;
}

/** `plughooks lock`: approve what is installed now. */
export const lockCommand: Command = {
  name: "lock",
  summary: "write plughooks.lock.json, pinning the installed plugins",
  help: HELP,
  run,
};
