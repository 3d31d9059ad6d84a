// Writes every generated docs page: the API reference (TypeDoc), the support matrix, the
// performance page and the man pages. Run by `npm run docs:build` and `npm run docs:dev`
// before VitePress; all output is git-ignored, so it cannot drift from its sources.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { generateApi } from "./docs-api.mjs";
import { manIndexPage, manPage, readManPages } from "./docs-man.mjs";
import { notificationsPage } from "./docs-notifications.mjs";
import { generated } from "./docs-paths.mjs";
import { performancePage } from "./docs-performance.mjs";
import { supportMatrixPage } from "./docs-support-matrix.mjs";

const started = performance.now();
generateApi();

writeFileSync(generated.supportMatrix, supportMatrixPage());

rmSync(generated.benchAssets, { recursive: true, force: true });
writeFileSync(generated.performance, await performancePage());

writeFileSync(generated.notifications, await notificationsPage());

rmSync(generated.man, { recursive: true, force: true });
mkdirSync(generated.man, { recursive: true });
const pages = readManPages();
const known = new Map(pages.map((p) => [p.name, p.slug]));
writeFileSync(`${generated.man}index.md`, manIndexPage(pages));
for (const page of pages) writeFileSync(`${generated.man}${page.slug}.md`, manPage(page, known));

const ms = Math.round(performance.now() - started);
console.log(
  `docs: generated API reference, support matrix, performance, notifications, ${pages.length} man page(s) in ${ms} ms`,
);
