/**
 * Discovery on trees an attacker or an accident shaped (issue 11, items 4 and 8): a
 * package.json that is a FIFO, a link to /dev/zero, a huge file, a byte-order mark, and
 * packages declaring very many names. Anything that could hang or grow without end runs in a
 * child process with a timeout, so that a regression fails the test instead of hanging it.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { readSettings } from "../../src/entry-points/bounded-read.js";
import { entryPoints } from "../../src/entry-points/index.js";
import { makeApp, writePackage } from "../helpers/fixtures.js";

const GROUP = "nova.hooks";
const hook = (name = "resize_hook") => ({ [GROUP]: { [name]: "./hooks.js:Hook" } });
const problemsOf = (app: string) =>
  entryPoints({ root: app, group: GROUP, index: false }).problems.map(
    (p) => `${p.code}|${p.package}`,
  );

/** Runs discovery of `app` in a child process; fails (not hangs) after 20 s. */
function discoverInChild(app: string) {
  const module = new URL("../../src/entry-points/index.js", import.meta.url).href;
  const script = `import { entryPoints } from ${JSON.stringify(module)};
const r = entryPoints({ root: ${JSON.stringify(app)}, group: ${JSON.stringify(GROUP)}, index: false });
console.log(JSON.stringify({ found: r.entryPoints.map((e) => e.package), problems: r.problems.map((p) => [p.code, p.package, p.message]) }));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 20_000,
    // A memory leak must fail fast rather than take the machine: 256 MB of heap.
    env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=256" },
  });
  assert.equal(run.signal, null, `discovery did not finish (${run.signal}): ${run.stderr}`);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { found: string[]; problems: [string, string, string][] };
}

test("[promise:discovery-reads-regular-files-only] a package.json that is a FIFO is a named problem, not a hang", () => {
  const app = makeApp({
    packages: [{ name: "acme-a", entryPoints: hook() }, { name: "fifo" }],
  });
  const fifo = join(app, "node_modules", "fifo", "package.json");
  execFileSync("rm", [fifo]);
  execFileSync("mkfifo", [fifo]);
  const { found, problems } = discoverInChild(app);
  assert.deepEqual(found, ["acme-a"]);
  assert.equal(problems.length, 1);
  const [code, pkg, message] = problems[0]!;
  assert.equal(code, "ERR_PACKAGE_JSON_NOT_A_FILE");
  assert.equal(pkg, "fifo");
  assert.ok(message.includes(fifo), `the message names the path: ${message}`);
});

test("[promise:discovery-reads-regular-files-only] a package.json linked to /dev/zero is refused without reading it", () => {
  if (!existsSync("/dev/zero")) return;
  const app = makeApp({ packages: [{ name: "acme-a", entryPoints: hook() }, { name: "zero" }] });
  const file = join(app, "node_modules", "zero", "package.json");
  execFileSync("rm", [file]);
  symlinkSync("/dev/zero", file);
  const { found, problems } = discoverInChild(app);
  assert.deepEqual(found, ["acme-a"]);
  assert.deepEqual(
    problems.map(([code, pkg]) => `${code}|${pkg}`),
    ["ERR_PACKAGE_JSON_NOT_A_FILE|zero"],
  );
});

test("[promise:discovery-bounds-package-json-size] a package.json over the size cap is a named problem naming its path", () => {
  const app = makeApp({ packages: [{ name: "acme-a", entryPoints: hook() }, { name: "huge" }] });
  const file = join(app, "node_modules", "huge", "package.json");
  writeFileSync(file, JSON.stringify({ name: "huge", description: "x".repeat(4096) }));
  const saved = readSettings.maxBytes;
  readSettings.maxBytes = 1024;
  try {
    const result = entryPoints({ root: app, group: GROUP, index: false });
    assert.deepEqual(
      result.entryPoints.map((ep) => ep.package),
      ["acme-a"],
    );
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]?.code, "ERR_PACKAGE_JSON_TOO_LARGE");
    assert.equal(result.problems[0]?.package, "huge");
    assert.ok(result.problems[0]?.message.includes(file));
  } finally {
    readSettings.maxBytes = saved;
  }
  // Under the real cap the same file is read.
  assert.deepEqual(problemsOf(app), []);
});

test("[promise:package-json-bom-stripped] a package.json that starts with a UTF-8 byte-order mark is read as Node and npm read it", () => {
  const json = JSON.stringify({ name: "bom-plugin", version: "1.2.3", entryPoints: hook() });
  const app = makeApp({
    packages: [
      { name: "bom-plugin", rawPackageJson: `\uFEFF${json}` },
      // A BOM in an unrelated dependency must not be a problem either.
      { name: "bom-lib", rawPackageJson: `\uFEFF${JSON.stringify({ name: "bom-lib" })}` },
    ],
  });
  const result = entryPoints({ root: app, group: GROUP, index: false });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(
    result.entryPoints.map((ep) => `${ep.package}@${ep.version} ${ep.name}`),
    ["bom-plugin@1.2.3 resize_hook"],
  );
});

test("[promise:discovery-reads-regular-files-only] a package.json that is a folder is not a regular file", () => {
  const app = makeApp({ packages: [{ name: "acme-a", entryPoints: hook() }] });
  const dir = join(app, "node_modules", "odd");
  writePackage(join(dir, "package.json"), { name: "inner" }); // package.json/ is a folder
  assert.deepEqual(problemsOf(app), ["ERR_PACKAGE_JSON_NOT_A_FILE|odd"]);
});

test("[promise:discovery-scales-linearly] 100,000 names in one package and 200,000 entry points in all are found, index included", async () => {
  const names = (prefix: string, count: number) => {
    const group: Record<string, string> = {};
    for (let i = 0; i < count; i++) group[`${prefix}_${i}`] = `./hooks.js:H${i % 7}`;
    return { [GROUP]: group };
  };
  const app = makeApp({
    packages: [
      { name: "wide-a", entryPoints: names("a", 100_000) },
      { name: "wide-b", entryPoints: names("b", 100_000) },
    ],
  });
  await sleep(150); // past the index's guard against changes racing the scan
  // Runs in a child with a small stack: a spread of a huge array into a call would overflow.
  const module = new URL("../../src/entry-points/index.js", import.meta.url).href;
  const script = `import { entryPoints } from ${JSON.stringify(module)};
const cold = entryPoints({ root: ${JSON.stringify(app)}, group: ${JSON.stringify(GROUP)}, cacheDirectory: null });
const warm = entryPoints({ root: ${JSON.stringify(app)}, group: ${JSON.stringify(GROUP)}, cacheDirectory: null });
console.log(JSON.stringify([cold.entryPoints.length, cold.problems.length, warm.entryPoints.length, cold.entryPoints[0].name, cold.entryPoints.at(-1).name]));`;
  const run = spawnSync(
    process.execPath,
    ["--stack-size=200", "--input-type=module", "-e", script],
    {
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [200_000, 0, 200_000, "a_0", "b_99999"]);
  const index = join(app, "node_modules", ".cache", "plughooks");
  assert.equal(readdirSync(index).filter((f) => f.endsWith(".json")).length, 1, "indexed");
});
