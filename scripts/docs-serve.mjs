// A tiny static server for the built site (docs/.vitepress/dist) on 127.0.0.1, with the
// clean URLs VitePress links to (`/page` serves `page.html`). Unknown paths get a real 404
// status, so the browser test can tell a broken link from a page.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Starts serving `root`; resolves to { url, close }. Port 0 picks a free port. */
export function serve(root, port = 0) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = resolveFile(root, path);
    if (file === undefined) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      const notFound = join(root, "404.html");
      return existsSync(notFound) ? createReadStream(notFound).pipe(res) : res.end("not found");
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}`, close: () => server.close() });
    });
  });
}

function resolveFile(root, path) {
  const clean = normalize(path).replace(/^(\.\.[/\\])+/, "");
  const base = join(root, clean);
  if (!base.startsWith(root)) return undefined;
  const candidates = clean.endsWith("/")
    ? [join(base, "index.html")]
    : [base, `${base}.html`, join(base, "index.html")];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}
