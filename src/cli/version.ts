import { ownPackage } from "../own-package.js";

/** plughooks's own version, from its package.json. */
export function ownVersion(): string {
  return ownPackage()?.version ?? "unknown";
}
