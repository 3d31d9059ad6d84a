import { join, sep } from "node:path";
import { fs } from "../builtins.js";
import type { EntryPoint } from "../entry-points/index.js";
import { installNameOf } from "../entry-points/install-name.js";
import { type Problem, problem } from "../errors/index.js";

const { readFileSync } = fs;

/**
 * A package's identity: the one name that allow, deny, the lock and the ordering use.
 *
 * - A package in a `node_modules` folder is the name it is installed under (the folder's
 *   path: `node_modules/<name>`), which is what `require(name)` loads. Its package.json must
 *   carry the same name, or be an npm alias (`"<name>": "npm:<real>@<range>"`) declared by
 *   the application or by the package whose `node_modules` holds it; the identity is then
 *   the alias. Anything else is refused: a folder cannot claim another package's name.
 * - A package outside any `node_modules` (the root, a workspace, an `npm link`ed folder) is
 *   its package.json name: its folder was put there by the operator, not by an install.
 */
export type Identity =
  | { readonly ok: true; readonly name: string; readonly alias?: string }
  | { readonly ok: false; readonly problem: Problem };

/**
 * Decides the identity of packages, one folder at a time (cached: a package with many entry
 * points is decided once). The load manager applies it; a loader of your own built on
 * `entryPoints()` and `loadEntryPoint` needs it too, or a folder could claim the name
 * of a package your allow list trusts.
 *
 * @example
 * ```ts
 * import { entryPoints } from "plughooks/entry-points";
 * import { IdentityResolver, loadEntryPoint } from "plughooks/loading";
 *
 * const found = entryPoints({ group: "nova.hooks" });
 * const identities = new IdentityResolver(found.root);
 * for (const ep of found.entryPoints) {
 *   const identity = identities.of(ep);
 *   if (!identity.ok) console.warn(identity.problem.message);
 *   else if (identity.name === "acme-audit") loadEntryPoint(ep);
 * }
 * ```
 */
export class IdentityResolver {
  readonly #root: string;
  readonly #byDirectory = new Map<string, Identity>();
  readonly #aliases = new Map<string, ReadonlyMap<string, string>>();

  /** @param root - the application root (real path), whose package.json may declare aliases. */
  constructor(root: string) {
    this.#root = root;
  }

  /** The identity of the package that declares `entryPoint`. */
  of(entryPoint: EntryPoint): Identity {
    const known = this.#byDirectory.get(entryPoint.directory);
    if (known !== undefined) return known;
    const identity = this.#decide(entryPoint);
    this.#byDirectory.set(entryPoint.directory, identity);
    return identity;
  }

  #decide(entryPoint: EntryPoint): Identity {
    const declared = entryPoint.package;
    const installed = installNameOf(entryPoint.directory);
    if (installed === undefined || installed === declared) return { ok: true, name: declared };
    const owner = ownerOf(entryPoint.directory);
    for (const dependent of owner === undefined ? [this.#root] : [this.#root, owner]) {
      if (this.#aliasesOf(dependent).get(installed) === declared) {
        return { ok: true, name: installed, alias: declared };
      }
    }
    return {
      ok: false,
      problem: problem(
        "ERR_PACKAGE_IDENTITY_MISMATCH",
        { package: installed, directory: entryPoint.directory },
        `installed as ${JSON.stringify(installed)}, but its package.json says it is ${JSON.stringify(declared)}, and no npm alias ("${installed}": "npm:${declared}@...") in the application declares it; refused`,
      ),
    };
  }

  /** The npm aliases a package.json declares: install name to real name. */
  #aliasesOf(directory: string): ReadonlyMap<string, string> {
    let aliases = this.#aliases.get(directory);
    if (aliases === undefined) {
      aliases = readAliases(directory);
      this.#aliases.set(directory, aliases);
    }
    return aliases;
  }
}

/** The package folder whose `node_modules` holds `directory`, when it is a nested install. */
function ownerOf(directory: string): string | undefined {
  const at = directory.lastIndexOf(`${sep}node_modules${sep}`);
  if (at <= 0) return undefined;
  const owner = directory.slice(0, at);
  return installNameOf(owner) === undefined ? undefined : owner;
}

const NO_ALIASES: ReadonlyMap<string, string> = new Map();

/** Reads `"name": "npm:real@range"` entries from a package.json's dependency fields. */
function readAliases(directory: string): ReadonlyMap<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
  } catch {
    return NO_ALIASES; // unreadable: no alias is proven, so none is accepted
  }
  if (typeof json !== "object" || json === null) return NO_ALIASES;
  const aliases = new Map<string, string>();
  for (const field of [
    "dependencies",
    "optionalDependencies",
    "devDependencies",
    "peerDependencies",
  ]) {
    const deps = (json as Record<string, unknown>)[field];
    if (typeof deps !== "object" || deps === null) continue;
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec !== "string" || !spec.startsWith("npm:")) continue;
      const target = spec.slice(4);
      // "npm:@scope/real@^1" or "npm:real@^1" or "npm:real": the name is up to the last "@"
      // that is not the first character.
      const at = target.lastIndexOf("@");
      aliases.set(name, at > 0 ? target.slice(0, at) : target);
    }
  }
  return aliases;
}
