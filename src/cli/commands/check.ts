import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { problem, type Warning } from "../../errors/index.js";
import { HELP_OPTION, JSON_OPTION, parseCommandArgs } from "../args.js";
import { checkEntryPoint } from "../check-entry-point.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import { openApp, type Problem } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { npmPackFiles } from "../npm-pack.js";
import { ownCopyWarning, readPluginHeader } from "../plugin-header.js";
import { type ProblemJson, problemJson, uniqueProblems } from "../problems.js";
import { renderCheck } from "../render/check.js";

const HELP = `Usage: plughooks check <plugin-dir> [--skip-pack] [--json]

Validate one plugin package before publishing it: its package.json and
entryPoints field, that each reference resolves to a file inside the package,
that the file is among those npm pack would publish (npm pack --dry-run, which
honours "files" and .npmignore), and that each export loads and is a class or
object with a pre or post method. Loading runs the plugin's module code.
Warns (without failing) when plughooks is a dependency of the plugin, or bundled
with it, rather than a peerDependency: installed, the plugin would then resolve
its own copy of plughooks, not the application's.

Options:
      --skip-pack  do not run npm pack (no publish check)
      --json       machine-readable output ({"schemaVersion": 1, ...})
  -h, --help       show this help

${exitStatusHelp("the package would not work once published")}
`;

/** One entry point in `plughooks check --json` (schemaVersion 1). */
export interface CheckEntryJson {
  readonly group: string;
  readonly name: string;
  readonly reference: string;
  /** The module file, relative to the package, or null when it does not resolve. */
  readonly file: string | null;
  /** Whether npm pack would publish that file; null with --skip-pack or when unknown. */
  readonly published: boolean | null;
  readonly pre: boolean;
  readonly post: boolean;
  readonly ok: boolean;
}

/** `plughooks check --json` (schemaVersion 1); the text view is {@link renderCheck}. */
export interface CheckDocument {
  readonly schemaVersion: 1;
  readonly command: "check";
  readonly directory: string;
  /** The package's name, or its folder when package.json cannot be read. */
  readonly package: string;
  /** Null when package.json cannot be read. */
  readonly version: string | null;
  readonly entryPoints: readonly CheckEntryJson[];
  readonly problems: readonly ProblemJson[];
  /** A plugin resolving its own copy of plughooks. */
  readonly warnings: readonly ProblemJson[];
}

/** The `--json` document of `check`: the package, each of its entry points, what is wrong. */
async function collectCheck(
  directory: string,
  skipPack: boolean,
  env: CommandContext["io"]["env"],
): Promise<CheckDocument> {
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const entries: CheckEntryJson[] = [];
  const header = readPluginHeader(directory);
  if ("code" in header) problems.push(header);
  else {
    const copy = ownCopyWarning(header, directory);
    if (copy !== undefined) warnings.push(copy);
    // The plugin is the root here; its own dependencies may declare entry points too.
    const found = openApp(directory, env);
    const own = found.entryPoints.filter((ep) => ep.directory === directory);
    for (const p of found.problems) {
      if (p.directory === directory || p.package === header.name) problems.push(p);
    }
    let published: Set<string> | undefined;
    if (!skipPack && own.length > 0) {
      try {
        published = await npmPackFiles(directory, { ...process.env, ...env });
      } catch (error) {
        const site = { package: header.name, directory };
        problems.push(problem("ERR_PACK_FAILED", site, (error as Error).message));
      }
    }
    for (const ep of own) {
      const checked = await checkEntryPoint(ep, directory, published);
      entries.push(checked.entry);
      problems.push(...checked.problems);
    }
    if (own.length === 0 && problems.length === 0) {
      const site = { package: header.name, directory };
      problems.push(problem("ERR_NO_ENTRY_POINTS", site, "declares no entry points"));
    }
  }
  return {
    schemaVersion: 1,
    command: "check",
    directory,
    package: "code" in header ? directory : header.name,
    version: "code" in header ? null : header.version,
    entryPoints: entries,
    problems: uniqueProblems(problems).map(problemJson),
    warnings: warnings.map(problemJson),
  };
}

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const parsed = parseCommandArgs(
    "check",
    args,
    { ...HELP_OPTION, ...JSON_OPTION, "skip-pack": { type: "boolean" } },
    { min: 1, max: 1, names: ["plugin-dir"] },
  );
  if (parsed.values.help) {
    context.io.out(HELP);
    return EXIT_OK;
  }
  let directory = resolve(context.io.cwd, parsed.positionals[0]!);
  try {
    directory = realpathSync(directory);
  } catch {
    // Reported by collectCheck as an unreadable package.json.
  }
  const document = await collectCheck(
    directory,
    parsed.values["skip-pack"] === true,
    context.io.env,
  );
  writeDocument(context, parsed.values.json === true, document, renderCheck);
  return document.problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** `plughooks check <plugin-dir>`: validate a plugin package before publishing. */
export const checkCommand: Command = {
  name: "check",
  summary: "validate one plugin package before publishing it",
  help: HELP,
  run,
};
