import { type Environment, type LoadOptions, resolveLoadConfig } from "../config/index.js";
import { type Problem, problem } from "../errors/index.js";
import { createLoadManager, type Discovered } from "../loading/index.js";
import { siteOf } from "../loading/resolve-module.js";
import type { NotificationType } from "./define.js";
import { dataSchemaUri } from "./envelope.js";
import type { JsonSchema } from "./json-schema.js";

/** The entry-point group an application declares its notification types in. */
export const TYPES_GROUP = "plughooks.notification_types";

/** One notification type as data: what `plughooks notifications --json` prints, per type. */
export interface NotificationTypeDocument {
  /** The package that declares it. */
  readonly package: string;
  readonly type: string;
  readonly version: string;
  readonly priority: string;
  readonly description: string;
  readonly dataschema: string;
  /** The payload's JSON Schema, or `null` when the schema cannot export one. */
  readonly schema: JsonSchema | null;
  readonly sample: unknown;
}

/** What {@link findNotificationTypes} found. */
export interface NotificationCatalog {
  readonly root: string;
  /** By type, then version. */
  readonly types: readonly NotificationTypeDocument[];
  /** Discovery's and identity's problems, then modules refused by the lock or that failed. */
  readonly problems: readonly Problem[];
  /** Packages not imported because of `deny` / `PLUGHOOKS_DENY` or `allow` / `PLUGHOOKS_ALLOW`. */
  readonly skipped: readonly string[];
}

/** Options of {@link findNotificationTypes}: the application, and the rules hooks load by. */
export interface FindNotificationTypesOptions extends LoadOptions {
  /** The application: a directory, or a module's file URL or path. */
  readonly root?: string | URL;
  /** Where `PLUGHOOKS_*` variables are read from. Default `process.env`. */
  readonly env?: Environment;
}

/** Whether a value is a type made by `defineNotification`. */
export function isNotificationType(value: unknown): value is NotificationType<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<NotificationType<unknown>>;
  return (
    typeof v.type === "string" &&
    typeof v.version === "string" &&
    typeof v.parsedVersion === "object" &&
    typeof v.schema?.check === "function"
  );
}

/** A notification type as a {@link NotificationTypeDocument}. */
export function describeNotificationType(
  type: NotificationType<unknown>,
  packageName: string,
): NotificationTypeDocument {
  return {
    package: packageName,
    type: type.type,
    version: type.version,
    priority: type.priority,
    description: type.description,
    dataschema: dataSchemaUri(type.type, type.version),
    schema: type.jsonSchema ?? null,
    sample: type.sample,
  };
}

/**
 * Lists the notification types an application declares: each package (the application's own
 * included) names a module in its package.json under `plughooks.notification_types`, whose
 * export is a type from `defineNotification`, or an object or array of them:
 * `"entryPoints": { "plughooks.notification_types": { "compute": "./dist/notifications.js" } }`.
 * The modules are imported through the load manager hooks use (`src/loading`), so package
 * identity, allow/deny and the lock apply as for hooks, and a module that throws is a
 * problem naming its package, never a crash.
 *
 * @example
 * ```ts
 * const { types } = findNotificationTypes({ root: "/srv/app" });
 * for (const t of types) console.log(t.type, t.version);
 * ```
 */
export function findNotificationTypes(
  options: FindNotificationTypesOptions = {},
): NotificationCatalog {
  const manager = createLoadManager({
    group: TYPES_GROUP,
    root: options.root,
    config: resolveLoadConfig(options, options.env ?? process.env),
  });
  return notificationCatalog(manager.discover());
}

/**
 * The notification types declared in `found` (a discovery by the load manager; entry points
 * of other groups are ignored), each module admitted and imported by that manager: denied
 * packages are never imported and are listed in `skipped`, a module the lock refuses is a
 * problem. The CLI passes the discovery of its command, so it discovers once.
 *
 * @example
 * ```ts
 * const found = createLoadManager({ group: TYPES_GROUP, root, config }).discover();
 * const { types, problems } = notificationCatalog(found);
 * ```
 */
export function notificationCatalog(found: Discovered): NotificationCatalog {
  const problems: Problem[] = [...found.problems];
  const byKey = new Map<string, NotificationTypeDocument>();
  const skipped = new Set<string>();
  for (const ep of found.entryPoints) {
    if (ep.group !== TYPES_GROUP) continue;
    const outcome = found.load(ep);
    if (!outcome.ok) {
      if (!("refused" in outcome)) problems.push(outcome.problem);
      else if (outcome.refused.status === "locked-out") problems.push(outcome.refused.problem);
      else skipped.add(ep.package);
      continue;
    }
    const exported = outcome.instance.hook as unknown;
    const candidates = isNotificationType(exported)
      ? [exported]
      : Object.values(exported as Record<string, unknown>).filter(isNotificationType);
    if (candidates.length === 0) {
      problems.push(
        problem(
          "ERR_NOTIFICATION_INVALID_DEFINITION",
          siteOf(ep),
          "the export holds no notification type made by defineNotification()",
        ),
      );
    }
    for (const type of candidates) {
      const doc = describeNotificationType(type, ep.package);
      byKey.set(`${doc.type}@${doc.version}`, doc);
      // Earlier versions declared as `previous` are part of the contract too.
      for (let p = type.previous; p !== undefined; p = p.previous) {
        const key = `${p.type}@${p.version}`;
        if (!byKey.has(key)) byKey.set(key, describeNotificationType(p, ep.package));
      }
    }
  }
  const types = [...byKey.values()].sort((a, b) =>
    a.type < b.type ? -1 : a.type > b.type ? 1 : compareVersions(a.version, b.version),
  );
  return { root: found.root, types, problems, skipped: [...skipped] };
}

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}
