import { dirname, sep } from "node:path";
import { fs, util } from "../builtins.js";
import { indexVariable } from "../config/environment.js";
import { ownPackage } from "../own-package.js";
import {
  type CacheSettings,
  type Env,
  prepareFolder,
  readCacheFile,
  userCacheDirectory,
} from "./cache-folder.js";
import type { InstalledPackages } from "./installed-packages.js";
import { realDirectory } from "./node-modules.js";
import { findPnpApi } from "./pnp.js";
import type { EntryPoint, EntryPointsResult } from "./types.js";

const { readdirSync, renameSync, statSync, unlinkSync, writeFileSync } = fs;
const { debuglog } = util;

/**
 * The discovery index: the result of a discovery kept on disk so that a warm start reads one
 * small file and a few dozen `stat`s instead of every package.json (stevedore's entry-point
 * cache, done so that it is never stale).
 *
 * Validity: the index stores a stamp (mtime and ctime, size, inode) of every path whose
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
 * - every `node_modules` folder the walk found packages in, and every one it searched in vain
 *   for a dependency (a package copied there by hand, even into a nested folder, is seen);
 * - plughooks' own package.json (an upgrade of plughooks rebuilds the index).
 * Not caught: an edit by hand of the package.json of a package that declares no entry point,
 * inside node_modules, without any install (turn the index off, or delete the file, then).
 *
 * Evidence, not authority: an index is used only when it belongs to this root, group and
 * runtime; its folder and file belong to the current user and nobody else can write them
 * (as ssh checks its files); its stamps cover the project files of the root and its parents
 * and the package.json of every package it names; and every entry point lies in a package
 * folder the walk could reach (`<root or a parent>/node_modules/...`, or a linked folder whose
 * link still points there). Anything else is ignored, with a debug line saying why.
 *
 * Robustness: a missing, corrupt, truncated, foreign or unreadable index is ignored (a debug
 * line says why) and rebuilt; it is written to a temporary file created exclusively (never
 * through a planted symlink) then renamed, so concurrent writers never leave a torn file; only a discovery without problems is written (problems
 * are then reported afresh, with their causes, on every start); a tree that changed while it
 * was scanned is not written (its stamps could be newer than what was read).
 */

const debug = debuglog("plughooks");

/** Bumped when the file format or discovery's semantics change. */
const FORMAT = 2;

/** The largest index read: 200,000 entry points take about 60 MB. */
const MAX_INDEX_BYTES = 256 * 1024 * 1024;

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
  `.yarn${sep}install-state.gz`,
];

/** Managers' state files inside a node_modules folder. */
const NODE_MODULES_FILES = [
  ".package-lock.json",
  ".modules.yaml",
  `.pnpm${sep}lock.yaml`,
  ".yarn-state.yml",
  ".yarn-integrity",
  ".bun",
];

const NODE_MODULES_SEGMENT = `${sep}node_modules${sep}`;

/** Settings tests may shorten; not public API. */
export const indexSettings = {
  /**
   * A stamped path modified less than this before the scan started (or after) makes the
   * result unsafe to keep: file-system clocks are coarse (Linux takes mtimes from a tick of
   * up to 10 ms), so a change racing the scan could carry an mtime from before it.
   */
  racyMs: 100,
};

/** Whether the index is off: `index: false`, or `PLUGHOOKS_INDEX` = 0/false/off/no in `env`. */
export function indexDisabled(option: boolean | undefined, env: Env): boolean {
  return option === false || indexVariable(env) === false;
}

/**
 * A stamp: `[path, mtimeMs, ctimeMs, size, inode]`; mtimeMs -1 when the path does not exist,
 * -2 when it cannot be stat'ed (EACCES, ENOTDIR...: stable, and different from "absent");
 * size -1 for a folder (its mtime says what changed in it).
 */
type Stamp = readonly [path: string, mtimeMs: number, ctimeMs: number, size: number, ino: number];
type Link = readonly [link: string, real: string];

interface IndexFile {
  readonly format: number;
  readonly root: string;
  readonly group: string | null;
  readonly pnp: boolean;
  readonly stamps: readonly Stamp[];
  readonly links: readonly Link[];
  readonly entryPoints: readonly EntryPoint[];
  readonly packagesScanned: number;
}

/** Options of every stat: one object, not one per call. */
const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * Stamps a path. Plain (not BigInt) stats: a BigInt stat object costs several times more,
 * and was most of a warm start; a double keeps file-system times to well under a
 * microsecond. Numbers, compared as numbers: formatting two doubles per stamp as text cost
 * more than the stat on a warm start.
 */
