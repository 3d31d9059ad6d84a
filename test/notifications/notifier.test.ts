import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { PlughooksError } from "../../src/errors/index.js";
import { serializeLock } from "../../src/lock/index.js";
import {
  createMemoryDriver,
  createNotifier,
  defineNotification,
  jsonSchema,
  type MemoryDriver,
  redact,
} from "../../src/notifications/index.js";
import { makeApp, writeFile, writePackage } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";
import { writeLock } from "../lock/helpers.js";

const hasCode = (c: string) => (error: unknown) =>
  error instanceof PlughooksError && error.code === c;

const Created = defineNotification({
  type: "volume.create.end",
  version: "1.0",
  schema: jsonSchema<{ volume: string; size: number }>({
    type: "object",
    properties: { volume: { type: "string" }, size: { type: "integer", minimum: 1 } },
    required: ["volume", "size"],
  }),
  sample: { volume: "v1", size: 10 },
});

test("a bad payload rejects emit() in development, and is never sent", async () => {
  const memory = createMemoryDriver();
  const notifier = await createNotifier({ source: "s", drivers: [memory], env: {} });
  await assert.rejects(
    notifier.emit(Created, { volume: "v1", size: 0 }),
    hasCode("ERR_NOTIFICATION_INVALID_PAYLOAD"),
  );
  assert.equal(memory.events.length, 0);
  assert.equal(notifier.stats().invalid, 1);
});

test("in production a bad payload is a logged, counted drop; emit() resolves delivered: false", async () => {
  const memory = createMemoryDriver();
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "s",
    drivers: [memory],
    logger,
    env: { NODE_ENV: "production" },
  });
  const result = await notifier.emit(Created, { volume: "v1" } as never);
  assert.equal(result.delivered, false);
  assert.equal(memory.events.length, 0);
  assert.equal(notifier.stats().invalid, 1);
  assert.match(
    logger.at("error")[0] ?? "",
    /ERR_NOTIFICATION_INVALID_PAYLOAD.*dropped \(1 so far\).*missing required property "size"/,
  );
  // The operator can choose either policy.
  const strict = await createNotifier({
    source: "s",
    drivers: [memory],
    env: { NODE_ENV: "production", PLUGHOOKS_NOTIFICATION_INVALID: "throw" },
  });
  await assert.rejects(
    strict.emit(Created, { volume: "v1" } as never),
    hasCode("ERR_NOTIFICATION_INVALID_PAYLOAD"),
  );
  await assert.rejects(
    createNotifier({ source: "s", env: { PLUGHOOKS_NOTIFICATION_INVALID: "maybe" } }),
    hasCode("ERR_INVALID_OPTION"),
  );
});

test("PLUGHOOKS_NOTIFICATION_DRIVERS chooses the drivers; the default is noop", async () => {
  const quiet = await createNotifier({ source: "s", env: {} });
  assert.deepEqual(quiet.drivers, ["noop"]);
  assert.equal((await quiet.emit(Created, { volume: "v", size: 1 })).delivered, true);
  const logger = recordingLogger();
  const chosen = await createNotifier({
    source: "s",
    drivers: ["noop"],
    logger,
    env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "log, memory" },
  });
  assert.deepEqual(chosen.drivers, ["log", "memory"]);
  const { id } = await chosen.emit(Created, { volume: "v", size: 1 });
  assert.match(
    logger.at("info")[0] ?? "",
    new RegExp(`^notification volume.create.end 1.0 ${id}: \\{`),
  );
  assert.equal(chosen.stats().drivers.memory?.kept, 1);
});

test("emit() after close() rejects with ERR_NOTIFICATION_CLOSED; close() closes every driver", async () => {
  const memory = createMemoryDriver();
  const notifier = await createNotifier({ source: "s", drivers: [memory], env: {} });
  await notifier.close();
  await assert.rejects(
    notifier.emit(Created, { volume: "v", size: 1 }),
    hasCode("ERR_NOTIFICATION_CLOSED"),
  );
  await assert.rejects(memory.send({} as never, "{}"), hasCode("ERR_NOTIFICATION_CLOSED"));
});

