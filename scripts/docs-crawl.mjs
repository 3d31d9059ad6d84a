// Drives headless Chromium over the built site: visits every page reachable from the
// landing page and collects broken links, missing anchors, missing images, failed requests
// and console errors.
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * Breadth-first crawl from `/`. Returns { visited: Map<path, title>, problems: string[] }.
 * Only same-origin links are followed; external links are not fetched (the test is offline).
 */
export async function crawl(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  const visited = new Map();
  const linkedFrom = new Map([["/", "(start)"]]);
  const anchors = []; // [path, id, from]
  const queue = ["/"];
  let current = "/";
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${current}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${current}: page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Leaving a page aborts the prefetches VitePress started for its links: not a failure.
    // A missing file is a 404, caught below.
    if (r.failure()?.errorText !== "net::ERR_ABORTED")
      problems.push(`${current}: request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().startsWith(base) && r.request().resourceType() !== "document")
      problems.push(`${current}: ${r.status()} for ${r.url().slice(base.length)}`);
  });

  while (queue.length > 0) {
    const path = queue.shift();
    current = path;
    const response = await page.goto(base + path, { waitUntil: "load" });
    if (response?.status() !== 200) {
      problems.push(
        `broken link to ${path} (status ${response?.status()}), linked from ${linkedFrom.get(path)}`,
      );
      visited.set(path, null);
      continue;
    }
    await page.waitForLoadState("networkidle");
    const info = await page.evaluate(() => ({
      title: document.title,
      links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
      images: [...document.querySelectorAll("img")]
        .filter((img) => !img.complete || img.naturalWidth === 0)
        .map((img) => img.getAttribute("src")),
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    }));
    visited.set(path, { title: info.title, ids: new Set(info.ids) });
    for (const src of info.images) problems.push(`${path}: missing image ${src}`);
    for (const href of info.links) {
      const url = new URL(href);
      if (url.origin !== base) continue;
      const target = url.pathname.replace(/\.html$/, "");
      if (url.hash.length > 1) anchors.push([target, decodeURIComponent(url.hash.slice(1)), path]);
      if (!visited.has(target) && !queue.includes(target)) {
        queue.push(target);
        linkedFrom.set(target, path);
      }
    }
  }
  for (const [target, id, from] of anchors) {
    const seen = visited.get(target);
    if (seen && !seen.ids.has(id)) problems.push(`${from}: link to missing anchor ${target}#${id}`);
  }
  await context.close();
  return { visited, problems: [...new Set(problems)] };
}
