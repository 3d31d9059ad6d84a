import { problem } from "../../errors/index.js";
import { startAppCommand } from "../app-command.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import {
  type Discovered,
  loadEntryPoints,
  type Problem,
  separateCopyWarnings,
  siteOf,
} from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { type ProblemJson, problemJson, uniqueProblems } from "../problems.js";
import { renderDoctor } from "../render/doctor.js";

const HELP = `Usage: plughooks doctor [--root DIR] [--group G] [--json]

Load every plugin of the application, as it would on first call, and report
every problem, one line each on standard error: a bad package.json or
entryPoints field, a reference that escapes its package, a missing module or
export, a module or constructor that throws (with the first stack frame in the
plugin), a hook object with neither pre nor post, an entry point refused by
the lock, a package whose package.json claims a name it is not installed under.
Exits 1 if there is any: run it in a plugin's or application's CI. Loading runs
the plugins' module code. Also warns (without failing) about a plugin that
resolves its own copy of plughooks, and about a PLUGHOOKS_ALLOW or
PLUGHOOKS_DENY name that matches no installed package.

Options:
  -r, --root DIR   the application (nearest package.json above DIR; default .)
  -g, --group G    only group G (default: every group found)
      --json       machine-readable output ({"schemaVersion": 1, ...})
  -h, --help       show this help

${exitStatusHelp()}
`;

/** Per group, in `plughooks doctor --json` (schemaVersion 1). */
export interface DoctorGroupJson {
  readonly group: string;
  /** Entry points declared in the group. */
  readonly entryPoints: number;
  /** Hook objects loaded. */
  readonly loaded: number;
  /** Entry points skipped by allow/deny (not imported). */
  readonly skipped: number;
}

/** `plughooks doctor --json` (schemaVersion 1); the text view is {@link renderDoctor}. */
export interface DoctorDocument {
  readonly schemaVersion: 1;
  readonly command: "doctor";
  readonly root: string;
  readonly packagesScanned: number;
  /** How many of the scanned packages declare entry points. */
  readonly packagesWithEntryPoints: number;
  readonly groups: readonly DoctorGroupJson[];
  readonly problems: readonly ProblemJson[];
  /** A plugin resolving its own copy of plughooks; allow/deny names matching no package. */
  readonly warnings: readonly ProblemJson[];
}

/** The `--json` document of `doctor`: every group loaded, every problem and warning. */
async function collectDoctor(found: Discovered, only: string | undefined): Promise<DoctorDocument> {
  const declared = new Map<string, number>();
  for (const ep of found.entryPoints) declared.set(ep.group, (declared.get(ep.group) ?? 0) + 1);
  const groups = only === undefined ? [...declared.keys()].sort() : [only];
  const problems: Problem[] = found.problems.slice();
  const summary: DoctorGroupJson[] = [];
  for (const group of groups) {
    const inGroup = found.entryPoints.filter((ep) => ep.group === group);
    const report = await loadEntryPoints(found, inGroup);
    problems.push(...report.problems);
    for (const { entryPoint: ep, hasPre, hasPost } of report.loaded) {
      // Valid for the library (Nova skipped a missing pre/post), but never what the author meant.
      if (!hasPre && !hasPost) {
        const why = "the hook object has neither pre nor post";
        problems.push(problem("ERR_EMPTY_HOOK_OBJECT", siteOf(ep), why));
      }
    }
    const entryPoints = declared.get(group) ?? 0;
    summary.push({
      group,
      entryPoints,
      loaded: report.loaded.length,
      skipped: report.skipped.length,
    });
  }
  const warnings = [...separateCopyWarnings(found), ...found.unknownPackageNames()];
  return {
    schemaVersion: 1,
    command: "doctor",
    root: found.root,
    packagesScanned: found.packagesScanned,
    packagesWithEntryPoints: new Set(found.entryPoints.map((ep) => ep.package)).size,
    groups: summary,
    problems: uniqueProblems(problems).map(problemJson),
    warnings: warnings.map(problemJson),
  };
}

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const start = startAppCommand("doctor", args, context, HELP);
  if (start === undefined) return EXIT_OK;
  const document = await collectDoctor(start.found, start.group);
  writeDocument(context, start.parsed.values.json === true, document, renderDoctor);
  return document.problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** `plughooks doctor`: load everything, report every problem. */
export const doctorCommand: Command = {
  name: "doctor",
  summary: "load every plugin and report every problem (for CI)",
  help: HELP,
  run,
};
