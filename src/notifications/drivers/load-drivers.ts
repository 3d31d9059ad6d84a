import { entryPoints } from "../../entry-points/index.js";
import type { EntryPoint } from "../../entry-points/types.js";
import { PlughooksError, problem } from "../../errors/index.js";
import { loadEntryPoint, resolveModuleFile, siteOf } from "../../loading/index.js";
import { openLockGate } from "../../lock/index.js";
import { redactError } from "../redact.js";
import { BUILTIN_DRIVERS } from "./builtin.js";
import {
  DRIVER_GROUP,
  type DriverContext,
  type NotificationDriver,
  type NotificationDriverFactory,
} from "./types.js";

/** What {@link loadDriverFactory} needs to know about the operator's settings. */
export interface DriverLoadSettings {
  readonly root: string | URL | undefined;
  readonly allow: ReadonlySet<string> | undefined;
  readonly deny: ReadonlySet<string>;
  readonly lock: boolean | string | undefined;
  readonly index: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Finds the factory of a driver by name: a built-in (`log`, `noop`, `memory`, `routing`),
 * else the one entry point of that name in the `plughooks.notification_drivers` group,
 * through the discovery and loading layers, with the same rules as hooks: a denied or
 * not-allowed package is never imported, and a lock in force must approve the entry point.
 *
 * This is the ONE place drivers are loaded; when the load manager in `src/loading/` lands,
 * only this function changes.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_DRIVER_NOT_FOUND`,
 *   `ERR_NOTIFICATION_DRIVER_DENIED`, `ERR_PLUGIN_LOCKED_OUT`, `ERR_NOTIFICATION_INVALID_DRIVER`,
 *   or the loading layer's code (`ERR_MODULE_NOT_FOUND`...), each naming the package.
 */
export function loadDriverFactory(
  name: string,
  settings: DriverLoadSettings,
): NotificationDriverFactory {
  const builtin = BUILTIN_DRIVERS.get(name);
  if (builtin !== undefined) return builtin;
  const found = entryPoints({
    ...(settings.root === undefined ? {} : { root: settings.root }),
    group: DRIVER_GROUP,
    index: settings.index,
  });
  const candidates = found.entryPoints.filter((ep) => ep.name === name);
  if (candidates.length === 0) {
    const known = [...BUILTIN_DRIVERS.keys(), ...found.entryPoints.map((ep) => ep.name)];
    const broken = found.problems.map((p) => ` (${p.message})`).join("");
    throw new PlughooksError(
      "ERR_NOTIFICATION_DRIVER_NOT_FOUND",
      `no notification driver "${name}": no installed package declares it in "${DRIVER_GROUP}"; known drivers: ${known.join(", ")}${broken}`,
    );
  }
  // Allow and deny first: a denied package is never imported, and denying one of two
  // packages that claim a name is how the operator picks the other.
  const permitted = candidates.filter((ep) => isPermitted(ep.package, settings));
  if (permitted.length === 0) {
    const ep = candidates[0] as EntryPoint;
    const site = siteOf(ep);
    const why = settings.deny.has(ep.package) ? "denied" : "not in the allow list";
    throw new PlughooksError(
      "ERR_NOTIFICATION_DRIVER_DENIED",
      problem(
        "ERR_NOTIFICATION_DRIVER_DENIED",
        site,
        `notification driver "${name}" is ${why}; it was not imported`,
      ).message,
      { site },
    );
  }
  if (permitted.length > 1) {
    // Two packages claim the name: picking one silently would let an install change where
    // notifications go. The operator denies one.
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DRIVER",
      `notification driver "${name}" is declared by ${permitted.map((c) => `"${c.package}"`).join(" and ")}; deny all but one (PLUGHOOKS_DENY)`,
    );
  }
  const ep = permitted[0] as EntryPoint;
  const site = siteOf(ep);
  const verdict = openLockGate({
    root: found.root,
    lock: settings.lock,
    env: settings.env,
    resolveModule: resolveModuleFile,
  }).check(ep);
  if (!verdict.allowed) {
    throw new PlughooksError("ERR_PLUGIN_LOCKED_OUT", verdict.problem.message, { site });
  }
  const outcome = loadEntryPoint(ep, verdict.file);
  if (!outcome.ok) {
    throw new PlughooksError(outcome.problem.code, outcome.problem.message, {
      site,
      cause: outcome.problem.cause,
    });
  }
  const factory = outcome.instance.hook as Partial<NotificationDriverFactory>;
  if (typeof factory.create !== "function") {
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DRIVER",
      problem("ERR_NOTIFICATION_INVALID_DRIVER", site, "the export has no create(context) function")
        .message,
      { site },
    );
  }
  return factory as NotificationDriverFactory;
}

/**
 * Creates a driver from its factory and checks its shape.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_INVALID_DRIVER`.
 */
export async function createDriver(
  factory: NotificationDriverFactory,
  context: DriverContext,
): Promise<NotificationDriver> {
  let driver: NotificationDriver;
  try {
    driver = await factory.create(context);
  } catch (error) {
    if (error instanceof PlughooksError) throw error;
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DRIVER",
      `notification driver "${context.name}" failed to start: ${redactError(error)}`,
    );
  }
  if (
    typeof driver !== "object" ||
    driver === null ||
    typeof driver.send !== "function" ||
    typeof driver.close !== "function"
  ) {
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DRIVER",
      `notification driver "${context.name}": create() must return an object with send() and close()`,
    );
  }
  return driver;
}

function isPermitted(packageName: string, settings: DriverLoadSettings): boolean {
  if (settings.deny.has(packageName)) return false;
  return settings.allow === undefined || settings.allow.has(packageName);
}
