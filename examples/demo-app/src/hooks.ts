import { createHooks, type Logger } from "plughooks";

/** Prints plughooks' own messages in the demo's voice. */
const logger: Logger = {
  debug: (message) => console.log(`  (plughooks) ${message}`),
  info: (message) => console.log(`  (plughooks) ${message}`),
  warn: (message) => console.log(`  (plughooks warning) ${message}`),
  error: (message) => console.log(`  (plughooks error) ${message.split("\n")[0]}`),
};

// The application's hook registry: plugins declare their hooks in the "nova.hooks" group.
// root: import.meta.url makes this package the root of discovery wherever the process starts.
export const hooks = createHooks({ group: "nova.hooks", root: import.meta.url, logger });
