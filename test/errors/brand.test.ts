import assert from "node:assert/strict";
import { cpSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  createHooks,
  FatalHookError,
  isFatalHookError,
  PLUGHOOKS_ERROR,
  PlughooksError,
} from "../../src/index.js";
import { jsonOf, repositoryRoot, runCli } from "../cli/helpers.js";
import { makeApp, writePackage } from "../helpers/fixtures.js";
import { recordingLogger } from "../helpers/logger.js";

/** Installs a copy of the built package (dist/) as `<directory>/node_modules/plughooks`. */
function copyOfPlughooks(directory: string, version = "0.0.9"): string {
  const copy = join(directory, "node_modules", "plughooks");
  writePackage(copy, {
    name: "plughooks",
    version,
    exports: { ".": "./dist/index.js", "./package.json": "./package.json" },
  });
  cpSync(join(repositoryRoot(), "dist"), join(copy, "dist"), { recursive: true });
  return copy;
}

/** An app whose plugin throws FatalHookError from `pre`, imported from its OWN plughooks. */
function appWithPluginCopy(): { app: string; plugin: string } {
  const app = makeApp({
    packages: [
      {
        name: "acme-own-copy",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Stop" } },
        files: {
          "hooks.js":
            'import { FatalHookError } from "plughooks";\nexport class Stop { pre() { throw new FatalHookError("over quota"); } }\n',
        },
      },
      {
        name: "acme-shared",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Fine" } },
        files: { "hooks.js": "export class Fine { pre() {} }\n" },
      },
    ],
  });
  const plugin = join(app, "node_modules", "acme-own-copy");
  copyOfPlughooks(plugin);
  return { app, plugin };
}

test("[promise:fatal-across-copies] a FatalHookError from a plugin's own copy of plughooks stops the call", () => {
  const { app } = appWithPluginCopy();
  const logger = recordingLogger();
  const hooks = createHooks({ group: "nova.hooks", root: app, logger, env: {} });
  let ran = false;
  const resize = hooks.addHook("resize_hook")(() => {
    ran = true;
    return "resized";
  });
  assert.throws(resize, (error: unknown) => {
    // The caller can tell it is fatal with the application's own class, across copies.
    assert.ok(error instanceof FatalHookError, "instanceof holds across copies");
    assert.ok(isFatalHookError(error));
    assert.equal((error as Error).message, "over quota");
    return true;
  });
  assert.equal(ran, false, "the hooked function did not run");
  assert.match(logger.at("error")[0] ?? "", /^\[ERR_FATAL_HOOK\] /);
});

test('[promise:error-brand] every plughooks error carries the brand Symbol.for("plughooks.error") with its code', () => {
  assert.equal(PLUGHOOKS_ERROR, Symbol.for("plughooks.error"));
  const fatal = new FatalHookError("x");
  assert.equal((fatal as unknown as Record<symbol, unknown>)[PLUGHOOKS_ERROR], "ERR_FATAL_HOOK");
  assert.equal(fatal.code, "ERR_FATAL_HOOK");
  const other = new PlughooksError("ERR_INVALID_OPTION", "bad");
  assert.equal(
    (other as unknown as Record<symbol, unknown>)[PLUGHOOKS_ERROR],
    "ERR_INVALID_OPTION",
  );
  // The brand is not enumerable: JSON and spreads of errors are unchanged.
  assert.deepEqual(Object.keys(fatal).includes(String(PLUGHOOKS_ERROR)), false);

  // A FatalHookError of another copy is a plain object with the brand, as far as we can tell.
  class ForeignFatal extends Error {}
  Object.defineProperty(ForeignFatal.prototype, Symbol.for("plughooks.error"), {
    value: "ERR_FATAL_HOOK",
  });
  assert.ok(isFatalHookError(new ForeignFatal("y")));
  assert.ok(new ForeignFatal("y") instanceof FatalHookError);
  // A subclass keeps the ordinary check: a plain FatalHookError is not one of it.
  class QuotaError extends FatalHookError {}
  assert.ok(new QuotaError("q") instanceof FatalHookError);
  assert.ok(new QuotaError("q") instanceof QuotaError);
  assert.equal(new FatalHookError("f") instanceof QuotaError, false);
});

test("isFatalHookError never throws and is false for anything unbranded or hostile", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error("trap");
      },
      getPrototypeOf() {
        throw new Error("trap");
      },
    },
  );
  const named = Object.assign(new Error("n"), { name: "FatalHookError" });
  for (const value of [undefined, null, 0, "ERR_FATAL_HOOK", {}, named, revoked.proxy, throwing]) {
    assert.equal(isFatalHookError(value), false);
    assert.equal(value instanceof FatalHookError, false);
  }
});

test("[promise:doctor-warns-separate-copy] doctor warns about a plugin that resolves another copy of plughooks than the application", () => {
  const { app } = appWithPluginCopy();
  symlinkSync(repositoryRoot(), join(app, "node_modules", "plughooks"), "dir");
  const run = runCli(["doctor", "--root", app, "--json"]);
  const json = jsonOf(run);
  const warned = json.warnings.filter(
    (w: { code: string }) => w.code === "WARN_SEPARATE_PLUGHOOKS_COPY",
  );
  assert.deepEqual(
    warned.map((w: { package: string }) => w.package),
    ["acme-own-copy"],
    "the plugin with its own copy, and only it",
  );
  const text = runCli(["doctor", "--root", app]);
  assert.match(
    text.stderr,
    /^plughooks doctor: WARN_SEPARATE_PLUGHOOKS_COPY package "acme-own-copy"/m,
  );
  assert.match(text.stdout, /1 warning/);
});

test("[promise:check-warns-separate-copy] check warns when plughooks is a dependency of the plugin, not a peer", () => {
  const { app } = appWithPluginCopy();
  const plugin = writePackage(join(app, "plugins", "dep-copy"), {
    name: "dep-copy",
    dependencies: { plughooks: "^0.1.0" },
    entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Fine" } },
    files: { "hooks.js": "export class Fine { pre() {} }\n" },
  });
  const json = jsonOf(runCli(["check", plugin, "--skip-pack", "--json"]));
  assert.deepEqual(
    json.warnings.map((w: { code: string }) => w.code),
    ["WARN_SEPARATE_PLUGHOOKS_COPY"],
  );
  assert.deepEqual(json.problems, [], "a warning, not a problem");
  const peer = writePackage(join(app, "plugins", "peer-copy"), {
    name: "peer-copy",
    entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Fine" } },
    files: { "hooks.js": "export class Fine { pre() {} }\n" },
  });
  assert.deepEqual(jsonOf(runCli(["check", peer, "--skip-pack", "--json"])).warnings, []);
});

test("[promise:error-brand] instanceof PlughooksError holds for an error from another copy, by its brand", () => {
  class OtherCopyError extends Error {
    readonly code = "ERR_MODULE_NOT_FOUND";
    get [PLUGHOOKS_ERROR]() {
      return this.code;
    }
  }
  assert.ok(new OtherCopyError("x") instanceof PlughooksError);
  assert.ok(new PlughooksError("ERR_INVALID_OPTION", "x") instanceof PlughooksError);
  assert.ok(
    !(new FatalHookError("stop") instanceof PlughooksError),
    "fatal is not a PlughooksError",
  );
  assert.ok(!(new Error("plain") instanceof PlughooksError));
  assert.ok(!({} instanceof PlughooksError));
});
