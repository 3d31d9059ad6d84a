#!/usr/bin/env node
// The `plughooks` executable (package.json "bin"). All logic lives in main.ts.
import { describeThrown } from "../text/describe-thrown.js";
import { printable } from "../text/printable.js";
import { EXIT_INTERNAL } from "./exit-codes.js";
import { processIO } from "./io.js";
import { main } from "./main.js";
import { firstLine } from "./problems.js";

// `plughooks list | head -1`: a closed pipe ends the command quietly, as it does for ls.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.exit(EXIT_INTERNAL);
  });
}

// What escapes main (a plugin's stray asynchronous throw while show or doctor loads it)
// ends the command with the internal-error status: Node's own exit 1 would read as
// "problems found".
const crash = (error: unknown) => {
  process.stderr.write(
    `plughooks: internal error: ${printable(firstLine(describeThrown(error)))}\n`,
  );
  process.exit(EXIT_INTERNAL);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

const status = await main(process.argv.slice(2), processIO());
process.exitCode = status;
// Exit explicitly once both streams are flushed: show, doctor and check import plugins, and
// a plugin that starts a timer or opens a socket at load must not keep the command running.
process.stdout.write("", () => process.stderr.write("", () => process.exit(status)));
