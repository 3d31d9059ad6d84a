/**
 * Deno refuses a missing permission by throwing `NotCapable` from process.env, node:fs and
 * node:os. plughooks turns that into ERR_RUNTIME_PERMISSION naming the flag (the Deno cell
 * of the compatibility suite checks it under the real Deno; here, the same error shape).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { PlughooksError } from "../../src/errors/index.js";
import { createHooks } from "../../src/index.js";
import { ifPermitted, withPermission } from "../../src/runtime/permissions.js";

/** What Deno 2 throws for a missing permission. */
function notCapable(message: string): Error {
  const error = new Error(message);
  error.name = "NotCapable";
  return error;
}

test("[runtime] an environment the runtime refuses fails createHooks with ERR_RUNTIME_PERMISSION naming --allow-env", () => {
  const refused = notCapable('Requires env access to "PLUGHOOKS_ALLOW"');
  const env = new Proxy({} as Record<string, string | undefined>, {
    get() {
      throw refused;
    },
  });
  assert.throws(
    () => createHooks({ group: "nova.hooks", env }),
    (error: unknown) => {
      assert.ok(error instanceof PlughooksError);
      assert.equal(error.code, "ERR_RUNTIME_PERMISSION");
      assert.match(error.message, /--allow-env/);
      assert.equal(error.cause, refused, "the runtime's own error is kept as the cause");
      return true;
    },
  );
});

test("[runtime] withPermission names the flag for a refusal and passes every other error unchanged", () => {
  assert.equal(
    withPermission("--allow-read", "read x", () => 42),
    42,
  );
  assert.throws(
    () =>
      withPermission("--allow-read", "read the application's package.json", () => {
        throw notCapable("Requires read access");
      }),
    { code: "ERR_RUNTIME_PERMISSION", message: /--allow-read/ },
  );
  // Deno 1 named it PermissionDenied.
  const old = new Error("Requires read access");
  old.name = "PermissionDenied";
  assert.throws(
    () =>
      withPermission("--allow-read", "read", () => {
        throw old;
      }),
    {
      code: "ERR_RUNTIME_PERMISSION",
    },
  );
  const other = Object.assign(new Error("EACCES"), { code: "EACCES" });
  assert.throws(
    () =>
      withPermission("--allow-read", "read", () => {
        throw other;
      }),
    (error: unknown) => error === other,
  );
});

test("[runtime] ifPermitted gives undefined for a refusal, and rethrows anything else", () => {
  assert.equal(
    ifPermitted(() => "/home/u"),
    "/home/u",
  );
  assert.equal(
    ifPermitted(() => {
      throw notCapable('Requires sys access to "homedir"');
    }),
    undefined,
  );
  assert.throws(
    () =>
      ifPermitted(() => {
        throw new TypeError("bug");
      }),
    TypeError,
  );
});