test("the routing driver sends each type to the drivers whose patterns match, from a config file", async () => {
  const app = makeApp();
  writeFile(
    join(app, "routing.json"),
    JSON.stringify({ memory: ["volume.#"], log: ["instance.*.end"] }),
  );
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "s",
    root: app,
    logger,
    env: {
      PLUGHOOKS_NOTIFICATION_DRIVERS: "routing",
      PLUGHOOKS_NOTIFICATION_ROUTING: "routing.json",
    },
  });
  const Resized = defineNotification({
    type: "instance.resize.end",
    version: "1.0",
    schema: jsonSchema({}),
    sample: {},
  });
  const Other = defineNotification({
    type: "network.create",
    version: "1.0",
    schema: jsonSchema({}),
    sample: {},
  });
  await notifier.emit(Created, { volume: "v", size: 1 });
  await notifier.emit(Resized, {});
  await notifier.emit(Other, {});
  assert.equal(
    logger.at("info").filter((l) => l.startsWith("notification instance.resize.end")).length,
    1,
  );
  assert.equal(logger.at("info").filter((l) => l.startsWith("notification volume")).length, 0);
  assert.deepEqual(notifier.stats().drivers.routing, { unrouted: 1 });
});

test("a bad routing file is refused with ERR_NOTIFICATION_ROUTING_CONFIG, naming the file", async () => {
  const app = makeApp();
  for (const content of [
    "{",
    "[]",
    JSON.stringify({ log: [] }),
    JSON.stringify({ log: ["a..b"] }),
    JSON.stringify({ routing: ["#"] }),
  ]) {
    writeFile(join(app, "routing.json"), content);
    await assert.rejects(
      createNotifier({
        source: "s",
        root: app,
        strict: true,
        env: {
          PLUGHOOKS_NOTIFICATION_DRIVERS: "routing",
          PLUGHOOKS_NOTIFICATION_ROUTING: "routing.json",
        },
      }),
      (e: unknown) =>
        hasCode("ERR_NOTIFICATION_ROUTING_CONFIG")(e) &&
        (e as Error).message.includes("routing.json"),
      content,
    );
  }
});

/** A driver package for entry-point loading tests. */
const driverPackage = (name: string, exportLine: string) => ({
  name,
  entryPoints: { "plughooks.notification_drivers": { tape: "./driver.js:tape" } },
  files: { "driver.js": exportLine },
});
const TAPE = `globalThis.tapeLoaded = (globalThis.tapeLoaded ?? 0) + 1;
export const tape = { create: (ctx) => ({ name: ctx.name, sent: [], async send(e) { globalThis.tapeSent = (globalThis.tapeSent ?? 0) + 1; }, async close() {} }) };`;

test("a driver is found by name through the plughooks.notification_drivers entry points", async () => {
  const app = makeApp({ packages: [driverPackage("acme-tape", TAPE)] });
  const notifier = await createNotifier({
    source: "s",
    root: app,
    index: false,
    env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" },
  });
  assert.deepEqual(notifier.drivers, ["tape"]);
  const before = (globalThis as { tapeSent?: number }).tapeSent ?? 0;
  await notifier.emit(Created, { volume: "v", size: 1 });
  assert.equal((globalThis as { tapeSent?: number }).tapeSent, before + 1);
});

/** Whether a driver module marked with `globalThis[marker] = true` was imported. */
const importedMark = (marker: string) => (globalThis as Record<string, unknown>)[marker] === true;

