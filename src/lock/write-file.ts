import { fs } from "../builtins.js";
import { cryptoModule } from "./hash.js";

const { renameSync, unlinkSync, writeFileSync } = fs;

/**
 * Replaces `path` with `text` safely: the text goes into a temporary file beside it, created
 * exclusively (`wx`: `O_CREAT | O_EXCL`, which never follows a symlink and never opens a file
 * someone planted), then renamed over `path`, so a reader sees the old file or the new one,
 * never half of one, and a planted link at the temporary name redirects nothing. A name that
 * is taken is not reused: the next try has a random suffix.
 *
 * @throws the `fs` error when no temporary file can be created, or the rename fails.
 *
 * @example
 * ```ts
 * replaceFile("/srv/app/plughooks.lock.json", serializeLock(entries, packages));
 * ```
 */
export function replaceFile(path: string, text: string, mode = 0o644): void {
  for (let attempt = 0; ; attempt++) {
    const suffix = attempt === 0 ? "" : `.${cryptoModule().randomBytes(6).toString("hex")}`;
    const temporary = `${path}.${process.pid}${suffix}.tmp`;
    try {
      writeFileSync(temporary, text, { flag: "wx", mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && attempt < 4) continue;
      throw error;
    }
    try {
      renameSync(temporary, path);
    } catch (error) {
      try {
        unlinkSync(temporary);
      } catch {}
      throw error;
    }
    return;
  }
}
