import type { EntryPoint } from "../entry-points/types.js";
import { resolveSettings } from "./core.js";

/** How the application's allow/deny settings treat a package, as `list` shows it. */
type Selection = "allowed" | "denied" | "not-allowed";

/**
 * Reads `PLUGHOOKS_DENY` and `PLUGHOOKS_ALLOW` the way `createHooks` does (without options
 * from code, which the CLI cannot see): a denied package is never loaded; with an allow
 * list, only the packages on it are.
 */
export function selectionFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): (entryPoint: EntryPoint) => Selection {
  // The library's own reading of the environment, so the CLI can never disagree with it.
  const { allow, deny } = resolveSettings({ group: "(cli)", env });
  return (entryPoint) => {
    if (deny.has(entryPoint.package)) return "denied";
    if (allow !== undefined && !allow.has(entryPoint.package)) return "not-allowed";
    return "allowed";
  };
}
