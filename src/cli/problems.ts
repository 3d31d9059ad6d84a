import { sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Problem, Warning } from "../errors/index.js";

/** A problem as the `--json` output shows it (schemaVersion 1). */
export interface ProblemJson {
  readonly code: string;
  readonly message: string;
  readonly package: string;
  readonly group?: string;
  readonly entryPoint?: string;
  readonly reference?: string;
  /** The first stack frame inside the plugin's package, for load errors. */
  readonly frame?: string;
}

/** The first line of a message: every problem is reported on one line. */
export function firstLine(text: string): string {
  const index = text.indexOf("\n");
  return index === -1 ? text : text.slice(0, index);
}

/**
 * The first stack frame of `cause` that lies inside `directory` (the plugin's package),
 * without the leading `at `: where in the plugin a load error came from. Frames in the
 * plugin's own `node_modules` do not count; they are the plugin's dependencies.
 */
function pluginFrame(cause: unknown, directory: string | undefined): string | undefined {
  if (directory === undefined || !(cause instanceof Error) || typeof cause.stack !== "string") {
    return undefined;
  }
  const inside = [directory + sep, `${pathToFileURL(directory).href}/`];
  for (const raw of cause.stack.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("at ")) continue;
    if (!inside.some((prefix) => line.includes(prefix))) continue;
    if (line.includes(`${sep}node_modules${sep}`, line.indexOf(directory) + directory.length))
      continue;
    return line.slice(3);
  }
  return undefined;
}

/** A problem's (or a warning's) JSON form. */
export function problemJson(p: Problem | Warning): ProblemJson {
  const frame = "cause" in p ? pluginFrame(p.cause, p.directory) : undefined;
  return {
    code: p.code,
    message: firstLine(p.message),
    package: p.package,
    ...(p.group === undefined ? {} : { group: p.group }),
    ...(p.entryPoint === undefined ? {} : { entryPoint: p.entryPoint }),
    ...(p.reference === undefined ? {} : { reference: p.reference }),
    ...(frame === undefined ? {} : { frame }),
  };
}

/** Drops problems reported twice (discovery problems come back from each group's load). */
export function uniqueProblems(problems: Iterable<Problem>): Problem[] {
  const seen = new Set<string>();
  const unique: Problem[] = [];
  for (const p of problems) {
    const key = `${p.code}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  return unique;
}