/** In strict mode, createNotifier rejects the "tape" driver with ERR_NOTIFICATION_DRIVER_DENIED. */
async function assertDriverRefused(
  app: string,
  options: { env: Record<string, string>; deny?: string[]; allow?: string[] },
  why: RegExp,
): Promise<void> {
  await assert.rejects(
    createNotifier({
      source: "s",
      root: app,
      index: false,
      strict: true,
      ...options,
      env: { ...options.env, PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" },
    }),
    (e: unknown) => hasCode("ERR_NOTIFICATION_DRIVER_DENIED")(e) && why.test((e as Error).message),
  );
}

test("[drivers: deny] a driver package in PLUGHOOKS_DENY (or the deny option) is never imported; strict mode rejects createNotifier", async () => {
  const app = makeApp({
    packages: [
      driverPackage("acme-tape", "globalThis.deniedImported = true; export const tape = {};"),
    ],
  });
  for (const options of [
    { env: { PLUGHOOKS_DENY: "acme-tape" } },
    { env: {}, deny: ["acme-tape"] },
  ]) {
    await assertDriverRefused(app, options, /package "acme-tape".* is denied/);
  }
  assert.equal(importedMark("deniedImported"), false);
});

test("[drivers: allow] a driver package outside PLUGHOOKS_ALLOW (or the allow option) is never imported; one inside it loads", async () => {
  const app = makeApp({
    packages: [driverPackage("acme-tape", `globalThis.notAllowedImported = true; ${TAPE}`)],
  });
  for (const options of [
    { env: { PLUGHOOKS_ALLOW: "someone-else" } },
    { env: {}, allow: ["someone-else"] },
  ]) {
    await assertDriverRefused(app, options, /package "acme-tape".* is not in the allow list/);
  }
  assert.equal(importedMark("notAllowedImported"), false);
  const allowed = await createNotifier({
    source: "s",
    root: app,
    index: false,
    strict: true,
    env: { PLUGHOOKS_ALLOW: "acme-tape", PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" },
  });
  assert.deepEqual(allowed.drivers, ["tape"]);
  assert.equal(importedMark("notAllowedImported"), true);
});

test("[drivers: identity] a folder whose package.json claims an allowed driver package's name is refused, and the genuine package's driver loads", async () => {
  // node_modules/aaa-helper says it is "acme-tape"; the genuine "acme-tape" is installed too.
  const app = makeApp({
    packages: [
      driverPackage("acme-tape", `globalThis.genuineImported = true; ${TAPE}`),
      driverPackage("aaa-helper", "export const tape = {};"),
    ],
  });
  writePackage(
    join(app, "node_modules", "aaa-helper"),
    driverPackage("acme-tape", "globalThis.impostorImported = true; export const tape = {};"),
  );
  const env = { PLUGHOOKS_ALLOW: "acme-tape", PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" };
  const notifier = await createNotifier({
    source: "s",
    root: app,
    index: false,
    strict: true,
    env,
  });
  assert.deepEqual(notifier.drivers, ["tape"]);
  assert.equal(importedMark("genuineImported"), true, "the genuine package's driver loads");
  assert.equal(importedMark("impostorImported"), false, "the impostor is never imported");

  // Alone, the impostor does not stand in for the genuine package: no such driver, and why.
  const alone = makeApp({ packages: [driverPackage("aaa-helper", "export const tape = {};")] });
  writePackage(
    join(alone, "node_modules", "aaa-helper"),
    driverPackage("acme-tape", "globalThis.impostorImported = true; export const tape = {};"),
  );
  await assert.rejects(
    createNotifier({ source: "s", root: alone, index: false, strict: true, env }),
    (e: unknown) =>
      hasCode("ERR_NOTIFICATION_DRIVER_NOT_FOUND")(e) &&
      /installed as "aaa-helper", but its package.json says it is "acme-tape"/.test(
        (e as Error).message,
      ),
  );
  assert.equal(importedMark("impostorImported"), false);
});

test("without strict mode, a driver that cannot load is logged and every send to it rejects", async () => {
  const app = makeApp({
    packages: [driverPackage("acme-broken", "export const tape = { notCreate: 1 };")],
  });
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "s",
    root: app,
    index: false,
    logger,
    env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "tape,missing" },
  });
  assert.match(
    logger.at("error")[0] ?? "",
    /\[ERR_NOTIFICATION_INVALID_DRIVER\].*package "acme-broken".*no create\(context\)/,
  );
  assert.match(
    logger.at("error")[1] ?? "",
    /\[ERR_NOTIFICATION_DRIVER_NOT_FOUND\].*no notification driver "missing"/,
  );
  await assert.rejects(
    notifier.emit(Created, { volume: "v", size: 1 }),
    hasCode("ERR_NOTIFICATION_INVALID_DRIVER"),
  );
  assert.equal(notifier.stats().failed, 1);
});

