// A real RabbitMQ broker (started by this file, stopped after it): an emitter process and a
// listener process, as in production; the listener reads an older minor version. Then a
// malformed message and a wrong password, against the same broker.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type AmqpDriverStats, listenAmqp } from "@plughooks/notify-amqp";
import amqp from "amqplib";
import {
  createListener,
  createNotifier,
  defineNotification,
  jsonSchema,
} from "plughooks/notifications";
import { tempDir } from "../../helpers/fixtures.js";
import { recordingLogger } from "../../helpers/logger.js";
import { closedPort, repoRoot, startBroker, type TestBroker } from "../helpers/broker.js";

let broker: TestBroker;
before(() => {
  broker = startBroker();
});
after(() => broker?.stop());

/** Runs a node script, resolving its stdout lines when it exits 0. */
function runNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  onLine?: (line: string) => void,
) {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  let rest = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      onLine?.(line);
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<string[]>((resolve, reject) => {
    child.on("exit", (code) =>
      code === 0 ? resolve(lines) : reject(new Error(`${script} exited ${code}: ${stderr}`)),
    );
  });
  return { child, done };
}

test("an emitter process sends versioned notifications through RabbitMQ; a listener process receives every confirmed one", async () => {
  const root = repoRoot();
  const dir = tempDir();
  const count = 2000;
  const env = {
    PLUGHOOKS_NOTIFICATION_DRIVERS: "amqp",
    PLUGHOOKS_NOTIFICATION_URL: broker.url,
  };
  let ready: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const listener = runNode(
    join(root, "examples/notify-listener/listener.js"),
    [String(count), join(dir, "received")],
    env,
    (line) => line.includes('"ready"') && ready(),
  );
  await listening;
  const emitter = runNode(
    join(root, "examples/notify-emitter/emitter.js"),
    [String(count), join(dir, "confirmed")],
    env,
  );
  const emitted = JSON.parse((await emitter.done).at(-1) as string);
  const received = JSON.parse((await listener.done).at(-1) as string);
  console.log(
    `end-to-end: emitted ${emitted.emitted}, confirmed ${emitted.confirmed}, received ${received.unique} distinct (${received.received} deliveries)`,
  );
  assert.equal(emitted.confirmed, count);
  assert.equal(emitted.failed, 0);
  const confirmed = new Set(readFileSync(join(dir, "confirmed"), "utf8").split("\n"));
  const got = new Set(readFileSync(join(dir, "received"), "utf8").split("\n"));
  assert.equal(confirmed.size, count);
  assert.deepEqual(
    [...confirmed].filter((id) => !got.has(id)),
    [],
  );
  // The listener is written against 1.0 and accepted the 1.1 the emitter sent.
  assert.deepEqual(received.versions, { "1.1": count });
  assert.equal(received.listener.rejected, 0);
});

const Ping = defineNotification({
  type: "service.ping",
  version: "1.0",
  schema: jsonSchema<{ n: number }>({
    type: "object",
    properties: { n: { type: "integer" } },
    required: ["n"],
  }),
  sample: { n: 1 },
});

test("a malformed message reaching the listener is rejected once (not requeued), and the next one is handled", async () => {
  const queue = "plughooks.test.malformed";
  const logger = recordingLogger();
  const handled: number[] = [];
  const listener = createListener({ logger }).on(Ping, (e) => void handled.push(e.data.n));
  const consumer = listenAmqp(listener, { url: broker.url, queue, logger });
  await consumer.ready;
  const connection = await amqp.connect(broker.url);
  const channel = await connection.createConfirmChannel();
  const raw = (content: string) =>
    new Promise<void>((resolve, reject) =>
      channel.publish(
        "plughooks.notifications",
        "service.ping",
        Buffer.from(content),
        { persistent: true },
        (e: unknown) => (e ? reject(e) : resolve()),
      ),
    );
  await raw("this is not a CloudEvent");
  await raw(
    JSON.stringify({
      specversion: "1.0",
      type: "service.ping",
      source: "s",
      id: "x",
      time: "2026-12-01T00:00:00Z",
      payloadversion: "9.0",
      priority: "info",
      data: {},
    }),
  );
  const notifier = await createNotifier({
    source: "test",
    env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "amqp", PLUGHOOKS_NOTIFICATION_URL: broker.url },
    driverOptions: { amqp: { queue } },
  });
  await notifier.emit(Ping, { n: 42 });
  await notifier.close();
  for (let i = 0; i < 100 && handled.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  await consumer.close();
  assert.deepEqual(handled, [42]);
  const codes = logger.at("warn").map((line) => /\[(ERR_[A-Z_]+)\]/.exec(line)?.[1]);
  assert.deepEqual(codes, ["ERR_NOTIFICATION_MALFORMED", "ERR_NOTIFICATION_UNSUPPORTED_VERSION"]);
  assert.deepEqual(consumer.stats(), { acked: 1, rejected: 2, requeued: 0, reconnects: 0 });
  // Nothing is left to be redelivered forever.
  const { messageCount } = await channel.checkQueue(queue);
  assert.equal(messageCount, 0);
  await connection.close();
});

