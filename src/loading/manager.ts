import { join } from "node:path";
import { fs } from "../builtins.js";
import type { LoadConfig } from "../config/index.js";
import {
  compareEntryPoints,
  type EntryPoint,
  type EntryPointsOptions,
  type EntryPointsResult,
  entryPoints,
} from "../entry-points/index.js";
import { type Problem, problem, type Warning, warning } from "../errors/index.js";
import type { LockGate } from "../lock/index.js";
import { LOCK_FILE_NAME, resolveLockPolicy } from "../lock/policy.js";
import { describeThrown } from "../text/describe-thrown.js";
import { IdentityResolver } from "./identity.js";
import type { CompileGuard } from "./import-module.js";
import { type LoadOutcome, loadEntryPoint } from "./load-entry-point.js";
import { lockCode } from "./lock-code.js";
import { needsPreImport, preImport } from "./pre-import.js";
import { resolveModuleFile, siteOf } from "./resolve-module.js";

const { statSync } = fs;

/** Options of {@link createLoadManager}. */
export interface LoadManagerOptions {
  /** Only entry points of this group; every group when undefined (the CLI's `list`). */
  readonly group?: string | undefined;
  /** The application: a directory, or a module's file URL or path. */
  readonly root?: string | URL | undefined;
  /** Allow, deny, lock, index and environment, from `resolveLoadConfig`. */
  readonly config: LoadConfig;
  /** @internal Discovery itself; tests replace it. Default: `entryPoints`. */
  readonly discover?: ((options: DiscoveryOptions) => EntryPointsResult) | undefined;
}

/**
 * What the manager passes to discovery: `entryPoints`' options, and where its index may live.
 *
 * @internal
 */
export interface DiscoveryOptions extends EntryPointsOptions {
  /** The environment `PLUGHOOKS_*` and `XDG_CACHE_HOME` are read from (not `process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user cache folder, from that environment; `null`: there is none. */
  readonly cacheDirectory: string | null;
}

/** Whether an entry point may load, and if not, why. */
export type Admission =
  | {
      readonly status: "allowed";
      /** The module file the lock hashed, when a lock is in force: import exactly it. */
      readonly file?: string;
      /** Checks, while the plugin loads, that Node compiles the bytes the lock hashed. */
      readonly guard?: CompileGuard;
    }
  /** `deny` / `PLUGHOOKS_DENY`, or missing from `allow` / `PLUGHOOKS_ALLOW`: never imported. */
  | { readonly status: "denied" | "not-allowed" }
  /** Refused by the lock, before any import. */
  | { readonly status: "locked-out"; readonly problem: Problem; readonly detail: string };

/** The result of {@link Discovered.load}: the outcome, or the admission that kept it out. */
export type ManagedLoad =
  | LoadOutcome
  | {
      readonly ok: false;
      readonly entryPoint: EntryPoint;
      readonly refused: Exclude<Admission, { status: "allowed" }>;
    };

/** One discovery with identity applied, and the policy that decides what of it may load. */
export interface Discovered extends EntryPointsResult {
  /**
   * Entry points whose package identity holds, each named by that identity (`package`),
   * ordered by identity, group and name. Packages that claim a name they are not installed
   * under are left out, with an `ERR_PACKAGE_IDENTITY_MISMATCH` problem.
   */
  readonly entryPoints: readonly EntryPoint[];
  /** Discovery's problems, then identity problems. */
  readonly problems: readonly Problem[];
  /** The lock file in force, or `undefined` when none applies. */
  readonly lockPath: string | undefined;
  /** The entry points named `name` (in every group discovered), in order. Constant time. */
  named(name: string): readonly EntryPoint[];
  /** Every entry-point name, in order of first appearance. */
  names(): Iterable<string>;
  /**
   * Whether the operator's allow/deny settings and the lock let `entryPoint` load. Deny and
   * allow are decided once per package, and asked before the lock (which hashes files): a
   * denied package costs a map lookup. Never imports anything.
   */
  admit(entryPoint: EntryPoint): Admission;
  /** Admits, then loads (imports, instantiates) an entry point. Never throws. */
  load(entryPoint: EntryPoint): ManagedLoad;
  /**
   * Under Yarn PnP on Node < 22, imports asynchronously what {@link load} will `require()`
   * (there, `require()` of an ES module plugin that imports a package fails unless the
   * module was imported first); elsewhere does nothing. Only admitted entry points are
   * imported.
   */
  preload(entryPoints: Iterable<EntryPoint>): Promise<void>;
  /**
   * Names in `PLUGHOOKS_ALLOW` / `PLUGHOOKS_DENY` (and the `allow`/`deny` options) that match
   * no installed package: a typo silently allows nothing, or denies nothing.
   */
  unknownPackageNames(): Warning[];
}

