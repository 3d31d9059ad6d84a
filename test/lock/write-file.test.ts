import assert from "node:assert/strict";
import { lstatSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../../src/cli/main.js";
import { replaceFile } from "../../src/lock/index.js";
import { tempDir } from "../helpers/fixtures.js";
import { lockedApp, markerPlugin } from "./helpers.js";

test("[promise:lock-write-exclusive] replaceFile never writes through a symlink planted at its temporary name", () => {
  const dir = tempDir();
  const victim = join(dir, "victim.txt");
  writeFileSync(victim, "precious\n");
  const path = join(dir, "out.json");
  const planted = `${path}.${process.pid}.tmp`;
  symlinkSync(victim, planted);
  replaceFile(path, "new\n");
  assert.equal(readFileSync(victim, "utf8"), "precious\n");
  assert.equal(readFileSync(path, "utf8"), "new\n");
  assert.ok(lstatSync(path).isFile(), "the result is a file, not the link");
  assert.equal(readlinkSync(planted), victim, "the planted link is left alone");
});

test("[promise:lock-write-exclusive] plughooks lock writes its lock exclusively: a planted symlink redirects nothing", async () => {
  const app = lockedApp([markerPlugin("wx-plugin")]);
  const lock = join(app, "plughooks.lock.json");
  const victim = join(app, "victim.txt");
  writeFileSync(victim, "precious\n");
  symlinkSync(victim, `${lock}.${process.pid}.tmp`);
  const out: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => out.push(t),
    env: {},
    cwd: app,
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const status = await main(["lock", "--root", app], io);
  assert.equal(status, 0, out.join(""));
  assert.equal(readFileSync(victim, "utf8"), "precious\n");
  const written = JSON.parse(readFileSync(lock, "utf8")) as { schemaVersion: number };
  assert.equal(written.schemaVersion, 2);
});
