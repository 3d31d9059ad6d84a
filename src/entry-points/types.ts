import type { Problem } from "../errors/index.js";

/**
 * One validated entry point: a package declares, in its package.json `entryPoints` field,
 * that `name` in `group` is provided by `reference`.
 */
export interface EntryPoint {
  /** The declaring package's `name`. */
  readonly package: string;
  /** The declaring package's `version` (`"0.0.0"` when it has none). */
  readonly version: string;
  /** The package's folder, as a real path (symlinks resolved). */
  readonly directory: string;
  /** The group, e.g. `"nova.hooks"`. */
  readonly group: string;
  /** The entry-point name; for hooks, the hook name. */
  readonly name: string;
  /** The reference as written, e.g. `"./dist/hooks.js:ResizeAudit"`. */
  readonly reference: string;
  /** The module part of the reference: `"./dist/hooks.js"` or `"pkg/subpath"`. */
  readonly module: string;
  /** The export path: `["ResizeAudit"]`, `["default"]`, or `["ns", "Attr"]`. */
  readonly exportPath: readonly string[];
}

/** Options of {@link entryPoints}. */
export interface EntryPointsOptions {
  /**
   * Where discovery starts: a directory, or a module's file URL or path (then the nearest
   * package.json above it). Default: the nearest package.json above `process.cwd()`.
   */
  readonly root?: string | URL;
  /** Only entry points of this group. Default: every group. */
  readonly group?: string;
  /**
   * Use the discovery index: a warm start reads one small file (in the application's
   * `node_modules/.cache/plughooks/`, else the user cache folder) instead of every
   * package.json, and rescans whenever an install, removal or upgrade changed anything.
   * `false` (or `PLUGHOOKS_INDEX=0`) always scans. Default `true`.
   */
  readonly index?: boolean;
  /**
   * The environment to read `PLUGHOOKS_INDEX`, `XDG_CACHE_HOME` and `HOME` from (through `src/config`). Discovery reads no
   * other: default `process.env`, taken here and nowhere deeper.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The user cache folder the index may be kept in (in its `plughooks` subfolder) when the
   * application has no `node_modules` of its own to keep it in; `null`: none. Default:
   * `$XDG_CACHE_HOME`, else `~/.cache` (none when the home folder cannot be found). Either
   * way the folder and the file are used only when they belong to the current user and
   * nobody else can write them.
   */
  readonly cacheDirectory?: string | null;
}

/** What {@link entryPoints} found. */
export interface EntryPointsResult {
  /** The root package's folder (real path). */
  readonly root: string;
  /** Valid entry points, ordered by package name, then group, then entry-point name. */
  readonly entryPoints: readonly EntryPoint[];
  /** Every problem found (bad package.json, bad reference...), each naming its package. */
  readonly problems: readonly Problem[];
  /** How many packages were read. */
  readonly packagesScanned: number;
}
