import assert from "node:assert/strict";
import { test } from "node:test";
import { makeApp } from "../helpers/fixtures.js";
import { brokenApp, errLines, goodApp, jsonOf, pluginPackage, runCli } from "./helpers.js";

test("show loads one hook and lists what runs, in run order, with pre/post", () => {
  const app = makeApp({
    packages: [
      pluginPackage("zz-post-only", ["resize_hook"], { pre: false }),
      pluginPackage("aa-pre-only", ["resize_hook"], { post: false }),
      pluginPackage("mm-both", ["resize_hook", "other_hook"]),
    ],
  });
  const run = runCli(["show", "resize_hook", "--root", app]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(
    run.stdout,
    [
      "nova.hooks:resize_hook: 3 hook objects, run in this order",
      "  #  PACKAGE       VERSION  REFERENCE               PRE  POST",
      "  1  aa-pre-only   1.0.0    ./hooks/resize_hook.js  yes  -",
      "  2  mm-both       1.0.0    ./hooks/resize_hook.js  yes  yes",
      "  3  zz-post-only  1.0.0    ./hooks/resize_hook.js  -    yes",
      "",
    ].join("\n"),
  );
});

test("show --json", () => {
  const app = goodApp();
  const json = jsonOf(runCli(["show", "resize_hook", "--root", app, "--json"]));
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.command, "show");
  assert.equal(json.hook, "resize_hook");
  assert.deepEqual(json.groups, [
    {
      group: "nova.hooks",
      hooks: [
        {
          order: 1,
          package: "acme-quota",
          version: "0.3.1",
          reference: "./hooks/resize_hook.js",
          pre: true,
          post: true,
        },
        {
          order: 2,
          package: "acme-resize-audit",
          version: "1.2.0",
          reference: "./hooks/resize_hook.js",
          pre: true,
          post: true,
        },
      ],
      skipped: [],
    },
  ]);
  assert.deepEqual(json.problems, []);
});

test("show lists denied plugins as not run, and never imports them", () => {
  const app = goodApp();
  const json = jsonOf(
    runCli(["show", "resize_hook", "--root", app, "--json"], {
      env: { PLUGHOOKS_DENY: "acme-quota" },
    }),
  );
  assert.deepEqual(
    json.groups[0].hooks.map((h: any) => h.package),
    ["acme-resize-audit"],
  );
  assert.deepEqual(json.groups[0].skipped, [{ package: "acme-quota", reason: "denied" }]);
});

test("show of a hook nobody declares: nothing runs, exit 0", () => {
  const run = runCli(["show", "no_such_hook", "--root", goodApp()]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /no plugin declares hook "no_such_hook"/);
});

test("show reports a plugin of the hook that fails to load, exit 1", () => {
  const run = runCli(["show", "resize_hook", "--root", brokenApp()]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /good-plugin/);
  const lines = errLines(run);
  assert.ok(
    lines.some((l) => l.includes('ERR_MODULE_THREW package "throwing-module"')),
    run.stderr,
  );
  assert.ok(
    lines.every((l) => l.startsWith("plughooks show: ERR_")),
    run.stderr,
  );
});

test("a plugin that prints while it loads cannot corrupt --json (its output goes to stderr)", () => {
  const app = makeApp({
    packages: [
      {
        name: "chatty",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Chatty" } },
        files: {
          "hooks.js":
            'console.log("hello from chatty");\nprocess.stdout.write("raw\\n");\nexport class Chatty { pre() {} }\n',
        },
      },
    ],
  });
  for (const args of [["show", "resize_hook"], ["doctor"]]) {
    const run = runCli([...args, "--root", app, "--json"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(jsonOf(run).schemaVersion, 1);
    assert.match(run.stderr, /hello from chatty\nraw\n/);
  }
});
