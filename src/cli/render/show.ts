import { printable } from "../../text/printable.js";
import type { Palette } from "../color.js";
import type { TextView } from "../command.js";
import type { ShowDocument } from "../commands/show.js";
import { type Cell, renderTable } from "../table.js";
import { problemLines } from "./problem-lines.js";

/** The text view of `plughooks show`: per group, a table of what runs, in order. */
export function renderShow(document: ShowDocument, color: Palette): TextView {
  const err = problemLines("show", document.problems);
  const { bold, dim, green } = color;
  const name = document.hook;
  if (document.groups.length === 0) {
    const quoted = printable(JSON.stringify(name));
    return { err, out: `no plugin declares hook ${quoted}: nothing runs for it\n` };
  }
  const yes = (has: boolean): Cell => (has ? { text: "yes", style: green } : "-");
  let out = "";
  for (const { group, hooks, skipped } of document.groups) {
    const count = hooks.length === 1 ? "1 hook object" : `${hooks.length} hook objects`;
    out += `${bold(printable(`${group}:${name}`))}: ${count}, run in this order\n`;
    if (hooks.length > 0) {
      const rows = hooks.map((h): Cell[] => [
        String(h.order),
        h.package,
        h.version ?? "",
        h.reference ?? "",
        yes(h.pre),
        yes(h.post),
      ]);
      out += renderTable(
        [
          { title: "#" },
          { title: "package", minWidth: 16 },
          { title: "version", minWidth: 7 },
          { title: "reference", minWidth: 14, squeezeOrder: -1 },
          { title: "pre" },
          { title: "post" },
        ],
        rows,
        { indent: "  ", header: dim },
      );
    }
    for (const s of skipped) out += `  not run: ${printable(`${s.package} (${s.reason})`)}\n`;
  }
  return { err, out };
}
