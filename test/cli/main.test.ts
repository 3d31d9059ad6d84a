import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../../src/cli/main.js";
import { makeApp, tempDir } from "../helpers/fixtures.js";
import { errLines, goodApp, repositoryRoot, runCli } from "./helpers.js";

const version = (
  JSON.parse(readFileSync(join(repositoryRoot(), "package.json"), "utf8")) as { version: string }
).version;
const COMMANDS = ["list", "show", "doctor", "check", "lock", "verify"];

test("--version prints the package version", () => {
  const run = runCli(["--version"]);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, `${version}\n`);
});

test("--help lists every command and the exit statuses", () => {
  const run = runCli(["--help"]);
  assert.equal(run.status, 0);
  for (const command of COMMANDS) assert.match(run.stdout, new RegExp(`^  ${command}\\s`, "m"));
  assert.match(
    run.stdout,
    /Exit status:\n {2}0 {2}ok\n {2}1 {2}problems found\n {2}2 {2}usage error\n {2}3 {2}internal error\n/,
  );
  assert.equal(run.stderr, "");
});

test("every command has --help (and -h, and plughooks help <command>), exit 0", () => {
  for (const command of COMMANDS) {
    const long = runCli([command, "--help"]);
    assert.equal(long.status, 0, command);
    assert.match(long.stdout, new RegExp(`^Usage: plughooks ${command}`), command);
    assert.match(long.stdout, /Exit status:\n/);
    for (const line of long.stdout.split("\n")) assert.ok(line.length <= 80, `${command}: ${line}`);
    assert.equal(runCli([command, "-h"]).stdout, long.stdout);
    assert.equal(runCli(["help", command]).stdout, long.stdout);
  }
});

test("no command is a usage error (2) with the help on stderr", () => {
  const run = runCli([]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /^Usage: plughooks <command>/);
});

test("an unknown command or option is a usage error (2), one line naming it", () => {
  const unknown = runCli(["frobnicate"]);
  assert.equal(unknown.status, 2);
  assert.match(errLines(unknown)[0]!, /^plughooks: unknown command "frobnicate"$/);

  const option = runCli(["list", "--bogus"]);
  assert.equal(option.status, 2);
  assert.match(errLines(option)[0]!, /^plughooks list: Unknown option '--bogus'$/);
  assert.equal(errLines(option)[1], "Run plughooks list --help.");

  assert.equal(runCli(["--bogus"]).status, 2);
  assert.equal(runCli(["help", "frobnicate"]).status, 2);
});

test("missing or extra arguments and a bad --root are usage errors", () => {
  const missing = runCli(["show"]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /plughooks show: missing <hook-name>/);
  assert.equal(runCli(["check"]).status, 2);
  assert.equal(runCli(["list", "extra"]).status, 2);
  assert.equal(runCli(["list", "--root"]).status, 2);
  const root = runCli(["list", "--root", "/no/such/dir"]);
  assert.equal(root.status, 2);
  assert.match(root.stderr, /--root \/no\/such\/dir: no such directory/);
  const empty = runCli(["doctor"], { cwd: tempDir() });
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /^plughooks doctor: no package\.json at or above /);
});

test("an internal error exits 3, not 1 (problems found), with one line naming it", async () => {
  const err: string[] = [];
  const status = await main(["list", "--root", goodApp()], {
    // A write that fails (a full disk, a closed terminal) is plughooks' failure, not a verdict.
    out: () => {
      throw new Error("EIO: i/o error, write\u001b[2J");
    },
    err: (text) => err.push(text),
    env: {},
    cwd: process.cwd(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  assert.equal(status, 3);
  assert.deepEqual(err, [
    "plughooks list: internal error: Error: EIO: i/o error, write\\u001b[2J\n",
  ]);
});

test("a plugin's stray asynchronous throw while loading ends the command with 3, not 1", () => {
  const app = makeApp({
    packages: [
      {
        name: "stray-throw",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js" } },
        files: {
          "hooks.js":
            'process.nextTick(() => { throw new Error("late\\u001b[2J"); });\nexport default class H { pre() {} }\n',
        },
      },
    ],
  });
  const run = runCli(["doctor", "--root", app]);
  assert.equal(run.status, 3, run.stdout + run.stderr);
  assert.equal(run.stderr, "plughooks: internal error: Error: late\\u001b[2J\n");
});

test("[promise:env-one-reading] every command refuses a PLUGHOOKS_* value the runtime refuses: ERR_INVALID_OPTION, exit 2", () => {
  const app = goodApp();
  // PLUGHOOKS_STRICT=2 makes createHooks throw; doctor must not say "no problems found".
  for (const variable of ["PLUGHOOKS_STRICT", "PLUGHOOKS_CODEGEN", "PLUGHOOKS_HOOK_TIMEOUT"]) {
    for (const command of ["list", "doctor", "verify"]) {
      const run = runCli([command, "--root", app], { env: { [variable]: "2x" } });
      assert.equal(run.status, 2, `${variable}=2x ${command}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`ERR_INVALID_OPTION .*${variable}`));
      assert.doesNotMatch(run.stderr, /internal error/);
    }
  }
});
