import assert from "node:assert/strict";
import { test } from "node:test";
import { PlughooksError } from "../../src/errors/index.js";
import {
  compilePattern,
  createMemoryDriver,
  createNotifier,
  defineNotification,
  jsonSchema,
  parseCloudEvent,
} from "../../src/notifications/index.js";

const Ping = defineNotification({
  type: "service.ping",
  version: "2.3",
  priority: "debug",
  schema: jsonSchema<{ n: number }>({
    type: "object",
    properties: { n: { type: "integer" } },
    required: ["n"],
  }),
  sample: { n: 1 },
});

test("an emitted notification is a CloudEvents 1.0 structured-mode event with version and priority attributes", async () => {
  const memory = createMemoryDriver();
  const notifier = await createNotifier({
    source: "//compute/host-12",
    drivers: [memory],
    env: {},
  });
  const { id, delivered } = await notifier.emit(Ping, { n: 7 }, { priority: "warn" });
  assert.equal(delivered, true);
  const body = JSON.parse(memory.bodies[0] as string);
  assert.deepEqual(Object.keys(body).sort(), [
    "data",
    "datacontenttype",
    "dataschema",
    "id",
    "payloadversion",
    "priority",
    "source",
    "specversion",
    "time",
    "type",
  ]);
  assert.equal(body.specversion, "1.0");
  assert.equal(body.type, "service.ping");
  assert.equal(body.source, "//compute/host-12");
  assert.equal(body.id, id);
  assert.equal(body.datacontenttype, "application/json");
  assert.equal(body.dataschema, "urn:plughooks:notification:service.ping:2.3");
  assert.equal(body.payloadversion, "2.3");
  assert.equal(body.priority, "warn");
  assert.deepEqual(body.data, { n: 7 });
  assert.ok(Math.abs(Date.parse(body.time) - Date.now()) < 60_000);
  // CloudEvents attribute names: lowercase letters and digits only.
  for (const name of Object.keys(body)) assert.match(name, /^[a-z0-9]+$/);
  assert.deepEqual(parseCloudEvent(memory.bodies[0] as string), body);
});

test("parseCloudEvent refuses what is not a well-formed notification, with one code", () => {
  const good = {
    specversion: "1.0",
    type: "a.b",
    source: "s",
    id: "1",
    time: "2026-12-01T10:00:00Z",
    datacontenttype: "application/json",
    dataschema: "urn:x",
    payloadversion: "1.0",
    priority: "info",
    data: {},
  };
  assert.equal(parseCloudEvent(JSON.stringify(good)).id, "1");
  assert.equal(parseCloudEvent(Buffer.from(JSON.stringify(good))).id, "1");
  const bad = [
    "not json",
    "[]",
    JSON.stringify({ ...good, specversion: "0.3" }),
    JSON.stringify({ ...good, type: "a b" }),
    JSON.stringify({ ...good, id: "" }),
    JSON.stringify({ ...good, time: "yesterday" }),
    JSON.stringify({ ...good, payloadversion: "1" }),
    JSON.stringify({ ...good, priority: "urgent" }),
    JSON.stringify({ ...good, datacontenttype: "text/xml" }),
    JSON.stringify({ ...good, data: undefined }),
  ];
  for (const text of bad) {
    assert.throws(
      () => parseCloudEvent(text),
      (e: unknown) => e instanceof PlughooksError && e.code === "ERR_NOTIFICATION_MALFORMED",
      text,
    );
  }
});

test("event-type patterns follow AMQP topic rules: * is one word, # is zero or more", () => {
  const cases: [string, string, boolean][] = [
    ["instance.*.end", "instance.resize.end", true],
    ["instance.*.end", "instance.resize.confirm.end", false],
    ["instance.#", "instance", true],
    ["instance.#", "instance.resize.end", true],
    ["#.end", "instance.resize.end", true],
    ["#", "anything.at.all", true],
    ["instance.resize.end", "instance.resize.start", false],
    ["*", "a.b", false],
  ];
  for (const [pattern, type, expected] of cases)
    assert.equal(compilePattern(pattern)(type), expected, `${pattern} ~ ${type}`);
});
