import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repositoryRoot, runCli } from "./helpers.js";

const COMMANDS = ["list", "show", "doctor", "check", "lock", "verify", "notifications"];
const page = (name: string) =>
  readFileSync(join(repositoryRoot(), "man", "src", `${name}.md`), "utf8");
const SECTIONS = [
  "SYNOPSIS",
  "DESCRIPTION",
  "OPTIONS",
  "EXIT STATUS",
  "EXAMPLES",
  "FILES",
  "ENVIRONMENT",
  "SEE ALSO",
];

test("each subcommand's man page documents every option its --help lists", () => {
  for (const command of COMMANDS) {
    const help = runCli([command, "--help"]).stdout;
    // The options are the lines of the Options: block, e.g. "  -r, --root DIR   ...".
    const block = help.slice(help.indexOf("Options:"), help.indexOf("Exit status:"));
    const options = new Set(
      [...block.matchAll(/^ {2}(?:-\w, | {4})(--[a-z][a-z-]*)/gm)].map((m) => m[1]!),
    );
    assert.ok(options.has("--help"), `${command}: no options parsed`);
    const text = page(`plughooks-${command}.1`);
    for (const option of options) {
      assert.ok(text.includes(`\`${option}\``), `plughooks-${command}(1) lacks ${option}`);
    }
  }
});

test("every man page has the sections a man page needs", () => {
  for (const name of [
    "plughooks.1",
    ...COMMANDS.map((c) => `plughooks-${c}.1`),
    "plughooks-entry-points.5",
  ]) {
    const text = page(name);
    assert.match(text, new RegExp(`^# ${name.replace(/\.(\d)$/, "\\($1\\)")} -- `), name);
    for (const section of SECTIONS) {
      if (name.endsWith(".5") && section === "OPTIONS") continue; // a file format has none
      assert.ok(text.includes(`\n## ${section}\n`), `${name} lacks ${section}`);
    }
  }
});
