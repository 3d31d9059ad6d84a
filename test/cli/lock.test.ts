import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { writeFile, writePackage } from "../helpers/fixtures.js";
import { errLines, goodApp, jsonOf, packageDir, pluginPackage, runCli } from "./helpers.js";

const lockOf = (app: string) =>
  JSON.parse(readFileSync(join(app, "plughooks.lock.json"), "utf8")) as {
    schemaVersion: number;
    entryPoints: Record<string, string>[];
    packages: Record<string, { files: Record<string, string> }>;
  };

test("lock writes plughooks.lock.json with package, version, reference and hashes", () => {
  const app = goodApp();
  const run = runCli(["lock", "--root", app]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(
    run.stdout,
    `wrote ${join(app, "plughooks.lock.json")}: 3 entry points from 2 package(s)\n`,
  );
  const lock = lockOf(app);
  assert.equal(lock.schemaVersion, 2);
  assert.deepEqual(
    lock.entryPoints.map((e) => `${e.group}:${e.name}:${e.package}@${e.version}`),
    [
      "nova.hooks:build_hook:acme-quota@0.3.1",
      "nova.hooks:resize_hook:acme-quota@0.3.1",
      "nova.hooks:resize_hook:acme-resize-audit@1.2.0",
    ],
  );
  const entry = lock.entryPoints[2]!;
  assert.equal(entry.reference, "./hooks/resize_hook.js");
  assert.equal(entry.file, "node_modules/acme-resize-audit/hooks/resize_hook.js");
  const files = lock.packages[entry.identity!]!.files;
  assert.match(files["hooks/resize_hook.js"]!, /^[0-9a-f]{64}$/);
  assert.match(files["package.json"]!, /^[0-9a-f]{64}$/);
  // Deterministic: locking again gives the same bytes.
  const before = readFileSync(join(app, "plughooks.lock.json"), "utf8");
  runCli(["lock", "--root", app]);
  assert.equal(readFileSync(join(app, "plughooks.lock.json"), "utf8"), before);
});

test("verify passes right after lock, exit 0", () => {
  const app = goodApp();
  runCli(["lock", "--root", app]);
  const run = runCli(["verify", "--root", app]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^ok: 3 entry point\(s\) match /);
});

test("verify without a lock file: exit 1", () => {
  const run = runCli(["verify", "--root", goodApp()]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /no lock file at .*plughooks\.lock\.json/);
});

test("verify reports an added plugin as new, exit 1", () => {
  const app = goodApp();
  runCli(["lock", "--root", app]);
  writePackage(packageDir(app, "evil-helper"), pluginPackage("evil-helper", ["resize_hook"]));
  const run = runCli(["verify", "--root", app]);
  assert.equal(run.status, 1);
  assert.deepEqual(errLines(run), [
    'plughooks verify: new package "evil-helper", entry point "nova.hooks:resize_hook": new plugin',
  ]);
});

test("[promise:verify-reports-differences] verify reports a modified module file, a new version and a removed plugin", () => {
  const app = goodApp();
  runCli(["lock", "--root", app]);
  writeFile(
    join(packageDir(app, "acme-resize-audit"), "hooks/resize_hook.js"),
    "export default class X { pre() { /* evil */ } }\n",
  );
  const pkg = join(packageDir(app, "acme-quota"), "package.json");
  writeFile(pkg, readFileSync(pkg, "utf8").replace('"0.3.1"', '"0.4.0"'));
  const json = jsonOf(runCli(["verify", "--root", app, "--json"]));
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.matched, 0);
  const byKey = Object.fromEntries(json.differences.map((d: any) => [`${d.package}:${d.name}`, d]));
  assert.equal(byKey["acme-resize-audit:resize_hook"].kind, "changed");
  assert.deepEqual(byKey["acme-resize-audit:resize_hook"].changes, ["module", "files"]);
  assert.match(
    byKey["acme-resize-audit:resize_hook"].detail,
    /changed file node_modules\/acme-resize-audit\/hooks\/resize_hook\.js/,
  );
  assert.deepEqual(byKey["acme-quota:build_hook"].changes, ["version", "package-json", "files"]);
  assert.match(byKey["acme-quota:build_hook"].detail, /changed version \(0\.3\.1 -> 0\.4\.0\)/);

  // Locked but gone.
  writeFile(join(app, "package.json"), JSON.stringify({ name: "app", dependencies: {} }));
  writeFile(pkg, "{}");
  const gone = jsonOf(runCli(["verify", "--root", app, "--json", "--group", "nova.hooks"]));
  assert.ok(gone.differences.some((d: any) => d.kind === "missing" && d.package === "acme-quota"));
});

