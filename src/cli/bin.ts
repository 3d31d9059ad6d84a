#!/usr/bin/env node
// The `plughooks` executable (package.json "bin"). All logic lives in main.ts.
import { processIO } from "./io.js";
import { main } from "./main.js";

// `plughooks list | head -1`: a closed pipe ends the command quietly, as it does for ls.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const status = await main(process.argv.slice(2), processIO());
process.exitCode = status;
// Exit explicitly once both streams are flushed: show, doctor and check import plugins, and
// a plugin that starts a timer or opens a socket at load must not keep the command running.
process.stdout.write("", () => process.stderr.write("", () => process.exit(status)));
