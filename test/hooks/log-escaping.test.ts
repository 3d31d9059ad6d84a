/** The application's log lines quote package data: control characters arrive escaped. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createHooks } from "../../src/index.js";
import { makeApp } from "../helpers/fixtures.js";
import { assertPrintable } from "../helpers/hostile-text.js";
import { recordingLogger } from "../helpers/logger.js";

test("[promise:output-escapes-control-characters] a hooked call's log lines escape hostile package data, and a newline cannot forge a line", () => {
  const name = "evil\u001b[2J\n\u202eplughooks: all plugins verified";
  const app = makeApp({
    packages: [
      {
        name,
        entryPoints: {
          "nova.hooks": { resize_hook: "./hooks.js", broken_hook: "./nope\u001b.js" },
        },
        files: {
          // The error message is the plugin's own text: escaped too, but its stack keeps lines.
          "hooks.js":
            'export default class H { pre() { throw new Error("boom\\u001b[31m\\r"); } }\n',
        },
      },
      // A JSON syntax error's message quotes the text around it, newlines included.
      { name: "bad-json", rawPackageJson: '{ "name": "bad-json", "a": x\nplughooks: forged }' },
    ],
  });
  const logger = recordingLogger();
  const hooks = createHooks({ group: "nova.hooks", root: app, logger, env: {} });
  const resize = hooks.addHook("resize_hook")((size: number) => size * 2);
  assert.equal(resize(2), 4, "a non-fatal hook error is swallowed");
  const errors = logger.at("error");
  const failed = errors.find((line) => line.includes("failed; the error is ignored"));
  assert.ok(failed !== undefined, errors.join("\n"));
  assertPrintable(failed, [
    'package "evil\\u001b[2J\\u000a\\u202eplughooks',
    "boom\\u001b[31m\\u000d",
  ]);
  const [first, ...stack] = failed.split("\n");
  assert.ok(first!.includes("all plugins verified"), "the whole name is on the first line");
  assert.ok(stack.length > 0 && stack.every((line) => line.startsWith("    at ")), "stack kept");
  // The discovery problem (an invalid reference) names the same package, escaped.
  const invalid = errors.find((line) => line.includes("broken_hook"));
  assert.ok(invalid !== undefined, errors.join("\n"));
  assertPrintable(invalid, ['package "evil\\u001b[2J\\u000a\\u202e', "./nope\\u001b.js"]);
  assert.ok(
    errors.some((line) => line.includes('package "bad-json"')),
    errors.join("\n"),
  );
  // A denied package is named in an info line; a loaded one in a debug line.
  const denied = recordingLogger();
  createHooks({ group: "nova.hooks", root: app, logger: denied, env: {}, deny: [name] }).addHook(
    "resize_hook",
  )(() => {})();
  assert.ok(
    denied.at("info").some((line) => line.includes("skipped package")),
    "info line",
  );
  assert.ok(
    logger.at("debug").some((line) => line.includes("loaded hook")),
    "debug line",
  );
  for (const line of [...logger.lines, ...denied.lines]) {
    assertPrintable(line.message);
    // Only a stack trace continues a line, indented: package data never starts a new one.
    for (const next of line.message.split("\n").slice(1)) assert.match(next, /^\s/, line.message);
  }
});