test("two packages declaring the same driver name are refused: an install cannot redirect notifications", async () => {
  const app = makeApp({ packages: [driverPackage("acme-a", TAPE), driverPackage("acme-b", TAPE)] });
  await assert.rejects(
    createNotifier({
      source: "s",
      root: app,
      index: false,
      strict: true,
      env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" },
    }),
    (e: unknown) =>
      hasCode("ERR_NOTIFICATION_INVALID_DRIVER")(e) &&
      /"acme-a" and "acme-b"/.test((e as Error).message),
  );
  const denied = await createNotifier({
    source: "s",
    root: app,
    index: false,
    strict: true,
    env: { PLUGHOOKS_DENY: "acme-b", PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" },
  });
  assert.deepEqual(denied.drivers, ["tape"]);
});

test("[drivers: lock] a lock in force that does not list the driver refuses it before import", async () => {
  const app = makeApp({
    packages: [
      driverPackage("acme-tape", "globalThis.lockedImported = true; export const tape = {};"),
    ],
  });
  writeFile(join(app, "plughooks.lock.json"), serializeLock([], {}));
  await assert.rejects(
    createNotifier({
      source: "s",
      root: app,
      index: false,
      strict: true,
      lock: true,
      env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" },
    }),
    (e: unknown) => hasCode("ERR_PLUGIN_LOCKED_OUT")(e) && /new plugin/.test((e as Error).message),
  );
  assert.equal((globalThis as { lockedImported?: boolean }).lockedImported, undefined);
});

test("[drivers: lock] a locked driver loads; a change to any file of its package after locking refuses it before import", async () => {
  const app = makeApp({
    packages: [
      {
        ...driverPackage("acme-tape", `import "./util.js"; ${TAPE}`),
        files: {
          "driver.js": `import "./util.js"; ${TAPE}`,
          "util.js": "globalThis.tapeUtil = 1;",
        },
      },
    ],
  });
  writeLock(app);
  const env = { PLUGHOOKS_NOTIFICATION_DRIVERS: "tape" };
  const locked = await createNotifier({ source: "s", root: app, index: false, strict: true, env });
  assert.deepEqual(locked.drivers, ["tape"]);
  // Only a file the driver module imports changes: the lock pins it too, as for hooks.
  writeFile(join(app, "node_modules", "acme-tape", "util.js"), "globalThis.tapeUtil = 2;");
  await assert.rejects(
    createNotifier({ source: "s", root: app, index: false, strict: true, env }),
    (e: unknown) =>
      hasCode("ERR_PLUGIN_LOCKED_OUT")(e) &&
      /changed file node_modules\/acme-tape\/util\.js/.test((e as Error).message),
  );
  assert.equal((globalThis as { tapeUtil?: number }).tapeUtil, 1, "the changed file never ran");
});

test("credentials never reach a log line or an error: URLs and password= are redacted", async () => {
  assert.equal(
    redact("connect amqp://app:s3cret@mq:5672/prod failed"),
    "connect amqp://***@mq:5672/prod failed",
  );
  assert.equal(redact("amqps://u:p@ss@host/vh"), "amqps://***@host/vh");
  assert.equal(redact("x?password=hunter2&y=1"), "x?password=***&y=1");
  const app = makeApp({
    packages: [
      driverPackage(
        "acme-leaky",
        'export const tape = { create: (ctx) => { throw new Error("cannot reach " + ctx.url); } };',
      ),
    ],
  });
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "s",
    root: app,
    index: false,
    logger,
    env: {
      PLUGHOOKS_NOTIFICATION_DRIVERS: "tape",
      PLUGHOOKS_NOTIFICATION_URL: "amqp://app:s3cret@mq:5672/prod",
    },
  });
  const error = await notifier.emit(Created, { volume: "v", size: 1 }).catch((e: Error) => e);
  assert.ok(error instanceof PlughooksError);
  assert.match(error.message, /amqp:\/\/\*\*\*@mq:5672\/prod/);
  const everything = [
    ...logger.lines.map((l) => l.message),
    error.message,
    String(error.stack),
  ].join("\n");
  assert.ok(!everything.includes("s3cret"), everything);
});

test("the memory driver delivers to a subscriber, as a broker would", async () => {
  const memory: MemoryDriver = createMemoryDriver();
  const seen: string[] = [];
  memory.subscribe((body) => seen.push(JSON.parse(body).type));
  const notifier = await createNotifier({ source: "s", drivers: [memory], env: {} });
  await notifier.emit(Created, { volume: "v", size: 1 });
  assert.deepEqual(seen, ["volume.create.end"]);
  memory.clear();
  assert.equal(memory.events.length, 0);
});
