import { printable } from "../../text/printable.js";
import type { Palette } from "../color.js";
import type { TextView } from "../command.js";
import type { VerifyDocument } from "../commands/verify.js";
import { problemLines } from "./problem-lines.js";

/**
 * The text view of `plughooks verify`: each difference on standard error, one line each,
 * then a verdict; or why the lock could not be read.
 */
export function renderVerify(document: VerifyDocument, color: Palette): TextView {
  if ("error" in document) {
    return {
      err: `plughooks verify: [${document.code}] ${printable(document.error)} (run plughooks lock)\n`,
      out: "",
    };
  }
  let err = problemLines("verify", document.problems);
  for (const d of document.differences) {
    const line = `${d.kind} package "${d.package}", entry point "${d.group}:${d.name}": ${d.detail}`;
    err += `plughooks verify: ${printable(line)}\n`;
  }
  const { green, red } = color;
  const differences = document.differences.length;
  const matched = `${document.matched} entry point(s) match ${printable(document.lock)}`;
  const out =
    differences === 0
      ? `${green("ok")}: ${matched}\n`
      : `${red(`${differences} difference(s)`)}; ${matched}\n`;
  return { err, out };
}
