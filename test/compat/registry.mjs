// A loopback npm registry serving the suite's own tarballs, and nothing else.
// Why not `file:` specs: a plugin that is only a transitive dependency needs its parent to
// depend on it by name and version, and pnpm (blockExoticSubdeps), Yarn and bun treat `file:`
// sub-dependencies each their own way. A registry makes every manager resolve, lock and
// upgrade exactly as for a user, while no byte leaves the machine.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

/**
 * Starts the registry on 127.0.0.1 (a free port). `publish(manifest, tgzPath)` adds a version;
 * unknown names answer 404, so a manager never falls back to the public registry silently.
 */
export async function startRegistry() {
  /** @type {Map<string, { manifest: any, tarball: Buffer }[]>} */
  const packages = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]);
    // The npm convention `/<name>/-/<basename>-<version>.tgz`, which Yarn Berry assumes.
    const tarball = path.match(/^\/(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/);
    if (tarball) {
      const version = packages.get(tarball[1])?.find((v) => v.manifest.version === tarball[2]);
      if (!version) return send(res, 404, { error: "not found" });
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return res.end(version.tarball);
    }
    const name = path.slice(1);
    const versions = packages.get(name);
    if (!versions) return send(res, 404, { error: "not found" });
    send(res, 200, packument(name, versions, baseUrl));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${baseUrl}/`,
    publish(manifest, tgzPath) {
      const list = packages.get(manifest.name) ?? [];
      list.push({ manifest, tarball: readFileSync(tgzPath) });
      packages.set(manifest.name, list);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

// Release times far in the past: pnpm's and npm's minimum-release-age settings must not
// hold back a fixture that was "published" a second ago.
const OLD = "2020-01-01T00:00:00.000Z";

function packument(name, versions, baseUrl) {
  const out = { name, "dist-tags": {}, versions: {}, time: { created: OLD, modified: OLD } };
  for (const { manifest, tarball } of versions) {
    out.versions[manifest.version] = {
      ...manifest,
      _id: `${name}@${manifest.version}`,
      dist: {
        tarball: `${baseUrl}/${name}/-/${name.split("/").pop()}-${manifest.version}.tgz`,
        shasum: createHash("sha1").update(tarball).digest("hex"),
        integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
      },
    };
    out.time[manifest.version] = OLD;
    // "latest" is the highest version published (fixtures publish in ascending order).
    out["dist-tags"].latest = manifest.version;
  }
  return out;
}
