/**
 * What a registry (registry.ts) does on its first hooked call or `load()`: discovery through
 * the load manager, and loading the entry points of one hook name, with their log lines.
 * First-call code: not loaded at import (see first-call-code.ts).
 */
import type { Problem } from "../errors/index.js";
import { createLoadManager, type Discovered, type LoadManager } from "../loading/manager.js";
import { printable } from "../text/printable.js";
import type { RunHook } from "./call-plan.js";
import type { Settings } from "./settings.js";
import type { LoadReport } from "./types.js";

/** What loading one hook name produced. */
export interface NameLoad {
  readonly hooks: readonly RunHook[];
  readonly skipped: LoadReport["skipped"];
  readonly problems: readonly Problem[];
}

/** Discovery and loading for one registry, until its `reset()`. */
export class HookLoader {
  readonly #settings: Settings;
  /** Discovery, identity, allow/deny and the lock: the same manager the CLI uses. */
  readonly #manager: LoadManager;
  /** Packages whose refusal by allow/deny was logged in this discovery (once, not per hook). */
  readonly #loggedSkips = new Set<string>();
  /** The discovery whose lines were logged. */
  #fresh: Discovered | undefined;

  constructor(settings: Settings) {
    this.#settings = settings;
    this.#manager = createLoadManager({
      group: settings.group,
      root: settings.root,
      config: settings,
    });
  }

  /** Forgets the discovery (and which skips were logged): the next call discovers again. */
  reset(): void {
    this.#manager.reset();
    this.#loggedSkips.clear();
  }

  /** The current discovery; its lines are logged once per discovery. */
  discover(): Discovered {
    const started = performance.now();
    const fresh = this.#fresh;
    const discovery = this.#manager.discover();
    if (fresh === discovery) return discovery;
    this.#fresh = discovery;
    const ms = (performance.now() - started).toFixed(1);
    this.#settings.logger.debug(
      `discovered ${discovery.entryPoints.length} entry point(s) of group "${this.#settings.group}" in ${discovery.packagesScanned} package(s) under ${discovery.root} (${ms} ms)`,
    );
    for (const found of discovery.problems)
      this.#settings.logger.error(`[${found.code}] ${found.message}`);
    return discovery;
  }

  /** Loads the entry points of one hook name. Never throws. */
  loadName(name: string): NameLoad {
    const hooks: RunHook[] = [];
    const skipped: LoadReport["skipped"][number][] = [];
    const problems: Problem[] = [];
    // Only this name's entry points: load() of N names is linear in what is installed.
    const discovery = this.discover();
    for (const entryPoint of discovery.named(name)) {
      const outcome = discovery.load(entryPoint);
      if (outcome.ok) {
        const { instance } = outcome;
        hooks.push({ ...instance, package: entryPoint.package, entryPoint });
        this.#settings.logger.debug(
          `loaded hook "${name}" from ${printable(`${entryPoint.package}@${entryPoint.version} (${entryPoint.reference})`)}` +
            (instance.hasPre || instance.hasPost
              ? ""
              : ": it has neither pre nor post, so it does nothing"),
        );
      } else if ("refused" in outcome) {
        const refused = outcome.refused;
        if (refused.status === "locked-out") {
          problems.push(refused.problem);
          this.#settings.logger.error(
            `[${refused.problem.code}] ${refused.problem.message}; the plugin is not loaded`,
          );
        } else {
          skipped.push({ entryPoint, reason: refused.status });
          if (!this.#loggedSkips.has(entryPoint.package)) {
            this.#loggedSkips.add(entryPoint.package);
            this.#settings.logger.info(
              `skipped package "${printable(entryPoint.package)}": ${refused.status} by the operator's settings; none of its hooks is imported`,
            );
          }
        }
      } else {
        problems.push(outcome.problem);
        this.#settings.logger.error(
          `[${outcome.problem.code}] ${outcome.problem.message}; the plugin is skipped`,
        );
      }
    }
    return { hooks, skipped, problems };
  }
}
