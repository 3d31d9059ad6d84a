import { PlughooksError, type ProblemSite } from "../errors/index.js";
import type { LoadedModule } from "./import-module.js";

/**
 * Reads the export path of a reference from a loaded module. `default` of a CommonJS
 * module is `module.exports`, as in Node's own ES-module interop; a CommonJS module compiled
 * from ESM (`__esModule` set, with a `default` property) gives that `default` instead, as
 * TypeScript and Babel users expect.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_EXPORT_NOT_FOUND`, listing the exports there are.
 *
 * @internal
 */
export function pickExport(
  loaded: LoadedModule,
  exportPath: readonly string[],
  site: ProblemSite,
): unknown {
  let value: unknown = loaded.exports;
  exportPath.forEach((name, index) => {
    if (index === 0 && name === "default" && !loaded.isEsm && !isCompiledEsm(value)) return;
    const holder = value as Record<string, unknown> | null | undefined;
    if (
      (typeof holder !== "object" && typeof holder !== "function") ||
      holder === null ||
      !(name in holder)
    ) {
      const path = exportPath.slice(0, index + 1).join(".");
      const available =
        index === 0 &&
        holder !== null &&
        (typeof holder === "object" || typeof holder === "function")
          ? `; the module exports: ${Object.keys(holder).join(", ") || "nothing"}`
          : "";
      throw new PlughooksError("ERR_EXPORT_NOT_FOUND", `export "${path}" not found${available}`, {
        site,
      });
    }
    value = holder[name];
  });
  return value;
}

const isCompiledEsm = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  (value as { __esModule?: unknown }).__esModule === true &&
  "default" in value;
