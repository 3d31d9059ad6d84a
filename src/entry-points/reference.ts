import { PlughooksError, type ProblemSite } from "../errors/index.js";
import { typeName } from "../text/type-name.js";

/** A reference split into the module to load and the export path inside it. */
export interface ParsedReference {
  /** `"./dist/hooks.js"` (relative to the package root) or `"pkg/subpath"` (self-reference). */
  readonly module: string;
  /** The export and attributes to read, in order: `["default"]`, `["Audit"]`, `["ns", "A"]`. */
  readonly exportPath: readonly string[];
}

// An export or attribute name: a JavaScript identifier (ASCII, as package authors write them).
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// A package name as npm accepts it (lower-case, url-safe, optionally scoped).
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;
const MAX_REFERENCE_LENGTH = 1024;

/**
 * Parses and validates a reference `<module>[:<export>[.<attr>...]]`, as written in a
 * package.json `entryPoints` field. It splits at the last `:`. The module is either a path
 * relative to the package root starting with `./`, or a subpath of the package itself
 * (`<own name>/<subpath>` or `<own name>`), resolved later through the package's `exports`.
 *
 * Anything that could leave the package is rejected here, before any file is touched:
 * `..` segments, absolute paths, URLs and `node:` specifiers, other packages (a
 * `node_modules` segment included), backslashes, percent-encoding and control characters.
 *
 * @throws {@link plughooks!PlughooksError} with code `ERR_INVALID_REFERENCE` or
 *   `ERR_REFERENCE_ESCAPES_PACKAGE`, naming the site.
 */
export function parseReference(reference: unknown, site: ProblemSite): ParsedReference {
  const fail = (code: "ERR_INVALID_REFERENCE" | "ERR_REFERENCE_ESCAPES_PACKAGE", why: string) =>
    new PlughooksError(code, `${why}`, { site });
  if (typeof reference !== "string") {
    throw fail(
      "ERR_INVALID_REFERENCE",
      `the reference must be a string, not ${typeName(reference)}`,
    );
  }
  if (reference.trim() === "") throw fail("ERR_INVALID_REFERENCE", "the reference is empty");
  if (reference.length > MAX_REFERENCE_LENGTH) {
    throw fail(
      "ERR_INVALID_REFERENCE",
      `the reference is longer than ${MAX_REFERENCE_LENGTH} characters`,
    );
  }
  // Control characters (NUL above all) never belong in a path, and would be cut by the OS.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of the check
  if (/[\u0000-\u001f\u007f]/.test(reference)) {
    throw fail("ERR_INVALID_REFERENCE", "the reference contains a control character");
  }
  const colon = reference.lastIndexOf(":");
  const modulePart = colon === -1 ? reference : reference.slice(0, colon);
  const exportPart = colon === -1 ? "" : reference.slice(colon + 1);

  if (/^[a-z][a-z0-9+.-]*:/i.test(modulePart) || modulePart.startsWith("//")) {
    throw fail(
      "ERR_REFERENCE_ESCAPES_PACKAGE",
      "the module is a URL or a node: specifier; it must be a path inside the package",
    );
  }
  if (modulePart.startsWith("/") || /^[A-Za-z]:/.test(modulePart)) {
    throw fail(
      "ERR_REFERENCE_ESCAPES_PACKAGE",
      "the module is an absolute path; it must start with ./",
    );
  }
  if (modulePart.includes("\\")) {
    throw fail("ERR_INVALID_REFERENCE", "the module contains a backslash; use / in references");
  }
  if (modulePart.includes("%")) {
    throw fail(
      "ERR_INVALID_REFERENCE",
      "the module contains percent-encoding; write the path as it is on disk",
    );
  }
  const segments = modulePart.split("/");
  if (segments.includes("..")) {
    throw fail(
      "ERR_REFERENCE_ESCAPES_PACKAGE",
      "the module uses '..'; a reference must stay inside its package",
    );
  }
  // `./node_modules/x/...` lies under the package's folder but is another package's code,
  // which Node's own `exports` refuse for the same reason (any case: case-insensitive disks).
  if (segments.some((segment) => segment.toLowerCase() === "node_modules")) {
    throw fail(
      "ERR_REFERENCE_ESCAPES_PACKAGE",
      "the module goes through node_modules, into another package; a reference must stay inside its own package",
    );
  }

  if (modulePart.startsWith("./")) {
    if (modulePart === "./" || segments.slice(1).some((s) => s === "")) {
      throw fail(
        "ERR_INVALID_REFERENCE",
        `the module path ${JSON.stringify(modulePart)} has an empty segment`,
      );
    }
  } else {
    const own = site.package;
    const isSelf = modulePart === own || modulePart.startsWith(`${own}/`);
    if (!isSelf || !PACKAGE_NAME.test(own)) {
      throw fail(
        isSelf ? "ERR_INVALID_REFERENCE" : "ERR_REFERENCE_ESCAPES_PACKAGE",
        `the module ${JSON.stringify(modulePart)} is ${notOwnHint(modulePart)}`,
      );
    }
  }

  const exportPath = exportPart === "" ? ["default"] : exportPart.split(".");
  if (colon !== -1 && exportPart === "") {
    throw fail("ERR_INVALID_REFERENCE", "the export after ':' is empty");
  }
  for (const name of exportPath) {
    if (!IDENTIFIER.test(name)) {
      throw fail(
        "ERR_INVALID_REFERENCE",
        `the export path has an invalid name ${JSON.stringify(name)}`,
      );
    }
    if (name === "__proto__" || name === "prototype" || name === "constructor") {
      throw fail("ERR_INVALID_REFERENCE", `the export path may not use ${JSON.stringify(name)}`);
    }
  }
  return { module: modulePart, exportPath };
}

// A file name a package author writes: `dist/hooks.js` is a path that lost its `./`.
const FILE_EXTENSION = /\.(?:[cm]?[jt]sx?|json|node)$/;

/** What a module that is neither `./...` nor the package's own name most likely is. */
function notOwnHint(modulePart: string): string {
  const name = modulePart
    .split("/")
    .slice(0, modulePart.startsWith("@") ? 2 : 1)
    .join("/");
  if (!PACKAGE_NAME.test(name)) return "not a path; start it with ./";
  if (FILE_EXTENSION.test(modulePart))
    return `a path without its leading ./; a path inside the package starts with ./ (write ${JSON.stringify(`./${modulePart}`)})`;
  return "another package; a reference must stay inside its own package (a path inside it starts with ./)";
}
