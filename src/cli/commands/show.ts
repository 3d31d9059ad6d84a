import {
  GROUP_OPTION,
  HELP_OPTION,
  JSON_OPTION,
  parseCommandArgs,
  ROOT_OPTION,
  stringOption,
} from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeJson } from "../command.js";
import { loadEntryPoints, openApp, type Problem, rootOption } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { problemJson, problemLine, uniqueProblems } from "../problems.js";
import { type Cell, renderTable } from "../table.js";

/** One hook in `plughooks show --json` (schemaVersion 1), in run order. */
export interface ShowHookJson {
  readonly order: number;
  readonly package: string;
  readonly version: string | null;
  readonly reference: string | null;
  readonly pre: boolean;
  readonly post: boolean;
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

  const shown: {
    group: string;
    hooks: ShowHookJson[];
    skipped: { package: string; reason: string }[];
  }[] = [];
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
    problems.push(...report.problems);
    problems.push(...found.problems.filter((p) => p.entryPoint === name && p.group === group));
  }
  const unique = uniqueProblems(problems);
  const status = unique.length > 0 ? EXIT_PROBLEMS : EXIT_OK;

  if (parsed.values.json) {
    writeJson(context, {
      schemaVersion: 1,
      command: "show",
      root: found.root,
      hook: name,
      groups: shown,
      problems: unique.map(problemJson),
    });
    return status;
  }
  for (const p of unique) context.io.err(problemLine("show", p));
  const { bold, dim, green } = context.color;
  if (shown.length === 0) {
    context.io.out(`no plugin declares hook ${JSON.stringify(name)}: nothing runs for it\n`);
    return status;
  }
  const yes = (has: boolean): Cell => (has ? { text: "yes", style: green } : "-");
  const out: string[] = [];
  for (const { group, hooks, skipped } of shown) {
    const count = hooks.length === 1 ? "1 hook object" : `${hooks.length} hook objects`;
    out.push(`${bold(`${group}:${name}`)}: ${count}, run in this order\n`);
    if (hooks.length > 0) {
      const rows = hooks.map((h): Cell[] => [
        String(h.order),
        h.package,
        h.version ?? "",
        h.reference ?? "",
        yes(h.pre),
        yes(h.post),
      ]);
      out.push(
        renderTable(
          [
            { title: "#" },
            { title: "package", minWidth: 16 },
            { title: "version", minWidth: 7 },
            { title: "reference", minWidth: 14, squeezeOrder: -1 },
            { title: "pre" },
            { title: "post" },
          ],
          rows,
          { indent: "  ", header: dim },
        ),
      );
    }
    for (const s of skipped) out.push(`  not run: ${s.package} (${s.reason})\n`);
  }
  context.io.out(out.join(""));
  return status;
}

/** `plughooks show <hook>`: what runs for one hook, after loading it. */
export const showCommand: Command = {
  name: "show",
  summary: "load one hook's plugins and show what runs, in order",
  help: HELP,
  run,
};
