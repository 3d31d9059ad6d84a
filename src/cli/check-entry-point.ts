// One entry point of the plugin under `plughooks check`: resolved, published, loaded.
import { isAbsolute, relative, sep } from "node:path";
import { PlughooksError, problem } from "../errors/index.js";
import type { CheckEntryJson } from "./commands/check.js";
import { type EntryPoint, loadOne, type Problem, resolveModule, siteOf } from "./core.js";

/**
 * Checks one entry point of the plugin in `directory`: its module resolves inside the
 * package, is among the `published` files (when known), and loads to a hook object with
 * `pre` or `post`.
 */
export async function checkEntryPoint(
  ep: EntryPoint,
  directory: string,
  published: ReadonlySet<string> | undefined,
): Promise<{ entry: CheckEntryJson; problems: Problem[] }> {
  const site = siteOf(ep); // ep.directory is `directory`: only the plugin's own are checked
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
