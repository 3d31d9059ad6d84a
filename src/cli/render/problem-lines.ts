import { printable } from "../../text/printable.js";
import type { ProblemJson } from "../problems.js";

/**
 * The problems for standard error, one line each:
 * `plughooks <command>: <CODE> <message> [at <frame>]`. The message already names the
 * package and entry point.
 */
export function problemLines(command: string, problems: readonly ProblemJson[]): string {
  let text = "";
  for (const p of problems) {
    const at = p.frame === undefined ? "" : ` [at ${p.frame}]`;
    text += `plughooks ${command}: ${p.code} ${printable(p.message + at)}\n`;
  }
  return text;
}
