import type { LoadConfig } from "../../config/index.js";
import type { EntryPoint } from "../../entry-points/types.js";
import { PlughooksError, problem } from "../../errors/index.js";
import { type Admission, createLoadManager, type LoadManager } from "../../loading/index.js";
import { siteOf } from "../../loading/resolve-module.js";
import { printable } from "../../text/printable.js";
import { redactError } from "../redact.js";
import { BUILTIN_DRIVERS } from "./builtin.js";
import {
  DRIVER_GROUP,
  type DriverContext,
  type NotificationDriver,
  type NotificationDriverFactory,
} from "./types.js";

/**
 * The load manager drivers are found through: the one hooks use (`src/loading`), for the
 * `plughooks.notification_drivers` group, so package identity, allow/deny and the lock apply
 * to drivers exactly as to hooks. Discovery happens on first use: built-in drivers need none.
 *
 * @example
 * ```ts
 * const manager = driverLoadManager(import.meta.url, resolveLoadConfig({}, process.env));
 * const factory = await loadDriverFactory("amqp", manager);
 * ```
 */
export function driverLoadManager(root: string | URL | undefined, config: LoadConfig): LoadManager {
  return createLoadManager({ group: DRIVER_GROUP, root, config });
}

/**
 * Finds the factory of a driver by name: a built-in (`log`, `noop`, `memory`, `routing`),
 * else the one entry point of that name in the `plughooks.notification_drivers` group, loaded
 * through `manager` (see {@link driverLoadManager}): a package whose identity does not hold
 * is left out, a denied or not-allowed package is never imported, and a lock in force must
 * approve the entry point before it is imported.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_DRIVER_NOT_FOUND`,
 *   `ERR_NOTIFICATION_DRIVER_DENIED`, `ERR_NOTIFICATION_INVALID_DRIVER`, the lock's code
 *   (`ERR_PLUGIN_LOCKED_OUT`...) or the loading layer's (`ERR_MODULE_NOT_FOUND`...), each
 *   naming the package.
 *
 * @example
 * ```ts
 * const factory = await loadDriverFactory("log", driverLoadManager(undefined, config));
 * ```
 */
export async function loadDriverFactory(
  name: string,
  manager: LoadManager,
): Promise<NotificationDriverFactory> {
  const builtin = BUILTIN_DRIVERS.get(name);
  if (builtin !== undefined) return builtin;
  const found = manager.discover();
  const candidates = found.named(name);
  if (candidates.length === 0) {
    const known = [...BUILTIN_DRIVERS.keys(), ...found.names()];
    const broken = found.problems.map((p) => ` (${p.message})`).join("");
    throw new PlughooksError(
      "ERR_NOTIFICATION_DRIVER_NOT_FOUND",
      printable(
        `no notification driver ${JSON.stringify(name)}: no installed package declares it in "${DRIVER_GROUP}"; known drivers: ${known.join(", ")}${broken}`,
      ),
    );
  }
  // Allow and deny first, by the manager (a denied package is never imported); denying one of
  // two packages that claim a name is how the operator picks the other.
  const permitted: { entryPoint: EntryPoint; admission: Admission }[] = [];
  let deselected: { entryPoint: EntryPoint; admission: Deselected } | undefined;
  for (const entryPoint of candidates) {
    const admission = found.admit(entryPoint);
    if (isDeselected(admission)) deselected ??= { entryPoint, admission };
    else permitted.push({ entryPoint, admission });
  }
  const [chosen, ...others] = permitted;
  if (chosen === undefined) {
    // candidates is not empty, so each of them was deselected
    throw refusal(deselected!.entryPoint, deselected!.admission);
  }
  if (others.length > 0) {
    // Two packages claim the name: picking one silently would let an install change where
    // notifications go. The operator denies one.
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DRIVER",
      printable(
        `notification driver ${JSON.stringify(name)} is declared by ${permitted.map((c) => `"${c.entryPoint.package}"`).join(" and ")}; deny all but one (PLUGHOOKS_DENY)`,
      ),
    );
  }
  const { entryPoint, admission } = chosen;
  if (admission.status !== "allowed") throw refusal(entryPoint, admission);
  await found.preload([entryPoint]);
  const outcome = found.load(entryPoint);
  const site = siteOf(entryPoint);
  if (!outcome.ok) {
    if ("refused" in outcome) throw refusal(entryPoint, outcome.refused);
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

/** Refused by `deny` / `PLUGHOOKS_DENY`, or missing from `allow` / `PLUGHOOKS_ALLOW`. */
type Deselected = Extract<Admission, { status: "denied" | "not-allowed" }>;

function isDeselected(admission: Admission): admission is Deselected {
  return admission.status === "denied" || admission.status === "not-allowed";
}

/** The error for an entry point the manager did not admit. */
function refusal(
  entryPoint: EntryPoint,
  admission: Exclude<Admission, { status: "allowed" }>,
): PlughooksError {
  const site = siteOf(entryPoint);
  if (admission.status === "locked-out") {
    return new PlughooksError(admission.problem.code, admission.problem.message, { site });
  }
  const why = admission.status === "denied" ? "denied" : "not in the allow list";
  return new PlughooksError(
    "ERR_NOTIFICATION_DRIVER_DENIED",
    problem(
      "ERR_NOTIFICATION_DRIVER_DENIED",
      site,
      `notification driver "${entryPoint.name}" is ${why}; it was not imported`,
    ).message,
    { site },
  );
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
