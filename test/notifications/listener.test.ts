import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import {
  type CloudEvent,
  createListener,
  createMemoryDriver,
  createNotifier,
  defineNotification,
  jsonSchema,
} from "../../src/notifications/index.js";
import { recordingLogger } from "../helpers/logger.js";

const shape = {
  type: "object",
  properties: { id: { type: "string" } },
  required: ["id"],
  additionalProperties: false,
};
const V1_0 = defineNotification({
  type: "instance.delete.end",
  version: "1.0",
  schema: jsonSchema<{ id: string }>(shape),
  sample: { id: "a" },
});
const V1_3 = defineNotification({
  type: "instance.delete.end",
  version: "1.3",
  previous: V1_0,
  schema: jsonSchema<{ id: string; host?: string }>({
    ...shape,
    properties: { ...shape.properties, host: { type: "string" } },
  }),
  sample: { id: "a", host: "h1" },
});
const V2_0 = defineNotification({
  type: "instance.delete.end",
  version: "2.0",
  schema: z.object({ uuid: z.string() }),
  sample: { uuid: "u" },
});

async function bodiesOf(
  ...emits: [typeof V1_0 | typeof V1_3 | typeof V2_0, unknown][]
): Promise<string[]> {
  const memory = createMemoryDriver();
  const notifier = await createNotifier({ source: "compute", drivers: [memory], env: {} });
  for (const [type, payload] of emits)
    await notifier.emit(type as typeof V1_0, payload as { id: string });
  return [...memory.bodies];
}

test("a listener accepts the same major with a higher minor, keeping the new fields, and a lower minor", async () => {
  const [newer, older] = await bodiesOf([V1_3, { id: "a", host: "h1" }], [V1_0, { id: "b" }]);
  const seen: CloudEvent<{ id: string }>[] = [];
  const listener = createListener().on(V1_0, (event) => void seen.push(event));
  assert.equal((await listener.handle(newer as string)).status, "handled");
  assert.deepEqual(seen[0]?.data, { id: "a", host: "h1" });
  assert.equal(seen[0]?.payloadversion, "1.3");
  const reader13 = createListener().on(V1_3, () => {});
  assert.equal((await reader13.handle(older as string)).status, "handled");
});

test("an unknown major version is rejected with ERR_NOTIFICATION_UNSUPPORTED_VERSION, and logged", async () => {
  const [v2] = await bodiesOf([V2_0, { uuid: "u1" }]);
  const logger = recordingLogger();
  let called = false;
  const listener = createListener({ logger }).on(V1_3, () => {
    called = true;
  });
  const outcome = await listener.handle(v2 as string);
  assert.equal(outcome.status, "rejected");
  assert.equal(
    outcome.status === "rejected" && outcome.error.code,
    "ERR_NOTIFICATION_UNSUPPORTED_VERSION",
  );
  assert.equal(called, false);
  assert.match(
    logger.at("warn")[0] ?? "",
    /ERR_NOTIFICATION_UNSUPPORTED_VERSION.*instance.delete.end 2.0 from compute.*knows major version 1.3 only/,
  );
  // Subscribing to both majors accepts both.
  const both = createListener()
    .on(V1_3, () => {})
    .on(V2_0, () => {});
  assert.equal((await both.handle(v2 as string)).status, "handled");
});

test("a malformed message or an invalid payload is rejected with its code, never handled", async () => {
  const [good] = await bodiesOf([V1_0, { id: "a" }]);
  const listener = createListener({ logger: recordingLogger() }).on(V1_0, () =>
    assert.fail("must not run"),
  );
  const tampered = JSON.stringify({ ...JSON.parse(good as string), data: { id: 42 } });
  const codes = [];
  for (const body of [
    "{not json",
    Buffer.from([0xff, 0xfe, 0x00]),
    JSON.stringify({ hello: "world" }),
    tampered,
  ]) {
    const outcome = await listener.handle(body);
    codes.push(outcome.status === "rejected" ? outcome.error.code : outcome.status);
  }
  assert.deepEqual(codes, [
    "ERR_NOTIFICATION_MALFORMED",
    "ERR_NOTIFICATION_MALFORMED",
    "ERR_NOTIFICATION_MALFORMED",
    "ERR_NOTIFICATION_INVALID_PAYLOAD",
  ]);
  assert.deepEqual(listener.stats(), {
    received: 4,
    handled: 0,
    ignored: 0,
    rejected: 4,
    failed: 0,
  });
});

test("pattern subscriptions get every matching type; a message nobody wants is ignored; a throwing handler fails", async () => {
  const [a] = await bodiesOf([V1_0, { id: "a" }]);
  const types: string[] = [];
  const listener = createListener({ logger: recordingLogger() })
    .onPattern("instance.#", (e) => void types.push(e.type))
    .onPattern("volume.*", () => assert.fail("must not run"));
  assert.equal((await listener.handle(a as string)).status, "handled");
  assert.deepEqual(types, ["instance.delete.end"]);
  assert.equal(
    (
      await createListener()
        .onPattern("volume.#", () => {})
        .handle(a as string)
    ).status,
    "ignored",
  );
  const failing = createListener({ logger: recordingLogger() }).on(V1_0, () => {
    throw new Error("handler bug");
  });
  const outcome = await failing.handle(a as string);
  assert.equal(outcome.status, "failed");
  assert.deepEqual(
    createListener()
      .on(V1_0, () => {})
      .onPattern("a.*", () => {}).patterns,
    ["instance.delete.end", "a.*"],
  );
});

test("the memory driver feeds a listener in the same process (an application's own tests)", async () => {
  const memory = createMemoryDriver();
  const got: string[] = [];
  const listener = createListener().on(V1_0, (e) => void got.push(e.data.id));
  memory.subscribe((body) => listener.handle(body));
  const notifier = await createNotifier({ source: "s", drivers: [memory], env: {} });
  await notifier.emit(V1_0, { id: "x1" });
  await notifier.emit(V1_0, { id: "x2" });
  assert.deepEqual(got, ["x1", "x2"]);
});
