// `npm run test:docs`: builds the docs site, type-checks its examples, serves the build on
// 127.0.0.1 and checks it in headless Chromium (Debian's package, driven by playwright-core;
// scripts/ensure-chromium.sh installs it the first time, and says so): every page reachable
// from the landing page, no broken link, anchor or image, no console error, no orphan page,
// the landing page's introduction and "Get started" button above the fold at 1280x800, and
// the wide tables (comparison, support matrix) fitting the page at 1280 and 1440 px with no
// sideways scroll. Saves screenshots of the landing, comparison and performance pages at
// 1440 px, and of an API reference page, in docs/screenshots/.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { crawl, launch } from "./docs-crawl.mjs";
import { docs, repo } from "./docs-paths.mjs";
import { serve } from "./docs-serve.mjs";

const dist = `${docs}.vitepress/dist/`;
const shots = `${docs}screenshots/`;
// Pages whose tables are wide: at common laptop and desktop widths every column must be in
// view, not behind a sideways scroll (the last columns are the ones a reader came for).
const WIDE_TABLE_PAGES = ["/comparison", "/platform-support", "/performance"];

const failures = [];
const timings = [];

function step(name, fn) {
  const started = performance.now();
  const result = fn();
  const done = (value) => {
    timings.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return value;
  };
  return result instanceof Promise ? result.then(done) : done(result);
}