test("a wrong password is logged with the URL redacted; the password is never printed", async () => {
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "test",
    logger,
    env: {
      PLUGHOOKS_NOTIFICATION_DRIVERS: "amqp",
      PLUGHOOKS_NOTIFICATION_URL: broker.urlWith("guest", "Sup3r-Secret"),
    },
    driverOptions: { amqp: { backoff: { initialDelay: 50, maxDelay: 100 }, closeTimeout: 300 } },
  });
  const emit = notifier.emit(Ping, { n: 1 }).catch((e: { code?: string; message: string }) => e);
  for (let i = 0; i < 100 && logger.at("warn").length < 2; i++)
    await new Promise((r) => setTimeout(r, 50));
  await notifier.close();
  const error = (await emit) as { code?: string; message: string };
  assert.equal(error.code, "ERR_NOTIFICATION_CLOSED");
  const lines = logger.lines.map((l) => l.message);
  assert.match(
    lines.join("\n"),
    /\[ERR_NOTIFICATION_CONNECTION\] cannot connect to amqp:\/\/\*\*\*@127\.0\.0\.1:\d+.*ACCESS.REFUSED/,
  );
  assert.ok(!`${lines.join("\n")}\n${error.message}`.includes("Sup3r-Secret"));
});

// ---- Faults ---------------------------------------------------------------------------------

const amqpStats = (notifier: { stats(): { drivers: Record<string, unknown> } }) =>
  notifier.stats().drivers.amqp as AmqpDriverStats;
const waitFor = async (what: string, check: () => boolean, ms = 20_000) => {
  for (const start = Date.now(); !check(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() - start > ms) assert.fail(`timed out waiting for ${what}`);
  }
};

test("a refused connection at start: emit() waits, retries are logged redacted, close() rejects what was never confirmed", async () => {
  const port = await closedPort();
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "test",
    logger,
    env: {
      PLUGHOOKS_NOTIFICATION_DRIVERS: "amqp",
      PLUGHOOKS_NOTIFICATION_URL: `amqp://app:Refused-Secret@127.0.0.1:${port}/`,
    },
    driverOptions: { amqp: { backoff: { initialDelay: 20, maxDelay: 100 }, closeTimeout: 200 } },
  });
  let settled = false;
  const emit = notifier.emit(Ping, { n: 1 }).then(
    () => assert.fail("nothing confirmed it"),
    (e: { code?: string }) => {
      settled = true;
      return e;
    },
  );
  await waitFor("three refused attempts", () => (amqpStats(notifier).connectFailures ?? 0) >= 3);
  assert.equal(settled, false, "emit() waits while the broker cannot be reached");
  await notifier.close();
  assert.equal((await emit).code, "ERR_NOTIFICATION_CLOSED");
  assert.equal(amqpStats(notifier).abandoned, 1);
  const text = logger.lines.map((l) => l.message).join("\n");
  assert.match(
    text,
    new RegExp(
      `\\[ERR_NOTIFICATION_CONNECTION\\] cannot connect to amqp://\\*\\*\\*@127\\.0\\.0\\.1:${port}/.*ECONNREFUSED`,
    ),
  );
  assert.match(text, /\[ERR_NOTIFICATION_CLOSED\] 1 notification\(s\) not confirmed/);
  assert.ok(!text.includes("Refused-Secret"));
});

