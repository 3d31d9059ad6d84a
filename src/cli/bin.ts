#!/usr/bin/env node
// The `plughooks` executable (package.json "bin"). All logic lives in main.ts.
import { processIO } from "./io.js";
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2), processIO());
