import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { serializeLock } from "../../src/lock/index.js";
import { jsonOf, repositoryRoot, runCli } from "../cli/helpers.js";
import { linkDir, makeApp, writeFile } from "../helpers/fixtures.js";

const TYPES = `import { defineNotification, jsonSchema } from "plughooks/notifications";
const v1 = defineNotification({ type: "volume.attach", version: "1.0", description: "A volume was attached.",
  schema: jsonSchema({ type: "object", properties: { volume: { type: "string" } }, required: ["volume"] }),
  sample: { volume: "v1" } });
export default { attach: defineNotification({ type: "volume.attach", version: "1.1", previous: v1,
  schema: jsonSchema({ type: "object", properties: { volume: { type: "string" }, device: { type: "string" } }, required: ["volume"] }),
  sample: { volume: "v1", device: "/dev/vdb" } }) };`;

test("plughooks notifications --json lists every declared type and its predecessors, with schema and sample", () => {
  const app = makeApp({
    root: {
      name: "volume-service",
      entryPoints: { "plughooks.notification_types": { volumes: "./types.js" } },
      files: { "types.js": TYPES },
    },
  });
  // The fixture's module imports plughooks: this repository's build.
  linkDir(repositoryRoot(), join(app, "node_modules", "plughooks"));
  const run = runCli(["notifications", "--json"], { cwd: app });
  const doc = jsonOf(run);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    doc.types.map((t: { type: string; version: string }) => `${t.type}@${t.version}`),
    ["volume.attach@1.0", "volume.attach@1.1"],
  );
  assert.deepEqual(doc.types[1].sample, { volume: "v1", device: "/dev/vdb" });
  assert.deepEqual(doc.types[1].schema.required, ["volume"]);
  assert.equal(doc.types[0].description, "A volume was attached.");
  assert.equal(doc.types[1].dataschema, "urn:plughooks:notification:volume.attach:1.1");
});

test("plughooks notifications reports a declaring module that holds no type, exit status 1; a bad --type is a usage error", () => {
  const app = makeApp({
    root: {
      name: "broken-service",
      entryPoints: { "plughooks.notification_types": { nothing: "./types.js" } },
      files: { "types.js": "export default { hello: 1 };" },
    },
  });
  const run = runCli(["notifications", "--json"], { cwd: app });
  assert.equal(run.status, 1);
  assert.equal(jsonOf(run).problems[0].code, "ERR_NOTIFICATION_INVALID_DEFINITION");
  assert.equal(runCli(["notifications", "--type", "a..b"], { cwd: app }).status, 2);
});

test("plughooks notifications does not import a denied package's module", () => {
  const app = makeApp({
    root: { name: "svc" },
    packages: [
      {
        name: "acme-types",
        entryPoints: { "plughooks.notification_types": { t: "./types.js" } },
        files: { "types.js": "throw new Error('imported although denied');" },
      },
    ],
  });
  const run = runCli(["notifications", "--json"], {
    cwd: app,
    env: { PLUGHOOKS_DENY: "acme-types" },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(jsonOf(run).skipped, ["acme-types"]);
});

test("plughooks notifications applies the lock: a declaring module the lock does not approve is not imported, and is reported", () => {
  const app = makeApp({
    root: { name: "svc" },
    packages: [
      {
        name: "acme-types",
        entryPoints: { "plughooks.notification_types": { t: "./types.js" } },
        files: { "types.js": "throw new Error('imported although locked out');" },
      },
    ],
  });
  writeFile(join(app, "plughooks.lock.json"), serializeLock([], {}));
  const run = runCli(["notifications", "--json"], { cwd: app });
  assert.equal(run.status, 1, run.stderr);
  const doc = jsonOf(run);
  assert.deepEqual(
    doc.problems.map((p: { code: string; package: string }) => `${p.code} ${p.package}`),
    ["ERR_PLUGIN_LOCKED_OUT acme-types"],
  );
  assert.deepEqual(doc.types, []);
  // The text view says the same on standard error, one line per problem.
  const text = runCli(["notifications"], { cwd: app });
  assert.equal(text.status, 1);
  assert.match(text.stderr, /^plughooks notifications: ERR_PLUGIN_LOCKED_OUT .*acme-types/m);
});

test("plughooks notifications --json stays valid JSON when a declaring module prints while it loads", () => {
  const app = makeApp({
    root: {
      name: "chatty-service",
      entryPoints: { "plughooks.notification_types": { t: "./types.js" } },
      files: { "types.js": `console.log("hello from the module");\n${TYPES}` },
    },
  });
  linkDir(repositoryRoot(), join(app, "node_modules", "plughooks"));
  const run = runCli(["notifications", "--json"], { cwd: app });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(jsonOf(run).types.length, 2);
  assert.match(run.stderr, /hello from the module/);
});

test("plughooks notifications prints escaped text: a description cannot steer the terminal", () => {
  const app = makeApp({
    root: {
      name: "odd-service",
      entryPoints: { "plughooks.notification_types": { t: "./types.js" } },
      files: {
        "types.js": `import { defineNotification, jsonSchema } from "plughooks/notifications";
export default defineNotification({ type: "volume.attach", version: "1.0", description: "A\\u001b[2Jvolume",
  schema: jsonSchema({ type: "object" }), sample: {} });`,
      },
    },
  });
  linkDir(repositoryRoot(), join(app, "node_modules", "plughooks"));
  const run = runCli(["notifications", "--schemas"], { cwd: app });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(!run.stdout.includes("\u001b"), run.stdout);
  assert.match(run.stdout, /A\\u001b\[2Jvolume/);
});
