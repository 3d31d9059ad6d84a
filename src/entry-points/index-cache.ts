import { dirname, join, sep } from "node:path";
import { fs, util } from "../builtins.js";
import { indexVariable, userCacheDirectory } from "../config/environment.js";
import { ownPackage } from "../own-package.js";
import type { PackageManifest } from "./manifest.js";
import type { EntryPoint, EntryPointsResult } from "./types.js";

const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } =
  fs;
const { debuglog } = util;

/**
 * The discovery index: the result of a discovery kept on disk so that a warm start reads one
 * small file and a few dozen `stat`s instead of every package.json (stevedore's entry-point
 * cache, done so that it is never stale).
 *
 * Validity: the index stores a stamp (mtime and ctime in ns, size, inode) of every path whose
 * change can change the answer, and is used only when every stamp still matches. What is
 * stamped, and why (the compat suite's add/remove/upgrade steps record the evidence):
 * - at the root and at each parent folder: `node_modules` (its mtime moves when a package is
 *   added or removed there, by any tool or by hand), `package.json`, every lockfile
 *   (`package-lock.json`, `npm-shrinkwrap.json`, `pnpm-lock.yaml`, `yarn.lock`, `bun.lock`,
 *   `bun.lockb`), Yarn PnP's `.pnp.cjs` / `.pnp.data.json` / `.yarn/install-state.gz`;
 * - inside each such `node_modules`: the state file each manager rewrites on every install,
 *   add, remove and upgrade (`.package-lock.json` npm, `.modules.yaml` and `.pnpm/lock.yaml`
 *   pnpm, `.yarn-state.yml` Yarn Berry, `.yarn-integrity` Yarn classic, `.bun` bun isolated),
 *   and every `@scope` folder (a scoped package added by hand moves only its scope's mtime);
 * - the package.json of every package that declares entry points (an upgrade in place, or an
 *   edit, of a plugin), and of every package outside any node_modules (the root, workspaces,
 *   `npm link`ed folders), with that folder's own `node_modules`;
 * - plughooks' own package.json (an upgrade of plughooks rebuilds the index).
 * Not caught: an edit by hand of the package.json of a package that declares no entry point,
 * inside node_modules, without any install (turn the index off, or delete the file, then).
 *
 * Robustness: a missing, corrupt, truncated, foreign or unreadable index is ignored (a debug
 * line says why) and rebuilt; it is written to a temporary file then renamed, so concurrent
 * writers never leave a torn file; only a discovery without problems is written (problems
 * are then reported afresh, with their causes, on every start); a tree that changed while it
 * was scanned is not written (its stamps could be newer than what was read).
 */

const debug = debuglog("plughooks");

/** Bumped when the file format or discovery's semantics change. */
const FORMAT = 1;

/** Files and folders stamped at the root and at each parent folder. */
const PROJECT_FILES = [
  "node_modules",
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
  "bun.lockb",
  ".pnp.cjs",
  ".pnp.data.json",
  join(".yarn", "install-state.gz"),
];

/** Managers' state files inside a node_modules folder. */
const NODE_MODULES_FILES = [
  ".package-lock.json",
  ".modules.yaml",
  join(".pnpm", "lock.yaml"),
  ".yarn-state.yml",
  ".yarn-integrity",
  ".bun",
];

/** Settings tests may shorten; not public API. */
export const indexSettings = {
  /**
   * A stamped path modified less than this before the scan started (or after) makes the
   * result unsafe to keep: file-system clocks are coarse (Linux takes mtimes from a tick of
   * up to 10 ms), so a change racing the scan could carry an mtime from before it.
   */
  racyMs: 100,
};

/** Whether the index is off: `index: false`, or `PLUGHOOKS_INDEX` = 0/false/off/no. */
export function indexDisabled(
  option: boolean | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return option === false || indexVariable(env) === false;
}

type Stamp = readonly [path: string, signature: string];

interface IndexFile {
  readonly format: number;
  readonly root: string;
  readonly group: string | null;
  readonly pnp: boolean;
  readonly stamps: readonly Stamp[];
  readonly entryPoints: readonly EntryPoint[];
  readonly packagesScanned: number;
}

/** One stamp: `mtimeNs:ctimeNs:size:ino`, or `-` when the path does not exist. */
function signature(path: string): string {
  try {
    const st = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (st === undefined) return "-";
    return `${st.mtimeNs}:${st.ctimeNs}:${st.isDirectory() ? "d" : st.size}:${st.ino}`;
  } catch {
    return "?"; // unreadable (EACCES, ENOTDIR...): stable, and different from "absent"
  }
}

const underPnp = () => process.versions.pnp !== undefined;

/** The index file's name: one per root, group and runtime (PnP or not). */
function fileName(root: string, group: string | undefined): string {
  const key = `${FORMAT}\0${root}\0${group ?? "\0*"}\0${underPnp() ? "pnp" : "node"}`;
  return `discovery-${digest(key)}.json`;
}

