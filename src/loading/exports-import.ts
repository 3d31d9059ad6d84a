/**
 * The target a package's `exports` gives a subpath under the conditions of `import` (Node's
 * ESM resolver: `node`, `import`, `module-sync`, `default`), as a `./` path inside the
 * package, or `undefined`. `require.resolve` only knows the `require` conditions, so a
 * subpath exported only for `import` needs this to be found; the file it names is then
 * loaded with `require(esm)` like any other. Follows Node's PACKAGE_EXPORTS_RESOLVE for
 * exact keys and `*` patterns.
 *
 * @example
 * ```ts
 * importTarget({ "./hooks": { import: "./dist/hooks.mjs" } }, "./hooks"); // "./dist/hooks.mjs"
 * ```
 *
 * @internal
 */
export function importTarget(exports: unknown, subpath: string): string | undefined {
  const map = isExportsMap(exports) ? exports : { ".": exports };
  if (!subpath.includes("*") && Object.hasOwn(map, subpath)) return pick(map[subpath], undefined);
  let bestKey: string | undefined;
  let bestMatch = "";
  for (const key of Object.keys(map)) {
    const star = key.indexOf("*");
    if (star < 0 || key.indexOf("*", star + 1) >= 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (
      subpath.startsWith(prefix) &&
      subpath !== prefix &&
      subpath.endsWith(suffix) &&
      subpath.length >= key.length &&
      (bestKey === undefined || betterPattern(key, bestKey))
    ) {
      bestKey = key;
      bestMatch = subpath.slice(prefix.length, subpath.length - suffix.length);
    }
  }
  return bestKey === undefined ? undefined : pick(map[bestKey], bestMatch);
}

const CONDITIONS = new Set(["node", "import", "module-sync", "default"]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An object whose keys are subpaths (`"."`, `"./x"`), not conditions. */
const isExportsMap = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && Object.keys(value).some((key) => key.startsWith("."));

/** Node's PATTERN_KEY_COMPARE: the longer prefix before `*` wins, then the longer key. */
function betterPattern(key: string, than: string): boolean {
  const a = key.indexOf("*");
  const b = than.indexOf("*");
  return a !== b ? a > b : key.length > than.length;
}

function pick(target: unknown, match: string | undefined): string | undefined {
  if (typeof target === "string") {
    if (!target.startsWith("./")) return undefined;
    return match === undefined ? target : target.replaceAll("*", match);
  }
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = pick(item, match);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(target)) {
    for (const [condition, value] of Object.entries(target)) {
      if (!CONDITIONS.has(condition)) continue;
      if (value === null) return undefined; // an explicit "not exported" under this condition
      const found = pick(value, match);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