function stamp(path: string): Stamp {
  try {
    const st = statSync(path, NO_THROW);
    if (st === undefined) return [path, -1, 0, 0, 0];
    return [path, st.mtimeMs, st.ctimeMs, st.isDirectory() ? -1 : st.size, st.ino];
  } catch {
    return [path, -2, 0, 0, 0];
  }
}

/**
 * The first stamped path that changed, null for a stamp of the wrong shape, or undefined when
 * every stamp still matches its path: one `stat` per stamp, never more. One loop that also
 * checks each stamp's shape, not a function per stamp: on a warm start in a fresh process
 * this runs once, in the interpreter, where every call and every function compiled counts.
 * The four numbers need no type check: each is compared with `===` to a number from the stat
 * (or to -1 or -2), so a value of any other type reads as a change (an absent path reads
 * only its -1).
 */
function changedStamp(stamps: readonly Stamp[]): string | null | undefined {
  for (let i = 0; i < stamps.length; i++) {
    const recorded = stamps[i];
    if (!Array.isArray(recorded) || recorded.length !== 5 || typeof recorded[0] !== "string")
      return null;
    try {
      const st = statSync(recorded[0], NO_THROW);
      if (st === undefined) {
        if (recorded[1] !== -1) return recorded[0];
      } else if (
        st.mtimeMs !== recorded[1] ||
        st.ctimeMs !== recorded[2] ||
        (st.isDirectory() ? -1 : st.size) !== recorded[3] ||
        st.ino !== recorded[4]
      )
        return recorded[0];
    } catch {
      if (recorded[1] !== -2) return recorded[0];
    }
  }
  return undefined;
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

/** The index folder inside the application: `<root>/node_modules/.cache/plughooks`. */
const appFolder = (root: string) => `${trimSep(root)}${sep}node_modules${sep}.cache${sep}plughooks`;

/** The index folder in the user cache, when there is a user cache. */
function userFolder(settings: CacheSettings): string | undefined {
  const cache = userCacheDirectory(settings);
  return cache === undefined ? undefined : `${trimSep(cache)}${sep}plughooks`;
}

const trimSep = (path: string) => (path.endsWith(sep) ? path.slice(0, -1) : path);

/** plughooks' own package.json (an upgrade of plughooks must rebuild the index). */
function plughooksManifest(): string {
  return ownPackage()?.path ?? "package.json";
}

/** The root and each folder above it, nearest first. */
function rootPath(root: string): string[] {
  const folders = [root];
  for (let folder = root, parent = dirname(root); parent !== folder; parent = dirname(parent)) {
    folders.push(parent);
    folder = parent;
  }
  return folders;
}

/**
 * The stored discovery of `root` for `group`, when a valid, current, trusted index exists;
 * otherwise undefined (with a debug line saying why). Never throws.
 *
 * Written for a warm start in a fresh process, where this runs once, in the interpreter:
 * each function's first call is compiled then (about 7 µs for a one-line function on a slow
 * machine, more for a long one), so the path a hit takes is a few functions, without
 * closures, and every check is one loop.
 */
export function readIndex(
  root: string,
  group: string | undefined,
  settings: CacheSettings,
): EntryPointsResult | undefined {
  const name = fileName(root, group);
  let file = `${appFolder(root)}${sep}${name}`;
  let text = readIndexFile(file);
  // The user cache folder is worked out only when the application has no index of its own.
  if (text === undefined) {
    const folder = userFolder(settings);
    if (folder !== undefined) {
      file = `${folder}${sep}${name}`;
      text = readIndexFile(file);
    }
  }
  if (text === undefined) {
    debug(`discovery index: none for ${root}; scanning`);
    return undefined;
  }
  const index = parse(text, root, group);
  const why = typeof index === "string" ? index : vouch(index, root);
  if (why !== undefined) {
    debug(`discovery index: ignoring ${file}: ${why}; rebuilding`);
    return undefined;
  }
  const trusted = index as IndexFile;
  const changed = changedStamp(trusted.stamps);
  if (changed === null) {
    debug(`discovery index: ignoring ${file}: malformed; rebuilding`);
    return undefined;
  }
  if (changed !== undefined) {
    debug(`discovery index: stale, ${changed} changed; rebuilding`);
    return undefined;
  }
  debug(`discovery index: hit ${file} (${trusted.entryPoints.length} entry point(s))`);
  return {
    root,
    entryPoints: trusted.entryPoints,
    problems: [],
    packagesScanned: trusted.packagesScanned,
  };
}

/** An index file's text; undefined when there is none, or it may not be read (said why). */
function readIndexFile(file: string): string | undefined {
  let read: ReturnType<typeof readCacheFile>;
  try {
    read = readCacheFile(file, MAX_INDEX_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR")
      debug(`discovery index: ignoring ${file}: unreadable (${code})`);
    return undefined;
  }
  if (read === undefined || typeof read === "string") return read;
  debug(`discovery index: ignoring ${file}: ${read.refused}`);
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
      const path = `${directory}${sep}${name}`;
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

/**
 * Parses an index file and checks its header; a string says what is wrong with it. Its
 * stamps, links and entry points are checked where they are first used, each in the one
 * loop that walks them anyway ({@link vouch}, {@link linkedReach}, {@link changedStamp}):
 * a second pass over hundreds of them cost more than half a millisecond of a warm start.
 */
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
    !Array.isArray(index.links) ||
    !Array.isArray(index.entryPoints) ||
    typeof index.packagesScanned !== "number"
  )
    return "malformed";
  return index as IndexFile;
}

/** Whether a value read from an index has the shape of an {@link EntryPoint}. */
function isEntryPoint(value: unknown): value is EntryPoint {
  const ep = value as Record<keyof EntryPoint, unknown> | null;
  if (
    typeof ep !== "object" ||
    ep === null ||
    typeof ep.package !== "string" ||
    typeof ep.version !== "string" ||
    typeof ep.directory !== "string" ||
    typeof ep.group !== "string" ||
    typeof ep.name !== "string" ||
    typeof ep.reference !== "string" ||
    typeof ep.module !== "string" ||
    !Array.isArray(ep.exportPath)
  )
    return false;
  for (const part of ep.exportPath) if (typeof part !== "string") return false;
  return true;
}

/**
 * Whether an index may be believed: its stamps cover the project files of the root and its
 * parents and the package.json of every package it names, and every entry point lies in a
 * package folder the walk could reach. A string says why not. Costs a few string compares
 * per entry point, and a realpath per linked folder.
 */
function vouch(index: IndexFile, root: string): string | undefined {
  // The stamps are checked in the order the writer put them (plughooks, the project files
  // of each folder from the root up, then each package.json of a plugin in entry-point
  // order), by one forward scan: hashing hundreds of long paths into a set cost a
  // millisecond of a warm start at 50,000 packages. An index in any other order is refused.
  const stamps = index.stamps;
  let at = 1;
  const path = rootPath(root);
  for (const folder of path) {
    const prefix = `${trimSep(folder)}${sep}`;
    for (const name of PROJECT_FILES) {
      const file = prefix + name;
      // `?.`: a stamp is not checked yet (null would throw); one of the wrong shape never
      // matches here, or is refused by changedStamp.
      while (at < stamps.length && stamps[at]?.[0] !== file) at++;
      if (at++ >= stamps.length) return `its stamps do not cover ${file}`;
    }
  }
  // Where a package folder may lie: `<base>/node_modules/...` for a base on the root's path
  // (kept as `<base>/node_modules/`, made once, not once per entry point). Plug'n'Play and
  // linked folders are rare, and their code is kept out of this function: on a warm start in
  // a fresh process, every line of a function called is compiled, run or not.
  const nodeModules = path.map(nodeModulesOf);
  let isReachable: ((directory: string) => boolean) | undefined;
  if (index.pnp || index.links.length > 0) {
    const reach = index.pnp ? pnpReach(root) : linkedReach(path, index.links, stamps);
    if (typeof reach === "string") return reach;
    isReachable = reach;
  }
  let last = "";
  for (const ep of index.entryPoints) {
    if (!isEntryPoint(ep)) return "malformed";
    const directory = ep.directory;
    // A package's entry points are together; the root's package.json is a project file.
    if (directory === last || directory === root) continue;
    const manifest = `${directory}${sep}package.json`;
    while (at < stamps.length && stamps[at]?.[0] !== manifest) at++;
    if (at++ >= stamps.length) return `its stamps do not cover the package.json of ${directory}`;
    const reachable =
      isReachable === undefined ? isPackageSlot(directory, nodeModules) : isReachable(directory);
    if (!reachable) return `it names ${directory}, a folder discovery cannot reach from ${root}`;
    last = directory;
  }
  return undefined;
}

/** `<folder>/node_modules/`, as {@link isPackageSlot} takes it. */
const nodeModulesOf = (folder: string) => `${trimSep(folder)}${NODE_MODULES_SEGMENT}`;

/**
 * The package folders discovery could reach from the root without Plug'n'Play, when it
 * found linked folders (workspaces, `npm link`): a package folder under the `node_modules`
 * of the root, of a folder above it, or of a linked folder whose link lies in such a place,
 * still points there, and whose package.json is stamped; or why the links may not be
 * believed.
 */
function linkedReach(
  path: readonly string[],
  links: readonly Link[],
  stamps: readonly Stamp[],
): ((directory: string) => boolean) | string {
  const nodeModules = path.map(nodeModulesOf);
  const linked = new Set<string>();
  const stamped = new Set<unknown>();
  for (const recorded of stamps) if (Array.isArray(recorded)) stamped.add(recorded[0]);
  for (const pair of links) {
    if (!Array.isArray(pair) || pair.length !== 2) return "malformed";
    const [link, real] = pair;
    if (typeof link !== "string" || typeof real !== "string") return "malformed";
    if (!isPackageSlot(link, nodeModules)) return `it names a link ${link} outside node_modules`;
    if (realDirectory(link) !== real) return `the link ${link} no longer points to ${real}`;
    if (!stamped.has(`${real}${sep}package.json`))
      return `its stamps do not cover the package.json of ${real}`;
    linked.add(real);
    nodeModules.push(nodeModulesOf(real));
  }
  return (directory) => linked.has(directory) || isPackageSlot(directory, nodeModules);
}

/**
 * Whether `directory` is a package's folder in a `node_modules` folder under one of the
 * bases (given as `<base>/node_modules/`): `<base>/node_modules/<name>` or
 * `<base>/node_modules/@<scope>/<name>`, at any depth of nesting
 * (`<base>/node_modules/a/node_modules/b`, pnpm's `.pnpm/<id>/node_modules/<name>`), with no
 * `.`, `..` or empty segment, and no name that starts with a dot (`.cache`, `.bin`).
 */
function isPackageSlot(directory: string, nodeModules: readonly string[]): boolean {
  // Fast path, the common case: `<base>/node_modules/<name>`. The bases are real paths (the
  // root's path, and links checked against realpath), so only the name needs a look.
  for (const base of nodeModules) {
    if (!directory.startsWith(base)) continue;
    const name = directory.slice(base.length);
    if (name !== "" && !name.startsWith(".") && !name.includes(sep)) return true;
  }
  return isNestedPackageSlot(directory, nodeModules);
}

/** {@link isPackageSlot} for a scoped or nested package folder. */
function isNestedPackageSlot(directory: string, nodeModules: readonly string[]): boolean {
  const at = directory.lastIndexOf(NODE_MODULES_SEGMENT);
  if (at === -1) return false;
  const name = directory.slice(at + NODE_MODULES_SEGMENT.length);
  const slash = name.indexOf(sep);
  if (name === "" || name.startsWith(".")) return false;
  if (slash !== -1) {
    // `@scope/name`: one more segment, not empty, not hidden, and no deeper.
    const inner = name.slice(slash + 1);
    if (!name.startsWith("@") || inner === "" || inner.startsWith(".") || inner.includes(sep))
      return false;
  }
  const inFolder = directory.slice(0, at + NODE_MODULES_SEGMENT.length);
  for (const base of nodeModules) if (inFolder === base) return true;
  const folder = directory.slice(0, at);
  if (folder.includes(`${sep}.${sep}`) || folder.includes(`${sep}..${sep}`)) return false;
  if (folder.endsWith(`${sep}.`) || folder.endsWith(`${sep}..`)) return false;
  // Nested: under a base's node_modules.
  for (const base of nodeModules) if (folder.startsWith(base)) return true;
  return false;
}

/** Under Plug'n'Play: the root, or a folder that the PnP map says holds a package. */
function pnpReach(root: string): ((directory: string) => boolean) | string {
  const pnp = findPnpApi(root);
  if (pnp === undefined) return "made under Plug'n'Play, and no Plug'n'Play API is loaded";
  return (directory) => {
    if (directory === root) return true;
    const locator = pnp.findPackageLocator(`${directory}${sep}`);
    const info = locator === null ? null : pnp.getPackageInformation(locator);
    return info !== null && trimSep(info.packageLocation) === directory;
  };
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
 * `node_modules/.cache/plughooks`, else the user cache; none usable: no index), then
 * stamps the project files. Call it before scanning. Never throws.
 */
export function beginIndex(
  root: string,
  group: string | undefined,
  settings: CacheSettings,
): IndexWriter | undefined {
  let file: string | undefined;
  let made: string | undefined;
  // Never create node_modules for the index: not in a Yarn PnP project (where it would be a
  // stray folder), not in a workspace package or a folder without one. Those use the user
  // cache folder.
  const hasNodeModules = statSync(`${trimSep(root)}${sep}node_modules`, {
    throwIfNoEntry: false,
  })?.isDirectory();
  const candidates = hasNodeModules
    ? [appFolder(root), userFolder(settings)]
    : [userFolder(settings)];
  for (const directory of candidates) {
    if (directory === undefined) continue;
    // Made before the stamps are taken: creating node_modules/.cache moves node_modules'
    // mtime, which must not invalidate the index about to be written.
    const prepared = prepareFolder(directory);
    if ("refused" in prepared) {
      debug(`discovery index: cannot use ${directory}: it ${prepared.refused}`);
      continue;
    }
    made = prepared.made;
    file = `${directory}${sep}${fileName(root, group)}`;
    break;
  }
  if (file === undefined) return undefined;
  const started = Date.now();
  const stamps: Stamp[] = [stamp(plughooksManifest())];
  for (const directory of rootPath(root)) stampProject(directory, stamps);
  // The folders whose mtime we just moved ourselves (not a change racing the scan).
  const exempt = new Set<string>();
  if (made !== undefined) {
    const ours = dirname(made);
    for (let path = dirname(file); path.startsWith(ours); path = dirname(path)) exempt.add(path);
  }
  return { root, group, file, started, stamps, exempt };
}

/** Stamps a folder's project files, and its node_modules' state files and scope folders. */
function stampProject(directory: string, stamps: Stamp[]): void {
  const folder = trimSep(directory);
  for (const name of PROJECT_FILES) {
    const path = `${folder}${sep}${name}`;
    stamps.push(stamp(path));
  }
  const nodeModules = `${folder}${sep}node_modules`;
  let entries: string[];
  try {
    entries = readdirSync(nodeModules);
  } catch {
    return; // no node_modules here (its absence is stamped above)
  }
  for (const name of NODE_MODULES_FILES) {
    const path = `${nodeModules}${sep}${name}`;
    stamps.push(stamp(path));
  }
  for (const entry of entries) {
    if (entry.startsWith("@")) {
      const path = `${nodeModules}${sep}${entry}`;
      stamps.push(stamp(path));
    }
  }
}

/**
 * Writes the index of a finished discovery (atomically: a temporary file created
 * exclusively, then renamed). Skips a discovery with problems, and one whose tree changed
 * while it ran. Never throws.
 */
export function finishIndex(
  writer: IndexWriter,
  result: EntryPointsResult,
  installed: InstalledPackages,
): void {
  if (result.problems.length > 0) {
    debug("discovery index: not written, discovery reported problems");
    return;
  }
  const stamps = writer.stamps;
  const seen = new Set<string>();
  for (const [path] of stamps) seen.add(path);
  const add = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    stamps.push(stamp(path));
  };
  for (const ep of result.entryPoints) add(`${ep.directory}${sep}package.json`);
  for (const pkg of installed.packages) {
    if (`${pkg.directory}${sep}`.includes(NODE_MODULES_SEGMENT)) continue;
    add(`${pkg.directory}${sep}package.json`);
    add(`${pkg.directory}${sep}node_modules`);
  }
  for (const [, real] of installed.links) add(`${real}${sep}package.json`);
  for (const folder of installed.searched) add(folder);
  // A stamped path changed since (or just before) the scan started: what was read may be
  // older than its stamp. Keep nothing; the next start scans again.
  const limit = writer.started - indexSettings.racyMs;
  for (const [path, mtime, ctime] of stamps) {
    if (writer.exempt.has(path)) continue;
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
    links: installed.links,
    entryPoints: result.entryPoints,
    packagesScanned: result.packagesScanned,
  };
  const temporary = `${writer.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    // "wx": O_CREAT | O_EXCL, which fails on any existing path, a planted symlink included,
    // so the write can never be redirected to another file. 0600: the index is private.
    writeFileSync(temporary, JSON.stringify(index), { flag: "wx", mode: 0o600 });
    renameSync(temporary, writer.file);
    debug(`discovery index: wrote ${writer.file} (${stamps.length} stamps)`);
    sweep(dirname(writer.file), writer.file);
  } catch (error) {
    debug(`discovery index: not written (${(error as NodeJS.ErrnoException).code ?? error})`);
    // EEXIST: the path was there before us (planted, or a name collision): not ours to delete.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      try {
        unlinkSync(temporary);
      } catch {
        // never created
      }
    }
  }
}
