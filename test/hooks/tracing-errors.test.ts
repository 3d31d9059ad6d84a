import assert from "node:assert/strict";
import { tracingChannel } from "node:diagnostics_channel";
import { test } from "node:test";
import { createHooks, type HookRunContext, TRACING_CHANNEL } from "../../src/index.js";
import { makeApp } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

test("[promise:tracing-error-event] the tracing error event fires for a hook error that plughooks logs and swallows", () => {
  const hooks = createHooks({ group: "g", root: makeApp(), logger: recordingLogger(), env: {} });
  hooks.register("h", {
    pre() {
      throw new Error("swallowed");
    },
  });
  const f = hooks.addHook("h")((x: number) => x + 1);
  const errors: unknown[] = [];
  const channel = tracingChannel<unknown, HookRunContext>(TRACING_CHANNEL);
  const handlers = {
    start: () => {},
    end: () => {},
    asyncStart: () => {},
    asyncEnd: () => {},
    error: (context: HookRunContext) => errors.push((context.error as Error).message),
  };
  channel.subscribe(handlers);
  try {
    assert.equal(f(1), 2, "the call went on");
  } finally {
    channel.unsubscribe(handlers);
  }
  assert.deepEqual(errors, ["swallowed"]);
});
