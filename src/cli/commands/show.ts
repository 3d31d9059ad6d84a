import {
  GROUP_OPTION,
  HELP_OPTION,
  JSON_OPTION,
  parseCommandArgs,
  ROOT_OPTION,
  stringOption,
} from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import { loadEntryPoints, openApp, type Problem, rootOption } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { type ProblemJson, problemJson, uniqueProblems } from "../problems.js";
import { renderShow } from "../render/show.js";

/** One hook in `plughooks show --json` (schemaVersion 1), in run order. */
interface ShowHookJson {
  readonly order: number;
  readonly package: string;
  readonly version: string | null;
  readonly reference: string | null;
  readonly pre: boolean;
  readonly post: boolean;
}

/** One group in `plughooks show --json`: its hooks in run order, and those not run. */
export interface ShowGroupJson {
  readonly group: string;
  readonly hooks: readonly ShowHookJson[];
  readonly skipped: readonly { readonly package: string; readonly reason: string }[];
}

/** `plughooks show --json` (schemaVersion 1); the text view is {@link renderShow}. */
export interface ShowDocument {
  readonly schemaVersion: 1;
  readonly command: "show";
  readonly root: string;
  readonly hook: string;
  readonly groups: readonly ShowGroupJson[];
  readonly problems: readonly ProblemJson[];
}

const HELP = `Usage: plughooks show <hook-name> [--root DIR] [--group G] [--json]

Load the plugins of one hook, as the application would on the hook's first
call, and show what will run, in the order it will run, with whether each
hook object has a pre and a post method. Without --group, every group that
declares the hook is shown. Loading runs the plugins' module code.

Options:
  -r, --root DIR   the application (nearest package.json above DIR; default .)
  -g, --group G    only group G
      --json       machine-readable output ({"schemaVersion": 1, ...})
  -h, --help       show this help

${exitStatusHelp("a plugin of this hook failed to load or was refused")}
`;

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const parsed = parseCommandArgs(
    "show",
    args,
    { ...HELP_OPTION, ...ROOT_OPTION, ...GROUP_OPTION, ...JSON_OPTION },
    { min: 1, max: 1, names: ["hook-name"] },
  );
  if (parsed.values.help) {
    context.io.out(HELP);
    return EXIT_OK;
  }
  const name = parsed.positionals[0]!;
  const root = rootOption(stringOption(parsed, "root"), context.io.cwd);
  const only = stringOption(parsed, "group");
  const found = openApp(root, context.io.env, only);
  const declaring = new Set<string>();
  for (const ep of found.named(name)) declaring.add(ep.group);
  for (const p of found.problems)
    if (p.entryPoint === name && p.group !== undefined) declaring.add(p.group);
  const groups = only === undefined ? [...declaring].sort() : [only];

  const shown: ShowGroupJson[] = [];
  const problems: Problem[] = [];
  for (const group of groups) {
    const report = await loadEntryPoints(
      found,
      found.named(name).filter((ep) => ep.group === group),
    );
    const hooks = report.loaded.map((h, i) => ({
      order: i + 1,
      package: h.entryPoint.package,
      version: h.entryPoint.version,
      reference: h.entryPoint.reference,
      pre: h.hasPre,
      post: h.hasPost,
    }));
    const skipped = report.skipped.map((s) => ({
      package: s.entryPoint.package,
      reason: s.reason,
    }));
    shown.push({ group, hooks, skipped });
    for (const p of report.problems) problems.push(p);
    for (const p of found.problems)
      if (p.entryPoint === name && p.group === group) problems.push(p);
  }
  const unique = uniqueProblems(problems);
  const status = unique.length > 0 ? EXIT_PROBLEMS : EXIT_OK;

  const document: ShowDocument = {
    schemaVersion: 1,
    command: "show",
    root: found.root,
    hook: name,
    groups: shown,
    problems: unique.map(problemJson),
  };
  writeDocument(context, parsed.values.json === true, document, renderShow);
  return status;
}

/** `plughooks show <hook>`: what runs for one hook, after loading it. */
export const showCommand: Command = {
  name: "show",
  summary: "load one hook's plugins and show what runs, in order",
  help: HELP,
  run,
};