/** The load manager of one application (see {@link createLoadManager}). */
export interface LoadManager {
  /** The configuration it applies. */
  readonly config: LoadConfig;
  /** The current discovery: made on first use, kept until {@link reset}. */
  discover(): Discovered;
  /** Forgets the discovery and the lock; the next {@link discover} reads the disk again. */
  reset(): void;
}

/**
 * The load manager, like stevedore's extension managers: the one place that applies
 * discovery, package identity, allow/deny and the lock. The runtime (`createHooks`) and every
 * CLI command go through it, so they cannot disagree about what loads.
 *
 * @example
 * ```ts
 * import { createLoadManager, resolveLoadConfig } from "plughooks/loading";
 *
 * const manager = createLoadManager({
 *   group: "nova.hooks",
 *   root: import.meta.url,
 *   config: resolveLoadConfig({}, process.env),
 * });
 * const found = manager.discover();
 * for (const ep of found.named("resize_hook")) {
 *   const outcome = found.load(ep);
 *   console.log(ep.package, outcome.ok ? "loaded" : "not loaded");
 * }
 * ```
 */
export function createLoadManager(options: LoadManagerOptions): LoadManager {
  let current: Discovered | undefined;
  return {
    config: options.config,
    discover: () => {
      current ??= discoverOnce(options);
      return current;
    },
    reset: () => {
      current = undefined;
    },
  };
}

function discoverOnce(options: LoadManagerOptions): Discovered {
  const { config } = options;
  const discoveryOptions: DiscoveryOptions = {
    index: config.index,
    env: config.env,
    // Only worth computing when the index may be used (it may load node:os).
    cacheDirectory: config.index ? (config.cacheDirectory() ?? null) : null,
    ...(options.group === undefined ? {} : { group: options.group }),
    ...(options.root === undefined ? {} : { root: options.root }),
  };
  const found = (options.discover ?? entryPoints)(discoveryOptions);
  const identities = new IdentityResolver(found.root);
  const problems: Problem[] = [...found.problems];
  const reported = new Set<string>();
  const kept: EntryPoint[] = [];
  let renamed = false;
  for (const entryPoint of found.entryPoints) {
    const identity = identities.of(entryPoint);
    if (!identity.ok) {
      if (!reported.has(entryPoint.directory)) {
        reported.add(entryPoint.directory);
        problems.push(identity.problem);
      }
      continue;
    }
    if (identity.name === entryPoint.package) kept.push(entryPoint);
    else {
      kept.push({ ...entryPoint, package: identity.name });
      renamed = true;
    }
  }
  // The ordering is by identity too: an alias sorts under the name it is installed as.
  if (renamed) kept.sort(compareEntryPoints);

  const byName = new Map<string, EntryPoint[]>();
  for (const entryPoint of kept) {
    const list = byName.get(entryPoint.name);
    if (list === undefined) byName.set(entryPoint.name, [entryPoint]);
    else list.push(entryPoint);
  }

  const lock = openLock(found.root, config);
  const selection = new Map<string, Admission>();
  const select = (identity: string): Admission => {
    let verdict = selection.get(identity);
    if (verdict === undefined) {
      verdict = config.deny.has(identity)
        ? DENIED
        : config.allow !== undefined && !config.allow.has(identity)
          ? NOT_ALLOWED
          : ALLOWED;
      selection.set(identity, verdict);
    }
    return verdict;
  };
  const admit = (entryPoint: EntryPoint): Admission => {
    const selected = select(entryPoint.package);
    if (selected.status !== "allowed" || lock === undefined) return selected;
    const verdict = lock.check(entryPoint);
    if (!verdict.allowed) {
      return { status: "locked-out", problem: verdict.problem, detail: verdict.detail };
    }
    if (verdict.file === undefined && verdict.guard === undefined) return ALLOWED;
    return {
      status: "allowed",
      ...(verdict.file === undefined ? {} : { file: verdict.file }),
      ...(verdict.guard === undefined ? {} : { guard: verdict.guard }),
    };
  };

  // One resolution per package and module, not per entry point: a package that declares
  // 100,000 hook names in one module resolves it once (createRequire costs ~0.3 ms).
  const resolved = new Map<string, string | undefined>();
  const resolveOnce = (entryPoint: EntryPoint): string | undefined => {
    const key = `${entryPoint.directory}\0${entryPoint.module}`;
    if (resolved.has(key)) return resolved.get(key);
    let file: string | undefined;
    try {
      file = resolveModuleFile(entryPoint);
    } catch {
      file = undefined; // loadEntryPoint resolves again and reports why, for this entry point
    }
    resolved.set(key, file);
    return file;
  };

  return {
    root: found.root,
    entryPoints: kept,
    problems,
    packagesScanned: found.packagesScanned,
    lockPath: lock?.path,
    named: (name) => byName.get(name) ?? NONE,
    names: () => byName.keys(),
    admit,
    load(entryPoint) {
      const admission = admit(entryPoint);
      if (admission.status !== "allowed") return { ok: false, entryPoint, refused: admission };
      return loadEntryPoint(entryPoint, admission.file ?? resolveOnce(entryPoint), admission.guard);
    },
    async preload(list) {
      if (!needsPreImport()) return;
      for (const entryPoint of list) {
        const admission = admit(entryPoint);
        if (admission.status === "allowed") await preImport(entryPoint, admission.file);
      }
    },
    unknownPackageNames: () => unknownNames(found.root, kept, config, found.entryPoints),
  };
}

