import { PlughooksError } from "../errors/index.js";

/**
 * A runtime permission plughooks may need, as Deno's flag names it. Node.js grants all of
 * them; under Deno, a missing one makes `process.env`, `node:fs` and `node:os` calls throw
 * `NotCapable` (Deno 2; `PermissionDenied` before).
 */
export type RuntimePermission = "--allow-env" | "--allow-read" | "--allow-sys=homedir";

/** Whether `error` is a runtime's refusal of a permission (Deno's `NotCapable`). */
function isPermissionRefusal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === "NotCapable" || error.name === "PermissionDenied";
}

/**
 * Runs `touch` (a read of the environment, a file or the home folder); a permission refusal
 * becomes a {@link PlughooksError} `ERR_RUNTIME_PERMISSION` that names the flag to add and
 * keeps the runtime's error as its cause. Any other error passes unchanged.
 *
 * @param what - what plughooks was doing, after "plughooks cannot": "read the
 *   PLUGHOOKS_* environment variables".
 */
export function withPermission<T>(permission: RuntimePermission, what: string, touch: () => T): T {
  try {
    return touch();
  } catch (error) {
    if (!isPermissionRefusal(error)) throw error;
    throw new PlughooksError(
      "ERR_RUNTIME_PERMISSION",
      `plughooks cannot ${what}: the runtime refused it (${(error as Error).message}). Under Deno, run with ${permission}; plughooks needs --allow-env --allow-read`,
      { cause: error },
    );
  }
}

/**
 * `touch()`, or `undefined` when the runtime refuses the permission: for what plughooks can
 * do without (the discovery index in the user's cache folder needs the home folder).
 */
export function ifPermitted<T>(touch: () => T): T | undefined {
  try {
    return touch();
  } catch (error) {
    if (isPermissionRefusal(error)) return undefined;
    throw error;
  }
}