function run(command, args, { quiet = false } = {}) {
  const r = spawnSync(command, args, {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (!quiet || r.status !== 0) process.stdout.write(output);
  if (r.status !== 0) {
    console.error(`test:docs: ${command} ${args.join(" ")} failed (exit ${r.status})`);
    process.exit(1);
  }
  return output;
}

// `--browser-only` reuses the last build: for working on the browser checks themselves.
const full = !process.argv.includes("--browser-only");

// 1. Build; the build must be silent about problems (no warnings from TypeDoc or Vite).
step("build", () => {
  if (!full) return;
  // The same two steps as `npm run docs:build`, run directly: npm's own notices (about its
  // config or a newer npm) are not build warnings.
  const output =
    run(process.execPath, ["scripts/docs-generate.mjs"]) +
    run(process.execPath, ["node_modules/vitepress/bin/vitepress.js", "build", "docs"]);
  const warnings = output.split("\n").filter((l) => /warn|\(!\)|deprecat/i.test(l));
  for (const w of warnings) failures.push(`build warning: ${w.trim()}`);
});

// 2. Every marked example type-checks, and renaming an option breaks them.
step("examples", () => full && run(process.execPath, ["scripts/docs-examples.mjs", "--self-test"]));

// 3. Hand-written pages that must follow the code: every error code is documented.
step("codes", () => {
  const source = readFileSync(`${repo}src/errors/plughooks-error.ts`, "utf8");
  const union = /export type PlughooksErrorCode =([^;]+);/.exec(source)?.[1] ?? "";
  const codes = [...union.matchAll(/"(ERR_[A-Z_]+)"/g)].map((m) => m[1]);
  const page = readFileSync(`${docs}entry-points-format.md`, "utf8");
  if (codes.length === 0) failures.push("codes: no PlughooksErrorCode found in src/errors");
  for (const code of codes)
    if (!page.includes(`\`${code}\``))
      failures.push(`docs/entry-points-format.md does not document ${code}`);
});

// 3b. The comparison page types no figure by hand, and shows the ones from results.json.
await step("figures", async () => {
  const source = readFileSync(`${docs}comparison.md`, "utf8");
  // A measured figure has a unit, a decimal point or a thousands separator ("24.6", "8,259").
  const typed = source.match(/\b\d+[.,]\d+\b|\b\d+\s*(ns|µs|ms)\b/g);
  if (typed)
    failures.push(
      `docs/comparison.md types figures by hand (${typed.join(", ")}): use comparison.data.mjs`,
    );
  const { default: loader } = await import(`${docs}comparison.data.mjs`);
  const html = readFileSync(`${dist}comparison.html`, "utf8");
  for (const [id, cells] of Object.entries(loader.load().cells))
    for (const [mode, text] of Object.entries(cells))
      if (!html.includes(text))
        failures.push(`comparison page: the ${mode} figure of ${id} ("${text}") is not shown`);
});

// 4. A real browser.
console.log("test:docs: checking the built site in headless Chromium (/usr/bin/chromium)");
step("chromium", () => run("bash", ["scripts/ensure-chromium.sh"]));
const server = await serve(dist);
const browser = await launch();
try {
  const { visited, problems } = await step("crawl", () => crawl(browser, server.url));
  failures.push(...problems);

  // No orphan pages: every built page was reached from the landing page.
  const built = readdirSync(dist, { recursive: true })
    .map((f) => f.replaceAll("\\", "/"))
    .filter((f) => f.endsWith(".html") && f !== "404.html")
    .map((f) => `/${f.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "")}`);
  for (const path of built)
    if (!visited.has(path)) failures.push(`orphan page: ${path} is not reachable from /`);
  console.log(`test:docs: visited ${visited.size} pages, ${built.length} built`);

  await step("landing", () => checkLanding(browser, server.url));
  await step("tables", () => checkWideTables(browser, server.url));
  await step("chart", () => checkChart(browser, server.url));
  await step("screenshots", () => screenshots(browser, server.url));
} finally {
  await browser.close();
  server.close();
}

if (failures.length > 0) {
  console.error(`test:docs: ${failures.length} problem(s):\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`test:docs: passed (${timings.join(", ")})`);

async function checkLanding(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  // The introduction first, then the "Get started" button, both above the fold.
  const boxes = await page.evaluate(() => {
    const box = (el) => (el ? el.getBoundingClientRect().toJSON() : null);
    const intro = [...document.querySelectorAll(".VPHero .tagline, .VPHero .text")].find((e) =>
      /versioned events or a published API/.test(e.textContent ?? ""),
    );
    const start = [...document.querySelectorAll(".VPHero a")].find(
      (a) => a.textContent?.trim() === "Get started",
    );
    return { intro: box(intro), "Get started button": box(start) };
  });
  const fold = 800;
  for (const [name, b] of Object.entries(boxes)) {
    if (!b) failures.push(`landing: no ${name} found`);
    else if (b.top < 0 || b.bottom > fold || b.height === 0)
      failures.push(
        `landing: ${name} is not above the fold at 1280x800 (top ${b.top}, bottom ${b.bottom})`,
      );
  }
  if (
    boxes.intro &&
    boxes["Get started button"] &&
    boxes.intro.top > boxes["Get started button"].top
  )
    failures.push("landing: the introduction must come before the Get started button");
  // The contributor notes live in docs/README.md, not on the landing page.
  if (await page.locator("text=Working on these docs").count())
    failures.push("landing: contributor notes belong in docs/README.md, not on the landing page");
  await page.goto(`${base}/api/`, { waitUntil: "networkidle" });
  // The first module page the reference index links to (its links are relative).
  const module = await page.evaluate(
    () =>
      [...document.querySelectorAll(".vp-doc a[href]")]
        .map((a) => new URL(a.href).pathname)
        .find((p) => p.startsWith("/api/") && p !== "/api/") ?? null,
  );
  if (module === null) {
    failures.push("api reference: the index links to no module page");
    return page.close();
  }
  await page.goto(`${base}${module}`, { waitUntil: "networkidle" });
  await page.screenshot({ path: `${shots}api-reference.png` });
  await page.close();
}

async function checkWideTables(browser, base) {
  for (const width of [1280, 1440]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const path of WIDE_TABLE_PAGES) {
      await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll(".vp-doc table")]
          .filter((t) => t.offsetParent !== null) // folded tables are not in view
          .map((t, i) => {
            const last = t.querySelector("tr > :last-child")?.getBoundingClientRect();
            const doc = t.closest(".vp-doc")?.getBoundingClientRect();
            return {
              i,
              head: t.querySelector("th")?.textContent?.trim() || t.textContent?.slice(0, 40),
              scrolls: t.scrollWidth > t.clientWidth + 1,
              beyond: last !== undefined && doc !== undefined && last.right > doc.right + 1,
            };
          })
          .filter((t) => t.scrolls || t.beyond),
      );
      for (const t of cut)
        failures.push(
          `${path} at ${width} px: table ${t.i + 1} ("${t.head}") ${t.scrolls ? "scrolls sideways" : "runs past the page"}`,
        );
    }
    await page.close();
  }
}

// The performance chart: no text (a value, a name, an axis label) overlaps a bar, a
// gridline or another text, measured on the rendered SVG.
async function checkChart(browser, base) {
  const page = await browser.newPage();
  const response = await page.goto(`${base}/bench/per-call.svg`, { waitUntil: "load" });
  if (!response?.ok()) {
    failures.push("performance chart: /bench/per-call.svg is missing");
    return page.close();
  }
  const overlaps = await page.evaluate(() => {
    const box = (el) => {
      const b = el.getBoundingClientRect();
      return { el, x1: b.left, y1: b.top, x2: b.right, y2: b.bottom };
    };
    const hit = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const texts = [...document.querySelectorAll("text")].map(box);
    const shapes = [...document.querySelectorAll(`rect:not([width="100%"]), line`)].map(box);
    const found = [];
    for (const [i, t] of texts.entries()) {
      for (const s of shapes)
        if (hit(t, s)) found.push(`"${t.el.textContent}" overlaps a ${s.el.tagName}`);
      for (const u of texts.slice(i + 1))
        if (hit(t, u)) found.push(`"${t.el.textContent}" overlaps "${u.el.textContent}"`);
    }
    return found;
  });
  for (const o of overlaps) failures.push(`performance chart: ${o}`);
  await page.close();
}

// Full-page screenshots at 1440 px, committed so a reviewer sees the pages without building.
async function screenshots(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  for (const [path, name] of [
    ["/", "landing"],
    ["/comparison", "comparison"],
    ["/performance", "performance"],
  ]) {
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
  }
  await page.close();
}