const ALLOWED: Admission = { status: "allowed" };
const DENIED: Admission = { status: "denied" };
const NOT_ALLOWED: Admission = { status: "not-allowed" };
const NONE: readonly EntryPoint[] = [];

/**
 * The lock gate, when a lock can apply. With no `lock` option, no `PLUGHOOKS_LOCK` and no
 * lock file (the common case) this is one `stat`, and the lock's code is not even loaded.
 */
function openLock(root: string, config: LoadConfig): LockGate | undefined {
  if (config.lock === false) return undefined;
  if (config.lock === undefined && !exists(join(root, LOCK_FILE_NAME))) return undefined;
  // The environment was merged into config.lock already (src/config): the lock must not
  // read it a second time, by other rules. The lock's code is loaded only now (lock-code.ts).
  let code: ReturnType<typeof lockCode>;
  try {
    code = lockCode();
  } catch (error) {
    const policy = resolveLockPolicy(config.lock, {}, root);
    return lockUncheckable(policy.mode === "off" ? root : policy.path, error);
  }
  return code.openLockGate({
    root,
    lock: config.lock,
    env: {},
    resolveModule: resolveModuleFile,
  });
}

/**
 * The gate when a lock applies but plughooks' own lock code cannot be loaded (a broken
 * install: `dist/lock.js` missing or unreadable): no plugin is checked, so none loads, each
 * refused with `ERR_LOCK_UNREADABLE` saying why, and the host's call goes on.
 */
function lockUncheckable(path: string, error: unknown): LockGate {
  const detail = `plughooks cannot load its lock code (${describeThrown(error)}), so the lock ${path} cannot be checked`;
  return {
    path,
    check: (entryPoint) => ({
      allowed: false,
      problem: problem("ERR_LOCK_UNREADABLE", siteOf(entryPoint), `refused: ${detail}`, error),
      detail,
    }),
  };
}

function exists(path: string): boolean {
  // A folder, a FIFO or a link to /dev/zero at that path is not "no lock": the gate reads it
  // and fails closed. So is a path that cannot be stat'ed (a symlink loop, EACCES): only a
  // lock known to be absent means no lock.
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}

function unknownNames(
  root: string,
  kept: readonly EntryPoint[],
  config: LoadConfig,
  found: readonly EntryPoint[],
): Warning[] {
  const known = new Set(kept.map((entryPoint) => entryPoint.package));
  // The real name of an aliased package is not its identity: say so, or an operator who
  // denies "acme-audit" after an advisory believes it denied while "audit" still runs.
  const identityOf = new Map(kept.map((ep) => [ep.directory, ep.package]));
  const aliased = new Map<string, string>();
  for (const ep of found) {
    const identity = identityOf.get(ep.directory);
    if (identity !== undefined && identity !== ep.package) aliased.set(ep.package, identity);
  }
  const warnings: Warning[] = [];
  const check = (name: string, list: string) => {
    if (known.has(name)) return;
    const alias = aliased.get(name);
    if (alias !== undefined) {
      warnings.push(
        warning(
          "WARN_UNKNOWN_PACKAGE_NAME",
          { package: name },
          `named in ${list}, but that package is installed under the npm alias ${JSON.stringify(alias)}, which is its name for allow and deny: name ${JSON.stringify(alias)} instead`,
        ),
      );
      return;
    }
    if (isInstalled(root, name)) return;
    warnings.push(
      warning(
        "WARN_UNKNOWN_PACKAGE_NAME",
        { package: name },
        `named in ${list}, but no package of that name is installed (a typo?)`,
      ),
    );
  };
  for (const name of config.deny) check(name, "the deny list (PLUGHOOKS_DENY)");
  for (const name of config.allow ?? []) check(name, "the allow list (PLUGHOOKS_ALLOW)");
  return warnings;
}

/** Whether `node_modules/<name>/package.json` exists on the root's resolution path. */
function isInstalled(root: string, name: string): boolean {
  for (let directory = root; ; ) {
    if (statSync(join(directory, "node_modules", name, "package.json"), { throwIfNoEntry: false }))
      return true;
    const parent = join(directory, "..");
    if (parent === directory) return false;
    directory = parent;
  }
}