test("the broker is killed mid-stream and restarted: the driver reconnects and nothing confirmed is lost", async () => {
  const queue = "plughooks.test.crash";
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "test",
    logger,
    env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "amqp", PLUGHOOKS_NOTIFICATION_URL: broker.url },
    driverOptions: { amqp: { queue, backoff: { initialDelay: 100, maxDelay: 1000 } } },
  });
  const total = 3000;
  const confirmed = new Set<string>();
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let restarted: Promise<void> | undefined;
  for (let n = 0; n < total; n++) {
    const emit = notifier.emit(Ping, { n }).then(
      (r) => void confirmed.add(r.id),
      (e: { code?: string }) => void failures.push(String(e.code)),
    );
    inFlight.add(emit);
    void emit.finally(() => inFlight.delete(emit));
    if (inFlight.size >= 200) await Promise.race(inFlight);
    if (restarted === undefined && confirmed.size >= 1000) {
      broker.kill(); // SIGKILL: no goodbye to the clients
      restarted = broker.restart();
    }
  }
  await Promise.all(inFlight);
  await restarted;
  const stats = amqpStats(notifier);
  await notifier.close();
  // Read everything back from the durable queue.
  const received = new Set<string>();
  let deliveries = 0;
  const listener = createListener().onPattern("#", (e) => {
    deliveries++;
    received.add(e.id);
  });
  const consumer = listenAmqp(listener, { url: broker.url, queue, logger });
  await waitFor("every confirmed notification", () =>
    [...confirmed].every((id) => received.has(id)),
  );
  await consumer.close();
  console.log(
    `broker crash: emitted ${total}, confirmed ${confirmed.size}, republished ${stats.republished}, reconnects ${stats.reconnects}, received ${received.size} distinct (${deliveries} deliveries), failed ${failures.length}`,
  );
  assert.ok(stats.reconnects >= 1, "the driver reconnected");
  assert.ok(stats.republished >= 1, "unconfirmed notifications were published again");
  assert.deepEqual(failures, []);
  assert.equal(confirmed.size, total);
  assert.deepEqual(
    [...confirmed].filter((id) => !received.has(id)),
    [],
  );
});

test("a blocked broker (memory alarm): emit() waits in the bounded outbox, overflow is refused and counted, unblocking delivers", async () => {
  const logger = recordingLogger();
  const notifier = await createNotifier({
    source: "test",
    logger,
    env: { PLUGHOOKS_NOTIFICATION_DRIVERS: "amqp", PLUGHOOKS_NOTIFICATION_URL: broker.url },
    driverOptions: { amqp: { queue: "plughooks.test.blocked", maxOutbox: 100 } },
  });
  await notifier.emit(Ping, { n: 0 }); // a publishing connection: the broker tells it when it blocks
  broker.ctl("set_vm_memory_high_watermark", "0");
  const accepted: Promise<unknown>[] = [];
  let confirmedWhileBlocked = 0;
  accepted.push(notifier.emit(Ping, { n: 1 }).then(() => confirmedWhileBlocked++));
  try {
    await waitFor("connection.blocked", () => amqpStats(notifier).blocked === 1);
    const rejected: string[] = [];
    for (let n = 0; n < 150; n++) {
      accepted.push(
        notifier.emit(Ping, { n }).then(
          () => confirmedWhileBlocked++,
          (e: { code?: string }) => void rejected.push(String(e.code)),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 500));
    const stats = amqpStats(notifier);
    console.log(
      `blocked broker: 151 emitted while blocked, ${stats.waiting + stats.inFlight} waiting in the outbox (bound 100), ${rejected.length} refused, ${confirmedWhileBlocked} confirmed`,
    );
    assert.equal(stats.waiting + stats.inFlight, 100);
    assert.equal(rejected.length, 51);
    assert.ok(rejected.every((c) => c === "ERR_NOTIFICATION_OUTBOX_FULL"));
    assert.equal(stats.dropped, 51);
    assert.equal(confirmedWhileBlocked, 0);
    assert.equal(
      logger.at("warn").filter((l) => l.includes("[ERR_NOTIFICATION_OUTBOX_FULL] dropped")).length,
      51,
    );
  } finally {
    broker.ctl("set_vm_memory_high_watermark", "0.4");
  }
  await Promise.all(accepted);
  assert.equal(confirmedWhileBlocked, 100);
  assert.equal(amqpStats(notifier).blocked, 0);
  await notifier.close();
});
