import { printable, printableJson } from "../../text/printable.js";
import type { Palette } from "../color.js";
import type { TextView } from "../command.js";
import type { NotificationsDocument } from "../commands/notifications.js";
import { renderTable } from "../table.js";
import { problemLines } from "./problem-lines.js";

const COLUMNS = [
  { title: "type", minWidth: 12 },
  { title: "version" },
  { title: "priority" },
  { title: "package", minWidth: 10 },
  { title: "description", minWidth: 12, squeezeOrder: -1 },
] as const;

/** JSON for the terminal: indented, with the characters that could steer it escaped. */
const json = (value: unknown) => printableJson(JSON.stringify(value, null, 2));

/**
 * The text view of `plughooks notifications`: a table of the types, with `schemas` each
 * type's JSON Schema and sample payload, then the packages that were not imported.
 */
export function renderNotifications(
  document: NotificationsDocument,
  color: Palette,
  options: { readonly schemas: boolean },
): TextView {
  const { bold, dim } = color;
  const err = problemLines("notifications", document.problems);
  let out =
    document.types.length === 0
      ? `${dim("no notification types declared")}\n`
      : renderTable(
          COLUMNS,
          document.types.map((t) => [t.type, t.version, t.priority, t.package, t.description]),
          { header: bold },
        );
  if (options.schemas) {
    for (const t of document.types) {
      out += `\n${bold(printable(`${t.type} ${t.version}`))}\nschema: ${json(t.schema)}\nsample: ${json(t.sample)}\n`;
    }
  }
  if (document.skipped.length > 0) {
    out += `${dim(printable(`not imported (PLUGHOOKS_DENY/ALLOW): ${document.skipped.join(", ")}`))}\n`;
  }
  return { err, out };
}
