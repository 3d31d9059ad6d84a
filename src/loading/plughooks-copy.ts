import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fs } from "../builtins.js";

const { realpathSync, statSync } = fs;

/**
 * The folder (real path) of the copy of plughooks that `import "plughooks"` from a module in
 * `directory` would load, or `undefined` when none resolves. Found with Node's own resolution
 * (so Yarn PnP works when the process runs under it), else by the `node_modules` walk.
 * Never throws, and never imports anything.
 *
 * @example
 * ```ts
 * plughooksCopyOf("/srv/app/node_modules/acme-audit"); // "/srv/app/node_modules/plughooks"
 * ```
 */
function plughooksCopyOf(directory: string): string | undefined {
  try {
    const file = createRequire(join(directory, "package.json")).resolve("plughooks/package.json");
    return realpathSync(dirname(file));
  } catch {
    // a copy whose "exports" hides package.json, or no copy: walk node_modules like Node
  }
  for (let at = directory; ; at = dirname(at)) {
    const candidate = join(at, "node_modules", "plughooks");
    if (statSync(join(candidate, "package.json"), { throwIfNoEntry: false })?.isFile()) {
      try {
        return realpathSync(candidate);
      } catch {
        return undefined;
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

/**
 * Whether a plugin in `pluginDirectory` resolves a different copy of plughooks than the
 * application in `applicationDirectory`: then it has its own `FatalHookError` class, its own
 * types and its own registry state. Returns both copies' folders, or `undefined` when they
 * are the same (or either resolves none). `plughooks doctor` warns about it.
 *
 * @example
 * ```ts
 * const copies = separatePlughooksCopy(ep.directory, found.root);
 * if (copies) console.warn(`${ep.package} uses ${copies.plugin}, the app ${copies.application}`);
 * ```
 *
 * @internal
 */
export function separatePlughooksCopy(
  pluginDirectory: string,
  applicationDirectory: string,
): { readonly plugin: string; readonly application: string } | undefined {
  const plugin = plughooksCopyOf(pluginDirectory);
  if (plugin === undefined) return undefined;
  const application = plughooksCopyOf(applicationDirectory);
  if (application === undefined || application === plugin) return undefined;
  return { plugin, application };
}
