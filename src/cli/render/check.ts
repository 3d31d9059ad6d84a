import { printable } from "../../text/printable.js";
import type { Palette } from "../color.js";
import type { TextView } from "../command.js";
import type { CheckDocument } from "../commands/check.js";
import { type Cell, renderTable } from "../table.js";
import { problemLines } from "./problem-lines.js";

/** The text view of `plughooks check`: the package, a table of its entry points, a verdict. */
export function renderCheck(document: CheckDocument, color: Palette): TextView {
  const { bold, dim, green, red } = color;
  const mark = (value: boolean | null): Cell =>
    value === null ? "?" : value ? { text: "yes", style: green } : { text: "no", style: red };
  const directory = printable(document.directory);
  let out =
    document.version === null
      ? `${directory}\n`
      : `${bold(printable(document.package))}@${printable(document.version)} ${dim(directory)}\n`;
  if (document.entryPoints.length > 0) {
    const rows = document.entryPoints.map((e): Cell[] => [
      `${e.group}:${e.name}`,
      e.file ?? "",
      mark(e.published),
      // A missing pre or post is allowed (only both missing is a problem): "-", not a red "no".
      e.pre ? mark(true) : "-",
      e.post ? mark(true) : "-",
    ]);
    out += renderTable(
      [
        { title: "entry point", minWidth: 16 },
        { title: "file", minWidth: 14 },
        { title: "published" },
        { title: "pre" },
        { title: "post" },
      ],
      rows,
      { indent: "  ", header: dim },
    );
  }
  const problems = document.problems.length;
  out +=
    problems === 0 ? `${green("ok")}: ready to publish\n` : `${red(`${problems} problem(s)`)}\n`;
  return {
    err: problemLines("check", document.problems) + problemLines("check", document.warnings),
    out,
  };
}
