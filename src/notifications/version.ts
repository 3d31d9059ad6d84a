import { PlughooksError } from "../errors/index.js";

/** A payload version `MAJOR.MINOR`: a minor version only adds optional fields, a major breaks. */
export interface PayloadVersion {
  readonly major: number;
  readonly minor: number;
}

const VERSION = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

/** Reads `"1.2"`, or `undefined` when the text is not `MAJOR.MINOR`. */
export function parseVersion(text: unknown): PayloadVersion | undefined {
  if (typeof text !== "string") return undefined;
  const match = VERSION.exec(text);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/**
 * Reads a version that must be valid.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_INVALID_DEFINITION`.
 */
export function requireVersion(text: unknown, what: string): PayloadVersion {
  const version = parseVersion(text);
  if (version === undefined) {
    throw new PlughooksError(
      "ERR_NOTIFICATION_INVALID_DEFINITION",
      `${what}: the version must be "MAJOR.MINOR" (such as "1.0"), not ${JSON.stringify(text)}`,
    );
  }
  return version;
}

/** `"1.2"`. */
export const formatVersion = (v: PayloadVersion) => `${v.major}.${v.minor}`;
