import type { EntryPoint } from "../entry-points/types.js";

/** How the application's allow/deny settings treat a package, as `list` shows it. */
export type Selection = "allowed" | "denied" | "not-allowed";

function names(value: string | undefined): Set<string> | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return new Set(
    value
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  );
}

/**
 * Reads `PLUGHOOKS_DENY` and `PLUGHOOKS_ALLOW` the way `createHooks` does (without options
 * from code, which the CLI cannot see): a denied package is never loaded; with an allow
 * list, only the packages on it are.
 */
export function selectionFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): (entryPoint: EntryPoint) => Selection {
  const deny = names(env.PLUGHOOKS_DENY);
  const allow = names(env.PLUGHOOKS_ALLOW);
  return (entryPoint) => {
    if (deny?.has(entryPoint.package)) return "denied";
    if (allow !== undefined && !allow.has(entryPoint.package)) return "not-allowed";
    return "allowed";
  };
}
