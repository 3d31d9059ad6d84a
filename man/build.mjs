#!/usr/bin/env node
// Generates the man pages (roff) from man/src/*.md with marked-man, or, with --check, fails
// when the committed roff differs from what the sources generate (run by `npm run man:check`).
//
// Output is reproducible: the date comes from SOURCE_DATE_EPOCH or MAN_DATE below (not the
// clock), the version from package.json, so the same sources always give the same bytes.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The date printed in every page's header. Bump it with a release that changes the pages.
const MAN_DATE = "2026-11-25";
const MANUAL = "plughooks manual";

const here = dirname(fileURLToPath(import.meta.url));
const sources = join(here, "src");
const pkg = JSON.parse(readFileSync(join(here, "..", "package.json"), "utf8"));
const bin = join(dirname(createRequire(import.meta.url).resolve("marked-man/package.json")), "bin", "marked-man.js");
const date = process.env.SOURCE_DATE_EPOCH
  ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString().slice(0, 10)
  : MAN_DATE;
const check = process.argv.includes("--check");

// plughooks-list.1.md -> plughooks-list.1
const pages = readdirSync(sources)
  .filter((name) => /\.[1-8]\.md$/.test(name))
  .sort();
const stale = [];
for (const page of pages) {
  const target = join(here, page.replace(/\.md$/, ""));
  const roff = execFileSync(
    process.execPath,
    [bin, "--version", pkg.version, "--manual", MANUAL, "--date", date, join(sources, page)],
    { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "" } },
  );
  if (check) {
    let committed = "";
    try {
      committed = readFileSync(target, "utf8");
    } catch {}
    if (committed !== roff) stale.push(page.replace(/\.md$/, ""));
  } else {
    writeFileSync(target, roff);
  }
}
// package.json "man" must list exactly the generated pages, so npm installs them all.
const listed = [...(pkg.man ?? [])].map((p) => p.replace(/^\.\//, "")).sort();
const expected = pages.map((p) => `man/${p.replace(/\.md$/, "")}`).sort();
const manFieldOk = JSON.stringify(listed) === JSON.stringify(expected);

if (check) {
  if (stale.length > 0 || !manFieldOk) {
    for (const page of stale) console.error(`man/${page} is out of date with man/src/${page}.md`);
    if (!manFieldOk) console.error(`package.json "man" should be ${JSON.stringify(expected.map((p) => `./${p}`))}`);
    console.error("Run npm run man:build and commit the result.");
    process.exit(1);
  }
  console.log(`man pages up to date (${pages.length})`);
} else {
  console.log(`generated ${pages.length} man page(s) in man/`);
  if (!manFieldOk) console.error(`note: set package.json "man" to ${JSON.stringify(expected.map((p) => `./${p}`))}`);
}