/**
 * A short, stable digest of the key, for the file name only: the file itself records its
 * root, group and runtime, and is checked against them on read, so a collision is harmless.
 * Not node:crypto: loading it costs about 7 ms, more than the whole warm start it serves.
 */
function digest(text: string): string {
  // Two 32-bit FNV-1a-style lanes with different multipliers: 64 bits of spread.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * Where the index may live, in order: the app's node_modules/.cache (when the app has a
 * node_modules folder), the user cache folder (when there is one: see userCacheDirectory).
 */
function directories(root: string, userCache: string | null): string[] {
  const inApp = join(root, "node_modules", ".cache", "plughooks");
  return userCache === null ? [inApp] : [inApp, join(userCache, "plughooks")];
}

/** plughooks' own package.json (an upgrade of plughooks must rebuild the index). */
function plughooksManifest(): string {
  return ownPackage()?.path ?? "package.json";
}

/**
 * The stored discovery of `root` for `group`, when a valid, current index exists; otherwise
 * undefined (with a debug line saying why). Never throws.
 */
export function readIndex(
  root: string,
  group: string | undefined,
  userCache: string | null = userCacheDirectory(process.env) ?? null,
): EntryPointsResult | undefined {
  const name = fileName(root, group);
  for (const directory of directories(root, userCache)) {
    const file = join(directory, name);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR")
        debug(`discovery index: ${file} unreadable (${code})`);
      continue;
    }
    const index = parse(text, root, group);
    if (typeof index === "string") {
      debug(`discovery index: ignoring ${file}: ${index}; rebuilding`);
      return undefined;
    }
    for (const [path, expected] of index.stamps) {
      if (signature(path) !== expected) {
        debug(`discovery index: stale, ${path} changed; rebuilding`);
        return undefined;
      }
    }
    debug(`discovery index: hit ${file} (${index.entryPoints.length} entry point(s))`);
    return {
      root,
      entryPoints: index.entryPoints,
      problems: [],
      packagesScanned: index.packagesScanned,
    };
  }
  debug(`discovery index: none for ${root}; scanning`);
  return undefined;
}

/**
 * Deletes what a cold start may leave behind in an index folder (stevedore never did): the
 * temporary files of writers that died (older than an hour), and indexes not rewritten for
 * 30 days (roots that no longer exist, older formats; a live one is just rebuilt once).
 */
function sweep(directory: string, keep: string): void {
  const now = Date.now();
  try {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (path === keep || !name.startsWith("discovery-")) continue;
      const age = now - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now);
      if (
        (name.endsWith(".tmp") && age > 3_600_000) ||
        (name.endsWith(".json") && age > 30 * 86_400_000)
      )
        unlinkSync(path);
    }
  } catch {
    // best effort: another process may be sweeping too
  }
}

/** Parses and checks an index file; a string says what is wrong with it. */
function parse(text: string, root: string, group: string | undefined): IndexFile | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not valid JSON (truncated or corrupt)";
  }
  const index = value as Partial<IndexFile> | null;
  if (typeof index !== "object" || index === null) return "not an index";
  if (index.format !== FORMAT) return `format ${String(index.format)}, expected ${FORMAT}`;
  if (index.root !== root || index.group !== (group ?? null) || index.pnp !== underPnp())
    return "made for another root, group or runtime";
  if (
    !Array.isArray(index.stamps) ||
    !index.stamps.every(
      (s) => Array.isArray(s) && typeof s[0] === "string" && typeof s[1] === "string",
    ) ||
    !Array.isArray(index.entryPoints) ||
    !index.entryPoints.every(isEntryPoint) ||
    typeof index.packagesScanned !== "number"
  )
    return "malformed";
  return index as IndexFile;
}

function isEntryPoint(value: unknown): value is EntryPoint {
  const ep = value as Record<string, unknown> | null;
  return (
    typeof ep === "object" &&
    ep !== null &&
    ["package", "version", "directory", "group", "name", "reference", "module"].every(
      (key) => typeof ep[key] === "string",
    ) &&
    Array.isArray(ep.exportPath) &&
    ep.exportPath.every((part) => typeof part === "string")
  );
}

/** A discovery about to be indexed: where to write, and the stamps taken before the scan. */
export interface IndexWriter {
  readonly root: string;
  readonly group: string | undefined;
  readonly file: string;
  readonly started: number;
  readonly stamps: Stamp[];
  /** Folders whose mtime the index itself moved (by making its folder). */
  readonly exempt: ReadonlySet<string>;
}

/**
 * Prepares indexing a discovery of `root`: makes the index folder (first the app's
 * `node_modules/.cache/plughooks`, else the user cache; none writable: no index), then
 * stamps the project files. Call it before scanning. Never throws.
 */
