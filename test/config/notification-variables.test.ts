import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ENVIRONMENT_VARIABLES,
  NOTIFICATION_VARIABLES,
  notificationVariables,
} from "../../src/config/index.js";

test("notificationVariables reads the PLUGHOOKS_NOTIFICATION_* variables: a list, a URL, a policy, a file", () => {
  assert.deepEqual(
    notificationVariables({
      PLUGHOOKS_NOTIFICATION_DRIVERS: " amqp, ,log ",
      PLUGHOOKS_NOTIFICATION_URL: " amqp://u:p@mq:5672/v ",
      PLUGHOOKS_NOTIFICATION_INVALID: "DROP",
      PLUGHOOKS_NOTIFICATION_ROUTING: "ops/routing.json",
    }),
    {
      drivers: ["amqp", "log"],
      url: "amqp://u:p@mq:5672/v",
      invalidPayload: "drop",
      routing: "ops/routing.json",
    },
  );
  const blank = {
    drivers: undefined,
    url: undefined,
    invalidPayload: undefined,
    routing: undefined,
  };
  assert.deepEqual(notificationVariables({}), blank);
  assert.deepEqual(
    notificationVariables({
      PLUGHOOKS_NOTIFICATION_DRIVERS: " ",
      PLUGHOOKS_NOTIFICATION_URL: "",
      PLUGHOOKS_NOTIFICATION_INVALID: " ",
      PLUGHOOKS_NOTIFICATION_ROUTING: "",
    }),
    blank,
    "blank is unset, so the options in code apply",
  );
});

test("a PLUGHOOKS_NOTIFICATION_INVALID it cannot read is refused with ERR_INVALID_OPTION naming the variable", () => {
  assert.throws(
    () => notificationVariables({ PLUGHOOKS_NOTIFICATION_INVALID: "maybe" }),
    (e: unknown) =>
      (e as { code?: string }).code === "ERR_INVALID_OPTION" &&
      (e as Error).message.includes("PLUGHOOKS_NOTIFICATION_INVALID"),
  );
});

test("the notification variables are in the one list of PLUGHOOKS_* variables", () => {
  for (const name of Object.values(NOTIFICATION_VARIABLES))
    assert.ok((ENVIRONMENT_VARIABLES as readonly string[]).includes(name), name);
});
