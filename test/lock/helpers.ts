import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { entryPoints } from "../../src/entry-points/index.js";
import { resolveModuleFile } from "../../src/loading/index.js";
import { createLockEntries, LOCK_FILE_NAME, serializeLock } from "../../src/lock/index.js";
import { makeApp, type PackageSpec } from "../helpers/fixtures.js";

/**
 * A plugin package whose module records, in `globalThis.__imported`, that it was imported:
 * the lock must refuse before the import, so a refused plugin never appears there.
 */
export function markerPlugin(
  name: string,
  options: { version?: string; hook?: string } = {},
): PackageSpec {
  const hook = options.hook ?? "resize_hook";
  return {
    name,
    ...(options.version === undefined ? {} : { version: options.version }),
    entryPoints: { "nova.hooks": { [hook]: "./hooks.js:Hook" } },
    files: {
      "hooks.js": `(globalThis.__imported ??= []).push(${JSON.stringify(name)});\nexport class Hook { pre() {} post() {} }\n`,
    },
  };
}

/** The names of the marker plugins imported so far in this process. */
export const imported = (): string[] =>
  ((globalThis as { __imported?: string[] }).__imported ??= []);

/** An app with the given packages, locked as `plughooks lock` would lock it. */
export function lockedApp(packages: readonly PackageSpec[]): string {
  const app = makeApp({ packages });
  writeLock(app);
  return app;
}

/** Writes the lock for what is installed in `app` now, at `path` (default: the root's). */
export function writeLock(app: string, path = join(app, LOCK_FILE_NAME)): void {
  const found = entryPoints({ root: app });
  const { entries, packages } = createLockEntries(found.entryPoints, {
    root: found.root,
    resolveModule: resolveModuleFile,
  });
  writeFileSync(path, serializeLock(entries, packages));
}
