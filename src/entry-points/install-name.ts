import { sep } from "node:path";

/**
 * The name a package folder is installed under: what follows the last `node_modules`
 * segment of its path (`x`, or `@scope/x`), which is the name `require()` finds it by. For a
 * folder outside any `node_modules` (the root, a workspace, an `npm link`ed folder) there is
 * none: `undefined`.
 *
 * @example
 * ```ts
 * installNameOf("/srv/app/node_modules/@acme/audit"); // "@acme/audit"
 * installNameOf("/srv/app/node_modules/.pnpm/a@1.0.0/node_modules/a"); // "a"
 * installNameOf("/srv/app/packages/tool"); // undefined
 * ```
 */
export function installNameOf(directory: string): string | undefined {
  const segments = directory.split(sep);
  const at = segments.lastIndexOf("node_modules");
  if (at === -1 || at + 1 >= segments.length) return undefined;
  const first = segments[at + 1]!;
  if (!first.startsWith("@")) return at + 2 === segments.length ? first : undefined;
  return at + 3 === segments.length ? `${first}/${segments[at + 2]}` : undefined;
}
