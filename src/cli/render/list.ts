import { printable } from "../../text/printable.js";
import type { Palette } from "../color.js";
import type { TextView } from "../command.js";
import type { ListDocument, ListEntryJson, ListStatus } from "../commands/list.js";
import { type Cell, renderTable } from "../table.js";
import { problemLines } from "./problem-lines.js";

const COLUMNS = [
  { title: "hook", minWidth: 12 },
  { title: "package", minWidth: 16 },
  { title: "version", minWidth: 7 },
  { title: "reference", minWidth: 14, squeezeOrder: -1 },
  { title: "status" },
] as const;

/**
 * The text view of `plughooks list`: a table per group, the locked-out entry points with
 * why, and a count. Linear in the number of entry points (200,000 is a tested case).
 */
export function renderList(document: ListDocument, color: Palette): TextView {
  const { bold, dim, green, yellow, red } = color;
  const statusCell = (status: ListStatus): Cell => ({
    text: status,
    style:
      status === "allowed" ? green : status === "broken" || status === "locked-out" ? red : yellow,
  });
  // Grouped in one pass; the entries are already sorted by group, so groups keep that order.
  const byGroup = new Map<string, ListEntryJson[]>();
  const packages = new Set<string>();
  for (const e of document.entryPoints) {
    const rows = byGroup.get(e.group);
    if (rows === undefined) byGroup.set(e.group, [e]);
    else rows.push(e);
    packages.add(e.package);
  }
  let out = "";
  for (const [group, entries] of byGroup) {
    const rows = entries.map((e): Cell[] => [
      e.name,
      e.package,
      e.version,
      e.reference,
      statusCell(e.status),
    ]);
    out += `${bold(printable(group))}\n${renderTable(COLUMNS, rows, { indent: "  ", header: dim })}\n`;
  }
  for (const e of document.entryPoints) {
    if (e.status !== "locked-out") continue;
    out += `${printable(`${e.package} ${e.group}:${e.name}: locked out, ${e.detail}`)}\n`;
  }
  const lock = document.lock === null ? "" : `, lock ${printable(document.lock)}`;
  const total = document.entryPoints.length;
  const count = total === 1 ? "1 entry point" : `${total} entry points`;
  out += `${count} in ${packages.size} package(s) (${document.packagesScanned} scanned${lock})\n`;
  return {
    err: problemLines("list", document.problems) + problemLines("list", document.warnings),
    out,
  };
}
