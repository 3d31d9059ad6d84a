import { PlughooksError } from "../errors/index.js";
import { PRIORITIES, type Priority } from "./define.js";
import { isValidEventType } from "./pattern.js";
import { parseVersion } from "./version.js";

/**
 * A notification on the wire: a CloudEvents 1.0 event in JSON structured mode
 * (`application/cloudevents+json`). `payloadversion` and `priority` are extension
 * attributes (CloudEvents names are lowercase letters and digits).
 */
export interface CloudEvent<T = unknown> {
  readonly specversion: "1.0";
  /** The event type: `"instance.resize.end"`. */
  readonly type: string;
  /** The publisher id, a URI reference: `"//compute/host-12"` or `"nova-compute"`. */
  readonly source: string;
  /** Unique per source: listeners deduplicate redeliveries on (`source`, `id`). */
  readonly id: string;
  /** When the notification was emitted, RFC 3339. */
  readonly time: string;
  readonly datacontenttype: "application/json";
  /** Where the payload's schema is: `"urn:plughooks:notification:instance.resize.end:1.0"`. */
  readonly dataschema: string;
  /** The payload version, `"MAJOR.MINOR"`. */
  readonly payloadversion: string;
  readonly priority: Priority;
  readonly data: T;
}

/** The content type of a structured-mode CloudEvent. */
export const CLOUDEVENTS_CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

/** The default `dataschema` of a type and version. */
export const dataSchemaUri = (type: string, version: string, base?: string) =>
  base === undefined
    ? `urn:plughooks:notification:${type}:${version}`
    : `${base}${type}/${version}.json`;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const malformed = (why: string) =>
  new PlughooksError("ERR_NOTIFICATION_MALFORMED", `malformed notification: ${why}`);

/**
 * Reads a received message as a CloudEvent: a JSON text (or bytes) in structured mode, with
 * every attribute plughooks relies on present and well formed. It does not check the
 * payload: that is the listener's job, against the version it knows.
 *
 * @example
 * ```ts
 * const event = parseCloudEvent(message.content); // throws ERR_NOTIFICATION_MALFORMED
 * ```
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_MALFORMED`.
 */
export function parseCloudEvent(raw: string | Uint8Array | unknown): CloudEvent {
  let value: unknown = raw;
  if (typeof raw === "string" || raw instanceof Uint8Array) {
    const text =
      typeof raw === "string" ? raw : new TextDecoder("utf-8", { fatal: false }).decode(raw);
    try {
      value = JSON.parse(text);
    } catch {
      throw malformed(
        `not JSON (${text.length} characters starting ${JSON.stringify(text.slice(0, 20))})`,
      );
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed("not a JSON object");
  }
  const e = value as Record<string, unknown>;
  if (e.specversion !== "1.0")
    throw malformed(`specversion must be "1.0", not ${JSON.stringify(e.specversion)}`);
  if (!isValidEventType(e.type))
    throw malformed(`type ${JSON.stringify(e.type)} is not an event type`);
  for (const name of ["source", "id"] as const) {
    if (typeof e[name] !== "string" || e[name] === "")
      throw malformed(`${name} must be a non-empty string`);
  }
  if (typeof e.time !== "string" || !RFC3339.test(e.time))
    throw malformed("time must be an RFC 3339 timestamp");
  if (e.datacontenttype !== undefined && !/^application\/json\b/.test(String(e.datacontenttype))) {
    throw malformed(`datacontenttype ${JSON.stringify(e.datacontenttype)} is not JSON`);
  }
  if (parseVersion(e.payloadversion) === undefined) {
    throw malformed(`payloadversion ${JSON.stringify(e.payloadversion)} is not "MAJOR.MINOR"`);
  }
  if (!PRIORITIES.includes(e.priority as Priority))
    throw malformed(`priority ${JSON.stringify(e.priority)} is unknown`);
  if (!Object.hasOwn(e, "data")) throw malformed("there is no data");
  return e as unknown as CloudEvent;
}
