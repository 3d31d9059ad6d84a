import { resolve } from "node:path";
import { LOCK_FILE_NAME } from "./format.js";

/** The `lock` option of `createHooks`: see {@link resolveLockPolicy}. */
export type LockOption = boolean | string;

/** Whether and where a lock applies. */
export type LockPolicy =
  | { readonly mode: "off" }
  /** Use the lock if the file exists (the default). */
  | { readonly mode: "auto"; readonly path: string }
  /** The lock must exist; without it nothing loads. */
  | { readonly mode: "required"; readonly path: string };

/** The environment variable that sets or overrides the lock: `1`, `0`, or a path. */
const LOCK_ENV = "PLUGHOOKS_LOCK";

type Setting = { kind: "off" } | { kind: "require"; path?: string } | undefined;

function fromOption(option: LockOption | undefined): Setting {
  if (option === undefined) return undefined;
  if (option === false) return { kind: "off" };
  if (option === true) return { kind: "require" };
  return { kind: "require", path: option };
}

function fromEnv(value: string | undefined): Setting {
  const text = value?.trim();
  if (text === undefined || text === "") return undefined;
  const lower = text.toLowerCase();
  if (lower === "0" || lower === "false" || lower === "off") return { kind: "off" };
  if (lower === "1" || lower === "true" || lower === "on") return { kind: "require" };
  return { kind: "require", path: text };
}

/**
 * Decides whether a lock applies, from the `lock` option and `PLUGHOOKS_LOCK`. Without either,
 * `<root>/plughooks.lock.json` is used when it exists. `true` (or `1`) requires that file, a
 * string requires the file at that path (relative paths are relative to the root), `false`
 * (or `0`) ignores a present lock. Requiring wins over ignoring, whichever side says it, so
 * an operator can always enforce a lock from the environment; a path from the environment
 * wins over a path in code.
 *
 * @example
 * ```ts
 * resolveLockPolicy(undefined, { PLUGHOOKS_LOCK: "1" }, "/srv/app");
 * // { mode: "required", path: "/srv/app/plughooks.lock.json" }
 * ```
 */
export function resolveLockPolicy(
  option: LockOption | undefined,
  env: Readonly<Record<string, string | undefined>>,
  root: string,
): LockPolicy {
  const fromCode = fromOption(option);
  const fromEnvironment = fromEnv(env[LOCK_ENV]);
  const defaultPath = resolve(root, LOCK_FILE_NAME);
  if (fromCode?.kind === "require" || fromEnvironment?.kind === "require") {
    const path =
      (fromEnvironment?.kind === "require" ? fromEnvironment.path : undefined) ??
      (fromCode?.kind === "require" ? fromCode.path : undefined);
    return { mode: "required", path: path === undefined ? defaultPath : resolve(root, path) };
  }
  if (fromCode?.kind === "off" || fromEnvironment?.kind === "off") return { mode: "off" };
  return { mode: "auto", path: defaultPath };
}
