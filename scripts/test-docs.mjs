// `npm run test:docs`: builds the docs site, type-checks its examples, serves the build on
// 127.0.0.1 and checks it in headless Chromium (Debian's package, driven by playwright-core):
// every page reachable from the landing page, no broken link, anchor or image, no console
// error, no orphan page, the landing page's introduction and top references above the fold
// at 1280x800. Saves screenshots of the landing page and an API reference page.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { crawl, launch } from "./docs-crawl.mjs";
import { docs, repo } from "./docs-paths.mjs";
import { serve } from "./docs-serve.mjs";

const dist = `${docs}.vitepress/dist/`;
const shots = `${docs}screenshots/`;
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

// 4. A real browser.
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
  // Introduction first, then the two most used references, all above the fold.
  const boxes = await page.evaluate(() => {
    const box = (el) => (el ? el.getBoundingClientRect().toJSON() : null);
    const intro = [...document.querySelectorAll(".VPHero .tagline, .VPHero .text")].find((e) =>
      /versioned events or a published API/.test(e.textContent ?? ""),
    );
    const link = (href) =>
      [...document.querySelectorAll(`.VPHero a[href="${href}"], .VPContent a[href="${href}"]`)][0];
    return { intro: box(intro), api: box(link("/api/")), matrix: box(link("/platform-support")) };
  });
  const fold = 800;
  for (const [name, b] of Object.entries(boxes)) {
    if (!b) failures.push(`landing: no ${name} element found`);
    else if (b.top < 0 || b.bottom > fold || b.height === 0)
      failures.push(
        `landing: ${name} is not above the fold at 1280x800 (top ${b.top}, bottom ${b.bottom})`,
      );
  }
  if (boxes.intro && boxes.api && boxes.intro.top > boxes.api.top)
    failures.push("landing: the introduction must come before the reference links");
  await page.screenshot({ path: `${shots}landing.png` });
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