export function beginIndex(
  root: string,
  group: string | undefined,
  userCache: string | null = userCacheDirectory(process.env) ?? null,
): IndexWriter | undefined {
  let file: string | undefined;
  let ours: string | undefined;
  const [inApp, inUserCache] = directories(root, userCache);
  // Never create node_modules for the index: not in a Yarn PnP project (where it would be a
  // stray folder), not in a workspace package or a folder without one. Those use the user
  // cache folder.
  const hasNodeModules = statSync(join(root, "node_modules"), {
    throwIfNoEntry: false,
  })?.isDirectory();
  const candidates = hasNodeModules ? [inApp!, inUserCache] : [inUserCache];
  for (const directory of candidates) {
    if (directory === undefined) continue; // no user cache folder
    try {
      // Made before the stamps are taken: creating node_modules/.cache moves node_modules'
      // mtime, which must not invalidate the index about to be written.
      const created = mkdirSync(directory, { recursive: true });
      // The folders whose mtime we just moved ourselves (not a change racing the scan).
      if (created !== undefined) ours = dirname(created);
      file = join(directory, fileName(root, group));
      break;
    } catch (error) {
      debug(
        `discovery index: cannot use ${directory} (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`,
      );
    }
  }
  if (file === undefined) return undefined;
  const started = Date.now();
  const stamps: Stamp[] = [[plughooksManifest(), signature(plughooksManifest())]];
  for (let directory = root; ; directory = dirname(directory)) {
    stampProject(directory, stamps);
    if (dirname(directory) === directory) break;
  }
  const exempt = new Set<string>();
  if (ours !== undefined) {
    for (let path = dirname(file); path.startsWith(ours); path = dirname(path)) exempt.add(path);
  }
  return { root, group, file, started, stamps, exempt };
}

/** Stamps a folder's project files, and its node_modules' state files and scope folders. */
function stampProject(directory: string, stamps: Stamp[]): void {
  for (const name of PROJECT_FILES) {
    const path = join(directory, name);
    stamps.push([path, signature(path)]);
  }
  const nodeModules = join(directory, "node_modules");
  let entries: string[];
  try {
    entries = readdirSync(nodeModules);
  } catch {
    return; // no node_modules here (its absence is stamped above)
  }
  for (const name of NODE_MODULES_FILES) {
    const path = join(nodeModules, name);
    stamps.push([path, signature(path)]);
  }
  for (const entry of entries) {
    if (entry.startsWith("@")) {
      const path = join(nodeModules, entry);
      stamps.push([path, signature(path)]);
    }
  }
}

/**
 * Writes the index of a finished discovery (atomically: temporary file, then rename). Skips
 * a discovery with problems, and one whose tree changed while it ran. Never throws.
 */
export function finishIndex(
  writer: IndexWriter,
  result: EntryPointsResult,
  packages: readonly PackageManifest[],
): void {
  if (result.problems.length > 0) {
    debug("discovery index: not written, discovery reported problems");
    return;
  }
  const stamps = writer.stamps;
  const seen = new Set(stamps.map(([path]) => path));
  const add = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    stamps.push([path, signature(path)]);
  };
  for (const ep of result.entryPoints) add(join(ep.directory, "package.json"));
  for (const pkg of packages) {
    if (`${pkg.directory}${sep}`.includes(`${sep}node_modules${sep}`)) continue;
    add(join(pkg.directory, "package.json"));
    add(join(pkg.directory, "node_modules"));
  }
  // A stamped path changed since (or just before) the scan started: what was read may be
  // older than its stamp. Keep nothing; the next start scans again.
  const limit = BigInt(writer.started - indexSettings.racyMs) * 1_000_000n;
  for (const [path, sig] of stamps) {
    if (writer.exempt.has(path)) continue;
    const mtime = sig.includes(":") ? BigInt(sig.slice(0, sig.indexOf(":"))) : 0n;
    const ctime = sig.includes(":") ? BigInt(sig.split(":")[1] ?? "0") : 0n;
    if (mtime >= limit || ctime >= limit) {
      debug(`discovery index: not written, ${path} changed during discovery`);
      return;
    }
  }
  const index: IndexFile = {
    format: FORMAT,
    root: writer.root,
    group: writer.group ?? null,
    pnp: underPnp(),
    stamps,
    entryPoints: result.entryPoints,
    packagesScanned: result.packagesScanned,
  };
  const temporary = `${writer.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(index));
    renameSync(temporary, writer.file);
    debug(`discovery index: wrote ${writer.file} (${stamps.length} stamps)`);
    sweep(dirname(writer.file), writer.file);
  } catch (error) {
    debug(`discovery index: not written (${(error as NodeJS.ErrnoException).code ?? error})`);
    try {
      unlinkSync(temporary);
    } catch {
      // it was never created
    }
  }
}
