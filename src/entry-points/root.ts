import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fs } from "../builtins.js";
import { realDirectory } from "./node-modules.js";

const { existsSync, statSync } = fs;

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
    if (existsSync(join(directory, "package.json"))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return real;
    directory = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
