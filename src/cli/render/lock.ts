import { printable } from "../../text/printable.js";
import type { TextView } from "../command.js";
import type { LockDocument } from "../commands/lock.js";
import { problemLines } from "./problem-lines.js";

/** The text view of `plughooks lock`: what was written, and what was left out. */
export function renderLock(document: LockDocument): TextView {
  const count =
    document.entryPoints === 1 ? "1 entry point" : `${document.entryPoints} entry points`;
  let out = `wrote ${printable(document.lock)}: ${count} from ${document.packages} package(s)\n`;
  const broken = document.problems.length;
  if (broken > 0) out += `${broken} broken entry point(s) left out\n`;
  return { err: problemLines("lock", document.problems), out };
}
