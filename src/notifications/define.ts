import { PlughooksError } from "../errors/index.js";
import { deepEqual, type JsonSchema } from "./json-schema.js";
import { isValidEventType } from "./pattern.js";
import {
  type InferPayload,
  type PayloadSchema,
  type SchemaSource,
  toPayloadSchema,
} from "./payload-schema.js";
import { formatVersion, type PayloadVersion, requireVersion } from "./version.js";

/** Nova's notification priorities, lowest to highest. */
export const PRIORITIES = [
  "debug",
  "info",
  "audit",
  "warn",
  "error",
  "critical",
  "sample",
] as const;

/** A notification priority, carried in the envelope's `priority` attribute. */
export type Priority = (typeof PRIORITIES)[number];

/** What {@link defineNotification} takes. */
export interface NotificationDefinition<S extends SchemaSource> {
  /** The event type, dot-separated words: `"instance.resize.end"`. */
  readonly type: string;
  /** `"MAJOR.MINOR"`: a minor version only adds optional fields; a major version breaks. */
  readonly version: string;
  /** The payload schema: a Standard Schema (zod, valibot, ArkType) or `jsonSchema(...)`. */
  readonly schema: S;
  /** A sample payload: checked against the schema now, shown in the generated reference. */
  readonly sample: InferPayload<S>;
  /** What the notification means and when it is sent (one or two sentences). */
  readonly description?: string;
  /** The default priority of this type's messages. Default `"info"`. */
  readonly priority?: Priority;
  /**
   * The previous minor version of this type. When given, the new version is checked to only
   * add optional fields, and the definition throws if it breaks the old one.
   */
  readonly previous?: NotificationType<unknown>;
  /**
   * The payload's JSON Schema, for a Standard Schema that cannot export one itself (zod 4
   * can; valibot needs `@valibot/to-json-schema`). Used by the CLI, the docs and the
   * minor-version check; validation always uses `schema`.
   */
  readonly jsonSchema?: JsonSchema;
}

/**
 * A versioned notification type, made by {@link defineNotification}. The type parameter is
 * the payload type, inferred from the schema.
 */
export interface NotificationType<T> {
  readonly type: string;
  readonly version: string;
  readonly parsedVersion: PayloadVersion;
  readonly priority: Priority;
  readonly description: string;
  readonly sample: T;
  readonly schema: PayloadSchema;
  /** The payload's JSON Schema, or `undefined` when the schema cannot export one. */
  readonly jsonSchema: JsonSchema | undefined;
  readonly previous: NotificationType<unknown> | undefined;
  /** Type-only: the payload type. */
  readonly "~payload"?: T;
}

/** The payload type of a {@link NotificationType}. */
export type PayloadOf<N> = N extends NotificationType<infer T> ? T : never;

/**
 * Defines a versioned notification type, Nova's versioned notification objects in
 * TypeScript. The payload type follows from the schema.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { defineNotification } from "plughooks/notifications";
 *
 * export const ResizeEnd = defineNotification({
 *   type: "instance.resize.end",
 *   version: "1.0",
 *   schema: z.object({ instanceId: z.string(), flavor: z.string() }),
 *   sample: { instanceId: "9b1c", flavor: "m1.large" },
 *   description: "An instance finished resizing.",
 * });
 * ```
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_INVALID_DEFINITION` for a bad
 *   type, version, schema or sample; `ERR_NOTIFICATION_BREAKING_MINOR` when a minor version
 *   removes or changes a field or adds a required one.
 */
export function defineNotification<S extends SchemaSource>(
  definition: NotificationDefinition<S>,
): NotificationType<InferPayload<S>> {
  const what = `notification ${JSON.stringify(definition?.type)}`;
  if (!isValidEventType(definition?.type)) {
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DEFINITION",
      `${what}: the type must be dot-separated words of letters, digits, _ and - (such as "instance.resize.end")`,
    );
  }
  const parsedVersion = requireVersion(definition.version, what);
  const priority = definition.priority ?? "info";
  if (!PRIORITIES.includes(priority)) {
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DEFINITION",
      `${what}: the priority must be one of ${PRIORITIES.join(", ")}, not ${JSON.stringify(priority)}`,
    );
  }
  const schema = toPayloadSchema(definition.schema, what);
  const jsonSchema = definition.jsonSchema ?? schema.json;
  const defined: NotificationType<InferPayload<S>> = {
    type: definition.type,
    version: formatVersion(parsedVersion),
    parsedVersion,
    priority,
    description: definition.description ?? "",
    sample: definition.sample,
    schema,
    jsonSchema,
    previous: definition.previous,
  };
  // The version step first: a breaking minor is the more important thing to hear about.
  if (definition.previous !== undefined) checkMinorStep(definition.previous, defined);
  const sample = schema.check(definition.sample, false);
  // A promise means an async schema: the sample is checked by the docs and the CLI instead.
  if (!(sample instanceof Promise) && !sample.ok) {
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DEFINITION",
      `${what} ${definition.version}: the sample does not match the schema: ${sample.issues.join("; ")}`,
    );
  }
  return Object.freeze(defined);
}

/**
 * Checks that `next` only adds optional fields to `previous`: same type, same major, a
 * higher minor, every old property unchanged, and the same required properties.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_BREAKING_MINOR`.
 */
export function checkMinorStep(
  previous: NotificationType<unknown>,
  next: NotificationType<unknown>,
): void {
  const breaks = (why: string) => {
    throw new PlughooksError(
      "ERR_NOTIFICATION_BREAKING_MINOR",
      `notification "${next.type}" ${next.version} is not a compatible minor version of ${previous.version}: ${why}`,
    );
  };
  if (previous.type !== next.type) breaks(`its previous version is of type "${previous.type}"`);
  const [a, b] = [previous.parsedVersion, next.parsedVersion];
  if (a.major !== b.major) return; // a new major may break: nothing to check
  if (b.minor <= a.minor) breaks("the minor version must grow");
  const [oldSchema, newSchema] = [previous.jsonSchema, next.jsonSchema];
  if (oldSchema === undefined || newSchema === undefined) {
    // Fail closed: a step that cannot be checked is refused, not assumed compatible.
    breaks("it cannot be checked without a JSON Schema of both versions (pass jsonSchema)");
    return;
  }
  const oldProps = (oldSchema.properties ?? {}) as Record<string, unknown>;
  const newProps = (newSchema.properties ?? {}) as Record<string, unknown>;
  for (const [name, schema] of Object.entries(oldProps)) {
    if (!Object.hasOwn(newProps, name)) breaks(`field "${name}" was removed`);
    if (!deepEqual(schema, newProps[name])) breaks(`field "${name}" changed`);
  }
  const oldRequired = new Set((oldSchema.required ?? []) as string[]);
  const newRequired = new Set((newSchema.required ?? []) as string[]);
  for (const name of newRequired)
    if (!oldRequired.has(name))
      breaks(`field "${name}" is new and required; new fields must be optional`);
  for (const name of oldRequired)
    if (!newRequired.has(name)) breaks(`field "${name}" is no longer required`);
}
