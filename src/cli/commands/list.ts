import { startAppCommand } from "../app-command.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { type ProblemJson, problemJson } from "../problems.js";
import { renderList } from "../render/list.js";

/** The status of one entry point in `list`. */
export type ListStatus = "allowed" | "denied" | "not-allowed" | "locked-out" | "broken";

/** One row of `plughooks list --json` (schemaVersion 1). */
export interface ListEntryJson {
  readonly group: string;
  readonly name: string;
  readonly package: string;
  /** Empty for a broken entry point whose package could not be read. */
  readonly version: string;
  readonly reference: string;
  readonly status: ListStatus;
  /** Why it is denied, locked out or broken. */
  readonly detail?: string;
}

/** `plughooks list --json` (schemaVersion 1); the text view is {@link renderList}. */
export interface ListDocument {
  readonly schemaVersion: 1;
  readonly command: "list";
  readonly root: string;
  readonly group: string | null;
  /** The lock file in force, if any. */
  readonly lock: string | null;
  readonly packagesScanned: number;
  readonly entryPoints: readonly ListEntryJson[];
  readonly problems: readonly ProblemJson[];
  /** Names in PLUGHOOKS_ALLOW / PLUGHOOKS_DENY that match no installed package. */
  readonly warnings: readonly ProblemJson[];
}

const HELP = `Usage: plughooks list [--root DIR] [--group G] [--json]

List every entry point installed for the application, grouped by group and
hook name, with its package, version, reference and status: allowed, denied
(PLUGHOOKS_DENY), not-allowed (PLUGHOOKS_ALLOW), locked-out (refused by
plughooks.lock.json) or broken. Nothing is loaded. Warns about a name in
PLUGHOOKS_ALLOW or PLUGHOOKS_DENY that matches no installed package.

Options:
  -r, --root DIR   the application (nearest package.json above DIR; default .)
  -g, --group G    only entry points of group G
      --json       machine-readable output ({"schemaVersion": 1, ...})
  -h, --help       show this help

${exitStatusHelp("a broken entry point or package.json")}
`;

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const start = startAppCommand("list", args, context, HELP);
  if (start === undefined) return EXIT_OK;
  const { parsed, group, found } = start;
  const warnings = found.unknownPackageNames();

  const entries: ListEntryJson[] = [];
  for (const ep of found.entryPoints) {
    const base = {
      group: ep.group,
      name: ep.name,
      package: ep.package,
      version: ep.version,
      reference: ep.reference,
    };
    // The runtime's own decision (the same manager): hashing only, no import.
    const admission = found.admit(ep);
    if (admission.status === "denied" || admission.status === "not-allowed") {
      const detail = admission.status === "denied" ? "PLUGHOOKS_DENY" : "not in PLUGHOOKS_ALLOW";
      entries.push({ ...base, status: admission.status, detail });
    } else if (admission.status === "locked-out") {
      entries.push({ ...base, status: "locked-out", detail: admission.detail });
    } else entries.push({ ...base, status: "allowed" });
  }
  // A broken declaration is a row too; a package-level problem only goes to stderr/problems.
  for (const p of found.problems) {
    if (p.entryPoint !== undefined && p.group !== undefined) {
      entries.push({
        group: p.group,
        name: p.entryPoint,
        package: p.package,
        version: "",
        reference: p.reference ?? "",
        status: "broken",
        detail: p.code,
      });
    }
  }
  entries.sort((a, b) => cmp(a.group, b.group) || cmp(a.name, b.name) || cmp(a.package, b.package));
  const failed = found.problems.length > 0;

  const document: ListDocument = {
    schemaVersion: 1,
    command: "list",
    root: found.root,
    group: group ?? null,
    lock: found.lockPath ?? null,
    packagesScanned: found.packagesScanned,
    entryPoints: entries,
    problems: found.problems.map(problemJson),
    warnings: warnings.map(problemJson),
  };
  writeDocument(context, parsed.values.json === true, document, renderList);
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `plughooks list`: what is installed, without loading it. */
export const listCommand: Command = {
  name: "list",
  summary: "list installed entry points and their status (loads nothing)",
  help: HELP,
  run,
};
