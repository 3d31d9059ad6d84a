import { resolve } from "node:path";
import { fs } from "../../builtins.js";
import { NOTIFICATION_VARIABLES, notificationVariables } from "../../config/index.js";
import { PlughooksError } from "../../errors/index.js";
import { compilePattern, isValidPattern } from "../pattern.js";
import type { NotificationDriver, NotificationDriverFactory } from "./types.js";

/** The environment variable naming the routing file. */
export const ROUTING_ENV = NOTIFICATION_VARIABLES.routing;

/** One route: the driver and the event-type patterns it accepts. */
export interface Route {
  readonly driver: string;
  readonly patterns: readonly string[];
}

const invalid = (file: string, why: string) =>
  new PlughooksError("ERR_NOTIFICATION_ROUTING_CONFIG", `routing file ${file}: ${why}`);

/**
 * Reads a routing file: a JSON object from driver name to the event-type patterns that go to
 * it, as oslo's routing notifier reads `driver: accepted_events`:
 * `{ "amqp": ["instance.#"], "log": ["#"] }`. An event goes to every driver with a matching
 * pattern; an event no pattern matches goes nowhere and is counted as `unrouted`.
 *
 * @throws {@link plughooks!PlughooksError} `ERR_NOTIFICATION_ROUTING_CONFIG`.
 */
export function parseRouting(text: string, file: string): Route[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(file, 'must hold an object such as { "log": ["#"] }');
  }
  const routes: Route[] = [];
  for (const [driver, patterns] of Object.entries(value)) {
    if (driver === "routing") throw invalid(file, "the routing driver cannot route to itself");
    if (!Array.isArray(patterns) || patterns.length === 0) {
      throw invalid(file, `"${driver}" must have a list of event-type patterns`);
    }
    for (const p of patterns)
      if (!isValidPattern(p))
        throw invalid(file, `"${driver}" has an invalid pattern ${JSON.stringify(p)}`);
    routes.push({ driver, patterns });
  }
  return routes;
}

/**
 * The `routing` driver: sends each event to the drivers whose patterns match its type, from
 * the file named by the `file` driver option or `PLUGHOOKS_NOTIFICATION_ROUTING` (relative to
 * the application root). `send()` resolves when every matched driver delivered.
 */
export const routingDriver: NotificationDriverFactory = {
  async create(context): Promise<NotificationDriver> {
    const given = context.options.file ?? notificationVariables(context.env).routing;
    if (typeof given !== "string" || given.trim() === "") {
      throw new PlughooksError(
        "ERR_NOTIFICATION_ROUTING_CONFIG",
        `the routing driver needs a routing file: the "file" option or ${ROUTING_ENV}`,
      );
    }
    const file = resolve(context.root ?? process.cwd(), given);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      throw invalid(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
    const routes = parseRouting(text, file);
    const targets = await Promise.all(
      routes.map(async (route) => ({
        driver: await context.createDriver(route.driver),
        matches: route.patterns.map(compilePattern),
      })),
    );
    let unrouted = 0;
    return {
      name: context.name,
      async send(event, body) {
        const chosen = targets.filter((t) => t.matches.some((m) => m(event.type)));
        if (chosen.length === 0) {
          unrouted++;
          context.logger.debug(`routing: no route for ${event.type} ${event.id}`);
          return;
        }
        await Promise.all(chosen.map((t) => t.driver.send(event, body)));
      },
      async close() {
        await Promise.all(targets.map((t) => t.driver.close()));
      },
      stats: () => ({ unrouted }),
    };
  },
};
