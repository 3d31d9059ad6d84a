import { createRequire } from "node:module";
import { join, sep } from "node:path";
import { fs } from "../builtins.js";
import type { EntryPoint } from "../entry-points/index.js";
import { PlughooksError, type ProblemSite } from "../errors/index.js";
import { importTarget } from "./exports-import.js";

const { readFileSync, realpathSync, statSync } = fs;
const sharedRequire = createRequire(import.meta.url);

/**
 * The site of an entry point, for error messages.
 *
 * @internal
 */
export const siteOf = (entryPoint: EntryPoint): ProblemSite => ({
  package: entryPoint.package,
  directory: entryPoint.directory,
  group: entryPoint.group,
  entryPoint: entryPoint.name,
  reference: entryPoint.reference,
});

/**
 * The real path of the module file an entry point loads. A `./` path is resolved the way
 * `require()` resolves a relative path (exact file, then `.js`/`.json`/`.node`, then a
 * folder's index); a self-reference (`pkg/subpath`) goes through the package's `exports`.
 * The result must lie inside the package after symlinks are resolved, and not in a
 * `node_modules` folder of it (that is another package).
 *
 * @throws {@link plughooks!PlughooksError} `ERR_MODULE_NOT_FOUND` or `ERR_REFERENCE_ESCAPES_PACKAGE`.
 */
export function resolveModuleFile(entryPoint: EntryPoint): string {
  const site = siteOf(entryPoint);
  const relative = entryPoint.module.startsWith("./");
  let resolved: string;
  try {
    // A `./` path is resolved as an absolute path, which Node resolves the same from any
    // module: the shared `require` then serves, not a createRequire() per package (about
    // 0.15 ms each on a first call). A self-reference needs the package's own resolution.
    resolved = relative
      ? sharedRequire.resolve(join(entryPoint.directory, entryPoint.module))
      : createRequire(join(entryPoint.directory, "package.json")).resolve(entryPoint.module);
  } catch (error) {
    const onlyForImport =
      (error as { code?: unknown }).code === "ERR_PACKAGE_PATH_NOT_EXPORTED"
        ? resolveForImport(entryPoint, site, error)
        : undefined;
    if (onlyForImport === undefined) {
      const notExported = (error as { code?: unknown }).code === "ERR_PACKAGE_PATH_NOT_EXPORTED";
      throw new PlughooksError(
        "ERR_MODULE_NOT_FOUND",
        notExported
          ? `module ${JSON.stringify(entryPoint.module)}: the package's "exports" has no such subpath, for require or for import`
          : `module ${JSON.stringify(entryPoint.module)} not found in the package`,
        { site, cause: error },
      );
    }
    resolved = onlyForImport;
  }
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch (error) {
    throw new PlughooksError(
      "ERR_MODULE_NOT_FOUND",
      `module ${JSON.stringify(entryPoint.module)} cannot be read`,
      { site, cause: error },
    );
  }
  // Inside the folder is not enough: a nested node_modules holds other packages (reached
  // through a symlink, a folder's `main`, or a self-reference of a package without
  // `exports`, which Node resolves through node_modules).
  if (
    !real.startsWith(entryPoint.directory + sep) ||
    real
      .slice(entryPoint.directory.length + 1)
      .split(sep)
      .some((segment) => segment.toLowerCase() === "node_modules")
  ) {
    throw new PlughooksError(
      "ERR_REFERENCE_ESCAPES_PACKAGE",
      `module ${JSON.stringify(entryPoint.module)} resolves to ${real}, outside the package (through a symlink or another package)`,
      { site },
    );
  }
  return real;
}

/**
 * A self-reference whose subpath the package exports for `import` but not for `require`
 * (`"exports": { "./hooks": { "import": "./dist/hooks.mjs" } }`): the file `import` would
 * load, which `require(esm)` then loads. `undefined` when `import` has no target either;
 * throws, saying why, when the target it names is not a file.
 */
function resolveForImport(
  entryPoint: EntryPoint,
  site: ProblemSite,
  cause: unknown,
): string | undefined {
  let exports: unknown;
  try {
    exports = (
      JSON.parse(readFileSync(join(entryPoint.directory, "package.json"), "utf8")) as {
        exports?: unknown;
      }
    ).exports;
  } catch {
    return undefined;
  }
  const name = entryPoint.package;
  const request = entryPoint.module;
  if (request !== name && !request.startsWith(`${name}/`)) return undefined;
  const subpath = `.${request.slice(name.length)}`;
  const target = importTarget(exports, subpath);
  if (target === undefined) return undefined;
  const file = join(entryPoint.directory, target);
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new PlughooksError(
      "ERR_MODULE_NOT_FOUND",
      `module ${JSON.stringify(request)}: the package exports ${subpath} only for import, as ${target}, which is not a file in the package`,
      { site, cause },
    );
  }
  return file;
}
