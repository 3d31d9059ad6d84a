/**
 * The `plughooks` command line. Not part of the library's import graph: nothing outside
 * src/cli/ imports from here.
 *
 * @module
 */

export { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError } from "./exit-codes.js";
export { type CliIO, processIO } from "./io.js";
export { COMMANDS, main } from "./main.js";
