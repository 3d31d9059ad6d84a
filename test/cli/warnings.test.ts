import assert from "node:assert/strict";
import { test } from "node:test";
import { makeApp } from "../helpers/fixtures.js";
import { jsonOf, runCli } from "./helpers.js";

const GROUP = "nova.hooks";
/** An app whose one plugin would write to stderr and throw if it were ever imported. */
const app = () =>
  makeApp({
    packages: [
      {
        name: "acme-audit",
        entryPoints: { [GROUP]: { resize_hook: "./hooks.js" } },
        files: {
          "hooks.js": 'console.error("IMPORTED acme-audit"); export default class { pre() {} }\n',
        },
      },
    ],
  });

test("[promise:unknown-name-warning] list and doctor warn about a PLUGHOOKS_ALLOW or PLUGHOOKS_DENY name that matches no installed package", () => {
  const root = app();
  const env = { PLUGHOOKS_DENY: "acme-audti", PLUGHOOKS_ALLOW: "acme-audit,acme-billing" };
  for (const command of ["list", "doctor"]) {
    const json = jsonOf(runCli([command, "--root", root, "--json"], { env }));
    assert.deepEqual(
      json.warnings.map((w: { code: string; package: string }) => `${w.code} ${w.package}`),
      ["WARN_UNKNOWN_PACKAGE_NAME acme-audti", "WARN_UNKNOWN_PACKAGE_NAME acme-billing"],
      command,
    );
    const text = runCli([command, "--root", root], { env });
    assert.match(
      text.stderr,
      /WARN_UNKNOWN_PACKAGE_NAME package "acme-audti": named in the deny list/,
    );
  }
  // Names that match: no warning.
  const quiet = jsonOf(
    runCli(["list", "--root", root, "--json"], { env: { PLUGHOOKS_DENY: "acme-audit" } }),
  );
  assert.deepEqual(quiet.warnings, []);
});

test("[promise:list-verify-import-nothing] list, lock and verify never import a plugin", () => {
  const root = app();
  for (const command of ["list", "lock", "verify"]) {
    const run = runCli([command, "--root", root]);
    assert.doesNotMatch(run.stderr, /IMPORTED/, command);
  }
  // The check above can fail: doctor does import it.
  assert.match(runCli(["doctor", "--root", root]).stderr, /IMPORTED acme-audit/);
});
