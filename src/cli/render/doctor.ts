import { printable } from "../../text/printable.js";
import type { Palette } from "../color.js";
import type { TextView } from "../command.js";
import type { DoctorDocument } from "../commands/doctor.js";
import { problemLines } from "./problem-lines.js";

/** The text view of `plughooks doctor`: what was scanned and loaded per group, and a verdict. */
export function renderDoctor(document: DoctorDocument, color: Palette): TextView {
  const { green, red, bold, yellow } = color;
  const problems = document.problems.length;
  let out = `${bold("plughooks doctor")} ${printable(document.root)}\n`;
  out += `  ${document.packagesScanned} package(s) scanned, ${document.packagesWithEntryPoints} with entry points\n`;
  for (const g of document.groups) {
    const skipped = g.skipped > 0 ? `, ${g.skipped} skipped by allow/deny` : "";
    out += `  ${printable(g.group)}: ${g.entryPoints} entry point(s), ${g.loaded} loaded${skipped}\n`;
  }
  out += problems === 0 ? green("no problems found") : red(`${counted(problems)} found`);
  const warnings = document.warnings.length;
  if (warnings > 0) out += yellow(warnings === 1 ? ", 1 warning" : `, ${warnings} warnings`);
  return {
    err: problemLines("doctor", document.problems) + problemLines("doctor", document.warnings),
    out: `${out}\n`,
  };
}

const counted = (n: number) => (n === 1 ? "1 problem" : `${n} problems`);
