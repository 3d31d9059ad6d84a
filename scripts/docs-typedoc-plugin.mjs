// A local TypeDoc plugin: names each module of the API reference after the import path
// users write ("plughooks", "plughooks/entry-points") instead of its file name ("index").
import { Converter } from "typedoc";

const NAMES = new Map([
  ["index", "plughooks"],
  ["entry-points", "plughooks/entry-points"],
  ["loading", "plughooks/loading"],
  ["notifications", "plughooks/notifications"],
]);

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) {
      module.name = NAMES.get(module.name) ?? module.name;
    }
  });
}
