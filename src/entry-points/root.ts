import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { fs } from "../builtins.js";
import { realDirectory } from "./node-modules.js";

const { existsSync, statSync } = fs;

/** Options of every stat: one object, not one per call. */
const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * The folder of the application's root package: the nearest package.json at or above
 * `root` (a directory, or a module's file URL or path), or above `process.cwd()` when
 * `root` is not given. When no package.json is found, the starting folder itself.
 */
export function findRootDirectory(root?: string | URL): string {
  let start: string;
  if (root === undefined) {
    start = process.cwd();
  } else {
    const path =
      root instanceof URL || root.startsWith("file:") ? fileURLToPath(root) : resolve(root);
    start = isFile(path) ? dirname(path) : path;
  }
  const real = realDirectory(start) ?? start;
  for (let directory = real; ; ) {
    // Concatenated, not path.join: a real path needs no normalising, and join's first call
    // costs more than the rest of this loop on a warm start in a fresh process.
    const manifest = directory.endsWith(sep)
      ? `${directory}package.json`
      : `${directory}${sep}package.json`;
    if (existsSync(manifest)) return directory;
    const parent = dirname(directory);
    if (parent === directory) return real;
    directory = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path, NO_THROW)?.isFile() === true;
  } catch {
    return false;
  }
}
