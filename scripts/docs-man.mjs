// Renders the man page sources (man/src/*.md, the same files marked-man turns into roff)
// as docs pages: one page per man page, plus an index of them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cell, generatedNote, table } from "./docs-md.mjs";
import { inputs } from "./docs-paths.mjs";

// ronn's header format, which marked-man reads: `# name(section) -- short description`,
// either as an ATX heading or as a setext one (underlined with `=`).
const ATX = /^#\s+([\w.-]+)\((\d)\)\s+--?\s+(.+?)\s*#*\s*$/;
const SETEXT = /^([\w.-]+)\((\d)\)\s+--?\s+(.+?)\s*\n=+\s*$/m;

/** Reads every man page source. Returns [] when the folder does not exist yet. */
export function readManPages(dir = inputs.manSources) {
  if (!existsSync(dir)) return [];
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((file) => parse(file, readFileSync(`${dir}${file}`, "utf8")));
  // plughooks(1) first, then the subcommands, then the file formats (section 5).
  return pages.sort(
    (a, b) =>
      a.section - b.section ||
      Number(b.name === "plughooks") - Number(a.name === "plughooks") ||
      a.name.localeCompare(b.name),
  );
}

function parse(file, source) {
  const text = source.replace(/\r\n/g, "\n");
  const firstLines = text.split("\n").slice(0, 2).join("\n");
  const m = ATX.exec(text.split("\n")[0] ?? "") ?? SETEXT.exec(firstLines);
  if (!m) throw new Error(`man/src/${file}: first line must be "# name(section) -- description"`);
  const [header, name, section, description] = m;
  const body = text.slice(text.indexOf(header) + header.length).replace(/^\n+/, "");
  return { file, name, section: Number(section), description, body, slug: name };
}

/** The docs page of one man page. `known` maps man page names to slugs, for links. */
export function manPage(page, known) {
  const body = linkSeeAlso(escapeAngles(page.body), known, page.name);
  return [
    generatedNote(`man/src/${page.file}`, "npm run docs:build"),
    `# ${page.name}(${page.section})\n`,
    `${escapeAngles(page.description)}\n`,
    body,
  ].join("\n");
}

/** The man pages' index page. */
export function manIndexPage(pages) {
  const intro =
    "The `plughooks` command's manual pages, rendered from the same Markdown sources " +
    "(`man/src/`) as the roff pages that npm installs with the package " +
    "(`man plughooks` after a global install, or `man -l node_modules/plughooks/man/plughooks.1`).\n";
  if (pages.length === 0) {
    return `# Man pages\n\n${intro}\n::: warning Not produced yet\nThe man page sources (\`man/src/*.md\`) do not exist on this checkout yet. They come with the \`plughooks\` command; once they exist, \`npm run docs:build\` renders them here.\n:::\n`;
  }
  const rows = pages.map((p) => [`[${p.name}(${p.section})](./${p.slug})`, cell(p.description)]);
  return `# Man pages\n\n${intro}\n${table(["page", "what it covers"], rows)}\n`;
}

// Man sources write placeholders as <name>; outside code they would reach Vue as HTML tags.
function escapeAngles(markdown) {
  return mapOutsideCode(markdown, (text) =>
    text.replace(/<(?!!--)(?=[^>\n]*>)/g, "&lt;").replace(/\{\{/g, "&#123;&#123;"),
  );
}

// Turns `plughooks-list(1)` mentions into links to the rendered page.
function linkSeeAlso(markdown, known, self) {
  return mapOutsideCode(markdown, (text) =>
    text.replace(/(?<![[\w/-])(\*\*|\*)?([\w-]+)\1?\((\d)\)/g, (all, _em, name, section) => {
      const slug = known.get(name);
      return slug && name !== self ? `[${name}(${section})](./${slug})` : all;
    }),
  );
}

// Applies fn to the parts of a Markdown text that are not fenced, indented or inline code.
function mapOutsideCode(markdown, fn) {
  const out = [];
  let fence = null;
  let prose = [];
  const flush = () => {
    if (prose.length > 0) out.push(inlineOutsideCode(prose.join("\n"), fn));
    prose = [];
  };
  for (const line of markdown.split("\n")) {
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
    } else if (open) {
      flush();
      fence = open[1];
      out.push(line);
    } else if (/^( {4}|\t)/.test(line) && (prose.length === 0 || prose.at(-1) === "")) {
      flush();
      out.push(line);
    } else {
      prose.push(line);
    }
  }
  flush();
  return out.join("\n");
}

function inlineOutsideCode(text, fn) {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join("");
}
