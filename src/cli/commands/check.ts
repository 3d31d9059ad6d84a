import { readFileSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { PlughooksError, problem, type Warning, warning } from "../../errors/index.js";
import { HELP_OPTION, JSON_OPTION, parseCommandArgs } from "../args.js";
import { type Command, type CommandContext, exitStatusHelp, writeDocument } from "../command.js";
import { type EntryPoint, loadOne, openApp, type Problem, resolveModule } from "../core.js";
import { EXIT_OK, EXIT_PROBLEMS } from "../exit-codes.js";
import { npmPackFiles } from "../npm-pack.js";
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

interface Header {
  readonly name: string;
  readonly version: string;
  readonly json: Readonly<Record<string, unknown>>;
}

function readPackageName(directory: string): Header | Problem {
  const site = { package: directory, directory };
  let text: string;
  try {
    text = readFileSync(join(directory, "package.json"), "utf8");
  } catch (error) {
    return problem("ERR_PACKAGE_UNREADABLE", site, "package.json cannot be read", error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return problem(
      "ERR_INVALID_PACKAGE_JSON",
      site,
      `package.json is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return problem("ERR_INVALID_PACKAGE_JSON", site, "package.json is not an object");
  }
  const record = json as Record<string, unknown>;
  const name = typeof record.name === "string" ? record.name : directory;
  if (record.entryPoints === undefined) {
    return problem(
      "ERR_NO_ENTRY_POINTS",
      { package: name, directory },
      "package.json has no entryPoints field",
    );
  }
  return {
    name,
    version: typeof record.version === "string" ? record.version : "0.0.0",
    json: record,
  };
}

/**
 * A warning when the plugin would resolve its own copy of plughooks once installed: listed in
 * `dependencies` or bundled, rather than a peerDependency (its FatalHookError, types and
 * state would be another copy's).
 */
function ownCopyWarning(header: Header, directory: string): Warning | undefined {
  const listed = (field: string) => {
    const value = header.json[field];
    if (Array.isArray(value)) return value.includes("plughooks");
    return typeof value === "object" && value !== null && "plughooks" in value;
  };
  const field = ["dependencies", "bundleDependencies", "bundledDependencies"].find(listed);
  if (field === undefined) return undefined;
  return warning(
    "WARN_SEPARATE_PLUGHOOKS_COPY",
    { package: header.name, directory },
    `plughooks is in "${field}", so the installed plugin resolves its own copy of plughooks, not the application's; make it a peerDependency (and a devDependency for its types)`,
  );
}

/**
 * Checks one entry point of the plugin in `directory`: its module resolves inside the
 * package, is among the `published` files (when known), and loads to a hook object with
 * `pre` or `post`.
 */
async function checkEntryPoint(
  ep: EntryPoint,
  directory: string,
  published: ReadonlySet<string> | undefined,
): Promise<{ entry: CheckEntryJson; problems: Problem[] }> {
  const site = {
    package: ep.package,
    directory,
    group: ep.group,
    entryPoint: ep.name,
    reference: ep.reference,
  };
  const problems: Problem[] = [];
  let file: string | null = null;
  let isPublished: boolean | null = null;
  try {
    const absolute = resolveModule(ep);
    const inside = relative(directory, absolute);
    if (inside.startsWith("..") || isAbsolute(inside)) {
      problems.push(
        problem(
          "ERR_REFERENCE_ESCAPES_PACKAGE",
          site,
          `resolves outside the package, to ${absolute}`,
        ),
      );
    } else {
      file = inside.split(sep).join("/");
      if (published !== undefined) {
        isPublished = published.has(file);
        if (!isPublished) {
          const why = `${file} is not in what npm pack would publish (see "files" and .npmignore)`;
          problems.push(problem("ERR_NOT_IN_PACKED_FILES", site, why));
        }
      }
    }
  } catch (error) {
    // The loading layer's own code and words when it has them (not found, escapes...).
    if (error instanceof PlughooksError)
      problems.push(problem(error.code, site, error.message, error));
    else
      problems.push(
        problem("ERR_MODULE_NOT_FOUND", site, `module cannot be resolved: ${String(error)}`, error),
      );
  }
  let pre = false;
  let post = false;
  if (file !== null) {
    const outcome = await loadOne(ep);
    if (outcome.ok) {
      pre = outcome.hasPre;
      post = outcome.hasPost;
      if (!pre && !post) {
        problems.push(
          problem("ERR_EMPTY_HOOK_OBJECT", site, "the hook object has neither pre nor post"),
        );
      }
    } else problems.push(outcome.problem);
  }
  const ok = problems.length === 0 && (pre || post);
  const entry = {
    group: ep.group,
    name: ep.name,
    reference: ep.reference,
    file,
    published: isPublished,
    pre,
    post,
    ok,
  };
  return { entry, problems };
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
    // Reported just below as an unreadable package.json.
  }
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const entries: CheckEntryJson[] = [];
  const header = readPackageName(directory);
  let packageName = directory;
  let version: string | null = null;
  if ("code" in header) problems.push(header);
  else {
    packageName = header.name;
    version = header.version;
    const copy = ownCopyWarning(header, directory);
    if (copy !== undefined) warnings.push(copy);
    // The plugin is the root here; its own dependencies may declare entry points too.
    const found = openApp(directory, context.io.env);
    const own = found.entryPoints.filter((ep) => ep.directory === directory);
    for (const p of found.problems) {
      if (p.directory === directory || p.package === packageName) problems.push(p);
    }
    let published: Set<string> | undefined;
    if (parsed.values["skip-pack"] !== true && own.length > 0) {
      try {
        published = await npmPackFiles(directory, { ...process.env, ...context.io.env });
      } catch (error) {
        problems.push(
          problem("ERR_PACK_FAILED", { package: packageName, directory }, (error as Error).message),
        );
      }
    }
    for (const ep of own) {
      const checked = await checkEntryPoint(ep, directory, published);
      entries.push(checked.entry);
      for (const p of checked.problems) problems.push(p);
    }
    if (own.length === 0 && problems.length === 0) {
      problems.push(
        problem(
          "ERR_NO_ENTRY_POINTS",
          { package: packageName, directory },
          "declares no entry points",
        ),
      );
    }
  }
  const unique = uniqueProblems(problems);
  const status = unique.length > 0 ? EXIT_PROBLEMS : EXIT_OK;

  const document: CheckDocument = {
    schemaVersion: 1,
    command: "check",
    directory,
    package: packageName,
    version,
    entryPoints: entries,
    problems: unique.map(problemJson),
    warnings: warnings.map(problemJson),
  };
  writeDocument(context, parsed.values.json === true, document, renderCheck);
  return status;
}

/** `plughooks check <plugin-dir>`: validate a plugin package before publishing. */
export const checkCommand: Command = {
  name: "check",
  summary: "validate one plugin package before publishing it",
  help: HELP,
  run,
};
