// A demo emitter service: emits `count` instance.resize.end 1.1 notifications, keeping up to
// 200 in flight, then closes (which flushes the outbox) and prints a JSON summary.
//
//   PLUGHOOKS_NOTIFICATION_DRIVERS=amqp PLUGHOOKS_NOTIFICATION_URL=amqp://guest:guest@127.0.0.1:5672 \
//     node examples/notify-emitter/emitter.js 1000 [confirmed-ids-file]
import { writeFileSync } from "node:fs";
import { createNotifier } from "plughooks/notifications";
import { ResizeEnd } from "./notifications.js";

const count = Number(process.argv[2] ?? 10);
const idsFile = process.argv[3];
const notifier = await createNotifier({
  source: "compute/host-12",
  root: import.meta.url,
  logger: console,
  driverOptions: { amqp: { backoff: { initialDelay: 100, maxDelay: 1000 } } },
});

const confirmed = [];
let failed = 0;
const inFlight = new Set();
for (let i = 0; i < count; i++) {
  const emit = notifier
    .emit(ResizeEnd, {
      instanceId: `instance-${i}`,
      host: "compute-12",
      newFlavor: { name: "m1.large", vcpus: 4, ramMb: 8192 },
      oldFlavor: { name: "m1.small", vcpus: 1, ramMb: 2048 },
    })
    .then(
      (result) => void confirmed.push(result.id),
      (error) => {
        failed++;
        console.error(`emit failed: [${error.code}] ${error.message}`);
      },
    );
  inFlight.add(emit);
  emit.finally(() => inFlight.delete(emit));
  if (inFlight.size >= 200) await Promise.race(inFlight);
}
await Promise.all(inFlight);
await notifier.close();
if (idsFile) writeFileSync(idsFile, confirmed.join("\n"));
console.log(
  JSON.stringify({
    emitted: count,
    confirmed: confirmed.length,
    failed,
    drivers: notifier.stats().drivers,
  }),
);
