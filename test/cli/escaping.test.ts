/** Untrusted strings (package data, problem messages) never reach the terminal raw. */
import assert from "node:assert/strict";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeApp, type PackageSpec } from "../helpers/fixtures.js";
import { assertPrintable } from "../helpers/hostile-text.js";
import { jsonOf, packageDir, runCli } from "./helpers.js";

// Short, so that no table column is cut and each escaped form shows in full.
const PACKAGE = "evil\u001b[2J\u202e"; // an ANSI "clear screen", then a right-to-left override
const HOOK = "hook\r\u2066"; // a carriage return, then a bidi isolate
const VERSION = "1\u009b"; // a C1 control (CSI)
// A zero-width space and a C1 control (NEL) in a file name; a C0 control or DEL would make
// the reference invalid, which the broken entry "gone" covers.
const FILE = "\u200b\u0085.js";
const GROUP = "nova\u202e.hooks";

const SHOWN = {
  package: "evil\\u001b[2J\\u202e",
  hook: "hook\\u000d\\u2066",
  version: "1\\u009b",
  file: "\\u200b\\u0085.js",
  group: "nova\\u202e.hooks",
};

function hostileApp(): string {
  const hostile: PackageSpec = {
    name: PACKAGE,
    version: VERSION,
    entryPoints: {
      "nova.hooks": { [HOOK]: `./${FILE}`, gone: "./gone\u001b.js" },
      [GROUP]: { other: `./${FILE}` },
    },
    files: { [FILE]: "export default class Hook { pre() {} }\n" },
  };
  return makeApp({ packages: [hostile] });
}

const output = (run: { stdout: string; stderr: string }) => `${run.stdout}\n${run.stderr}`;

test("[promise:output-escapes-control-characters] list shows hostile names, versions, hooks and references escaped", () => {
  const run = runCli(["list", "--root", hostileApp()]);
  assert.equal(run.status, 1, "the reference with ESC in it is invalid");
  assertPrintable(output(run), [...Object.values(SHOWN), "./gone\\u001b.js"]);
  assert.match(
    run.stderr,
    /^plughooks list: ERR_INVALID_REFERENCE package "evil\\u001b\[2J\\u202e"/m,
  );
});

test("[promise:output-escapes-control-characters] show and doctor escape hostile text in tables, headings and problem lines", () => {
  const app = hostileApp();
  const show = runCli(["show", HOOK, "--root", app]);
  assert.equal(show.status, 0, show.stderr);
  assertPrintable(output(show), [
    `nova.hooks:${SHOWN.hook}: 1 hook object`,
    SHOWN.package,
    SHOWN.version,
    SHOWN.file,
  ]);
  const doctor = runCli(["doctor", "--root", app]);
  assert.equal(doctor.status, 1);
  assertPrintable(output(doctor), [`  ${SHOWN.group}: 1 entry point(s), 1 loaded`, SHOWN.package]);
});

test("[promise:output-escapes-control-characters] lock, verify and check escape hostile text", () => {
  const app = hostileApp();
  const lock = runCli(["lock", "--root", app]);
  assert.equal(lock.status, 1, "the invalid reference is left out");
  assertPrintable(output(lock), [SHOWN.package]);
  appendFileSync(join(packageDir(app, PACKAGE), FILE), "// changed\n");
  const verify = runCli(["verify", "--root", app]);
  assert.equal(verify.status, 1);
  assertPrintable(output(verify), [
    `plughooks verify: changed package "${SHOWN.package}", entry point "nova.hooks:${SHOWN.hook}"`,
  ]);
  const check = runCli(["check", packageDir(app, PACKAGE), "--skip-pack"]);
  assert.equal(check.status, 1);
  assertPrintable(output(check), [`${SHOWN.package}@${SHOWN.version}`, SHOWN.hook, SHOWN.file]);
});

test("[promise:output-escapes-control-characters] --json keeps the exact values, with terminal-safe escapes", () => {
  const run = runCli(["list", "--root", hostileApp(), "--json"]);
  assertPrintable(run.stdout);
  const entry = jsonOf(run).entryPoints.find((e: { name: string }) => e.name === HOOK);
  assert.deepEqual(
    [entry.package, entry.version, entry.reference],
    [PACKAGE, VERSION, `./${FILE}`],
  );
});

test("usage errors escape the word they quote", () => {
  const run = runCli(["\u202edeliver"]);
  assert.equal(run.status, 2);
  assertPrintable(run.stderr, ['unknown command "\\u202edeliver"']);
});
