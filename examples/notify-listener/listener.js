// A demo listener service, written against instance.resize.end 1.0: it accepts the 1.1
// notifications the emitter sends (same major, higher minor) and would reject a 2.0 with
// ERR_NOTIFICATION_UNSUPPORTED_VERSION. Prints {"ready":true} once consuming, then a JSON
// summary after `expect` distinct notifications (or on SIGTERM).
//
//   PLUGHOOKS_NOTIFICATION_URL=amqp://guest:guest@127.0.0.1:5672 \
//     node examples/notify-listener/listener.js [expect] [received-ids-file]
import { writeFileSync } from "node:fs";
import { listenAmqp } from "@plughooks/notify-amqp";
import { ResizeEndV1_0 } from "notify-emitter/notifications";
import { createListener } from "plughooks/notifications";

const expect = Number(process.argv[2] ?? Number.POSITIVE_INFINITY);
const idsFile = process.argv[3];
const ids = new Set();
const versions = {};
let received = 0;

const listener = createListener({ logger: console }).on(ResizeEndV1_0, (event) => {
  received++;
  ids.add(event.id); // at least once: a redelivered notification has the same id
  versions[event.payloadversion] = (versions[event.payloadversion] ?? 0) + 1;
  if (ids.size >= expect) void finish();
});
const consumer = listenAmqp(listener, {
  url: process.env.PLUGHOOKS_NOTIFICATION_URL,
  logger: console,
  name: "notify-listener",
});
await consumer.ready;
console.log(JSON.stringify({ ready: true }));

let finishing = false;
async function finish() {
  if (finishing) return;
  finishing = true;
  await consumer.close();
  if (idsFile) writeFileSync(idsFile, [...ids].join("\n"));
  console.log(
    JSON.stringify({
      received,
      unique: ids.size,
      versions,
      listener: listener.stats(),
      consumer: consumer.stats(),
    }),
  );
}
process.once("SIGTERM", () => void finish());