test("list shows entry points a lock refuses as locked-out, with what differs", () => {
  const app = goodApp();
  runCli(["lock", "--root", app]);
  writePackage(packageDir(app, "evil-helper"), pluginPackage("evil-helper", ["resize_hook"]));
  const run = runCli(["list", "--root", app]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /evil-helper\s+1\.0\.0\s+\.\/hooks\/resize_hook\.js\s+locked-out/);
  assert.match(run.stdout, /^evil-helper nova\.hooks:resize_hook: locked out, new plugin$/m);
  assert.match(run.stdout, /lock .*plughooks\.lock\.json\)$/m);
});

test("lock --output and verify --lock use another path; lock --group keeps other groups", () => {
  const app = goodApp();
  writePackage(packageDir(app, "other"), pluginPackage("other", ["x"], { group: "other.hooks" }));
  writeFile(
    join(app, "package.json"),
    JSON.stringify({
      name: "app",
      dependencies: { "acme-quota": "*", "acme-resize-audit": "*", other: "*" },
    }),
  );
  const out = join(app, "config", "approved.json");
  writeFile(out, "");
  assert.equal(runCli(["lock", "--root", app, "--output", out]).status, 0);
  assert.equal(runCli(["verify", "--root", app, "--lock", out]).status, 0);
  assert.equal(runCli(["verify", "--root", app]).status, 1, "no default lock");

  runCli(["lock", "--root", app]);
  runCli(["lock", "--root", app, "--group", "nova.hooks"]);
  assert.deepEqual(
    [...new Set(lockOf(app).entryPoints.map((e) => e.group))],
    ["nova.hooks", "other.hooks"],
  );
});

test("lock leaves broken entry points out and exits 1", () => {
  const app = goodApp();
  writePackage(packageDir(app, "missing-file"), {
    name: "missing-file",
    entryPoints: { "nova.hooks": { resize_hook: "./nope.js" } },
  });
  writeFile(
    join(app, "package.json"),
    JSON.stringify({
      name: "app",
      dependencies: { "acme-quota": "*", "acme-resize-audit": "*", "missing-file": "*" },
    }),
  );
  const run = runCli(["lock", "--root", app]);
  assert.equal(run.status, 1);
  assert.match(
    errLines(run)[0]!,
    /^plughooks lock: ERR_MODULE_NOT_FOUND package "missing-file", entry point "nova\.hooks:resize_hook"/,
  );
  assert.equal(lockOf(app).entryPoints.length, 3);
});

test("doctor and show refuse what the lock does not approve, before importing it", () => {
  const app = goodApp();
  runCli(["lock", "--root", app]);
  writeFile(
    join(packageDir(app, "acme-quota"), "hooks/resize_hook.js"),
    'throw new Error("this code must never run");\n',
  );
  const doctor = runCli(["doctor", "--root", app]);
  assert.equal(doctor.status, 1);
  // Every entry point of the changed package is refused, each on its line.
  const lines = errLines(doctor);
  assert.equal(lines.length, 2, doctor.stderr);
  assert.match(
    lines[1]!,
    /^plughooks doctor: ERR_PLUGIN_LOCKED_OUT package "acme-quota", entry point "nova\.hooks:resize_hook" .*refused by the lock .*changed file/,
  );
  assert.ok(!doctor.stderr.includes("must never run"));
  const show = jsonOf(runCli(["show", "resize_hook", "--root", app, "--json"]));
  assert.deepEqual(
    show.groups[0].hooks.map((h: any) => h.package),
    ["acme-resize-audit"],
  );
  assert.equal(show.problems[0].code, "ERR_PLUGIN_LOCKED_OUT");
});

test("lock and verify follow a path in PLUGHOOKS_LOCK, as the application does", () => {
  const app = goodApp();
  const env = { PLUGHOOKS_LOCK: "ops/approved.json" };
  writeFile(join(app, "ops", ".keep"), "");
  const lock = runCli(["lock", "--root", app], { env });
  assert.equal(lock.status, 0, lock.stderr);
  assert.match(lock.stdout, /wrote .*ops\/approved\.json: 3 entry points/);
  assert.equal(runCli(["verify", "--root", app], { env }).status, 0);
  assert.equal(runCli(["verify", "--root", app]).status, 1, "not at the default path");
  const list = jsonOf(runCli(["list", "--root", app, "--json"], { env }));
  assert.equal(list.lock, join(app, "ops", "approved.json"));
});
