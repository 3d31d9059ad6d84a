/**
 * Unreadable folders and files. The tests run as root, and `chmod 000` does not stop root
 * from reading, so discovery runs here in a child process as the unprivileged `nobody`
 * user (uid 65534) over a tree with unreadable parts. Where that is not possible (not root,
 * no such user, the built code not readable by it), the test is skipped and says why.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir, writeFile } from "../fuzz/support.js";

const NOBODY = 65534;
const src = fileURLToPath(new URL("../../src/index.js", import.meta.url));
const entryPointsModule = fileURLToPath(
  new URL("../../src/entry-points/index.js", import.meta.url),
);

/** Runs `code` (an ES module) as `nobody`; undefined with a reason when it cannot. */
function runAsNobody(
  code: string,
): { status: number | null; stdout: string; stderr: string } | string {
  if (process.getuid?.() !== 0) return "not running as root, so no other user can be taken";
  const probe = spawnSync(
    process.execPath,
    ["-e", `require("fs").accessSync(${JSON.stringify(src)})`],
    {
      uid: NOBODY,
      gid: NOBODY,
      encoding: "utf8",
    },
  );
  if (probe.error !== undefined) return `cannot run as uid ${NOBODY}: ${probe.error.message}`;
  if (probe.status !== 0)
    return `the built code (${dirname(src)}) is not readable by uid ${NOBODY}`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    uid: NOBODY,
    gid: NOBODY,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test("[promise:unreadable-skipped] discovery and loading as an unprivileged user skip what they cannot read, and report it", (t) => {
  // Before anything is made unreadable: a non-root user could not even clean it up.
  if (process.getuid?.() !== 0) {
    t.skip("not running as root, so no other user can be taken (and chmod 000 would stop us)");
    return;
  }
  const base = tempDir();
  chmodSync(base, 0o755);
  const app = join(base, "app");
  const deps = ["ok", "noread", "jsonlocked", "@closed/x", "deep", "modlocked"];
  writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "app", dependencies: Object.fromEntries(deps.map((d) => [d, "*"])) }),
  );
  const nm = join(app, "node_modules");
  const plugin = (name: string) => {
    writeFile(
      join(nm, name, "package.json"),
      JSON.stringify({ name, type: "module", entryPoints: { g: { h: "./hooks.js" } } }),
    );
    writeFile(
      join(nm, name, "hooks.js"),
      `export default { pre(log) { log.push(${JSON.stringify(name)}); } };\n`,
    );
  };
  for (const name of deps) plugin(name);
  writeFile(
    join(nm, "deep", "node_modules", "inner", "package.json"),
    JSON.stringify({ name: "inner" }),
  );
  const locked = [
    "noread",
    "jsonlocked/package.json",
    "@closed",
    "deep/node_modules",
    "modlocked/hooks.js",
  ];
  // Readable again afterwards, whoever cleans up.
  t.after(() => {
    for (const path of locked) chmodSync(join(nm, path), 0o755);
  });
  chmodSync(join(nm, "noread"), 0o000); // a package folder nobody may list or read
  chmodSync(join(nm, "jsonlocked", "package.json"), 0o000); // an unreadable package.json
  chmodSync(join(nm, "@closed"), 0o000); // an unreadable scope folder
  chmodSync(join(nm, "deep", "node_modules"), 0o000); // unreadable nested node_modules
  chmodSync(join(nm, "modlocked", "hooks.js"), 0o000); // a plugin module nobody may read
  accessSync(join(nm, "noread")); // (root still can: that is why a child runs as nobody)

  const outcome = runAsNobody(`
    const { entryPoints } = await import(${JSON.stringify(`file://${entryPointsModule}`)});
    const { createHooks } = await import(${JSON.stringify(`file://${src}`)});
    const found = entryPoints({ root: ${JSON.stringify(app)}, group: "g", index: false });
    const errors = [];
    const hooks = createHooks({ group: "g", root: ${JSON.stringify(app)}, env: { PLUGHOOKS_INDEX: "0" },
      logger: { debug() {}, info() {}, warn() {}, error(m) { errors.push(m); } } });
    const log = [];
    const result = hooks.addHook("h")((log) => "ran")(log);
    console.log(JSON.stringify({
      entryPoints: found.entryPoints.map((e) => e.package),
      problems: found.problems.map((p) => p.code + "|" + p.package).sort(),
      result, log, errors,
    }));
  `);
  if (typeof outcome === "string") {
    t.skip(outcome);
    return;
  }
  assert.equal(outcome.status, 0, outcome.stderr);
  const got = JSON.parse(outcome.stdout) as {
    entryPoints: string[];
    problems: string[];
    result: string;
    log: string[];
    errors: string[];
  };
  assert.deepEqual(got.entryPoints, ["deep", "modlocked", "ok"]);
  assert.deepEqual(got.problems, [
    "ERR_PACKAGE_UNREADABLE|jsonlocked",
    "ERR_PACKAGE_UNREADABLE|noread",
  ]);
  assert.equal(got.result, "ran");
  assert.deepEqual(got.log, ["deep", "ok"]);
  // Discovery's two problems, then the module that cannot be read, each naming its package.
  assert.equal(got.errors.length, 3, got.errors.join("\n"));
  assert.ok(
    got.errors.some((line) =>
      /package "modlocked".*EACCES|package "modlocked".*permission/i.test(line),
    ),
    got.errors.join("\n"),
  );
});
