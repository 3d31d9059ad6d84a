/**
 * The package a user gets: a clean copy of the working tree (no dist/, as a fresh clone)
 * is packed with `npm pack`, whose `prepack` builds; the tarball holds only what users
 * reach; installed into a fresh application, it runs the README's example, taken from the
 * README's code blocks as they are written.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir, writeFile } from "../helpers/fixtures.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));

/** The environment of a user's shell: nothing `npm test` exports, npm kept offline. */
function userEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(npm_|NODE_OPTIONS$|NODE_TEST_CONTEXT$|INIT_CWD$)/i.test(key)) env[key] = value;
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

/** Packs a copy of the files git would commit (tracked and new, not ignored). */
function packCleanCopy(work: string, env: NodeJS.ProcessEnv): Packed {
  const copy = join(work, "clone");
  const listed = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: repo,
      encoding: "utf8",
    },
  );
  for (const file of listed.split("\0").filter(Boolean)) {
    try {
      cpSync(join(repo, file), join(copy, file), { recursive: true });
    } catch (error) {
      // A file deleted in the work tree but still in the index is not part of the copy.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  // The build tools, as `npm ci` would install them.
  symlinkSync(join(repo, "node_modules"), join(copy, "node_modules"), "dir");
  const output = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: copy,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  // `prepack`'s build prints to stdout before npm's JSON.
  const [packed] = JSON.parse(output.slice(output.search(/^\[$/m))) as PackResult[];
  assert.ok(packed);
  return { copy, tarball: join(work, packed.filename), files: packed.files.map((f) => f.path) };
}

interface Packed {
  /** The clean copy, built by `prepack`. */
  copy: string;
  tarball: string;
  files: string[];
}

let packedOnce: Packed | undefined;
/** One pack for the whole file: packing builds, which takes seconds. */
function packed(): Packed {
  const work = tempDir("plughooks-tarball-");
  packedOnce ??= packCleanCopy(work, userEnv(join(work, "npm-cache")));
  return packedOnce;
}

interface Block {
  lang: string;
  file?: string;
  code: string;
}

/** The fenced code blocks of the README's "Example" section, in order. */
function exampleBlocks(): Block[] {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Example\n"));
  assert.ok(section, 'README.md has an "## Example" section');
  return [...section.matchAll(/^```(\w+)(?: \[([^\]]+)\])?\n([\s\S]*?)^```$/gm)].map(
    ([, lang, file, code]) => ({ lang: lang!, ...(file ? { file } : {}), code: code! }),
  );
}

/**
 * The README's example as one shell script: `sh` blocks run as written, a block titled
 * `[path]` is written to that path. The one change: `npm install plughooks` installs the
 * packed tarball instead of the registry's release.
 */
function exampleScript(tarball: string): { script: string; expected: string } {
  const blocks = exampleBlocks();
  const parts: string[] = [];
  let expected: string | undefined;
  for (const block of blocks) {
    if (block.file) {
      parts.push(`mkdir -p "$(dirname '${block.file}')"`);
      parts.push(`cat > '${block.file}' <<'README_BLOCK_END'\n${block.code}README_BLOCK_END`);
    } else if (block.lang === "sh") {
      parts.push(block.code.replace(/^npm install plughooks$/m, `npm install '${tarball}'`));
    } else if (block.lang === "text") {
      expected = block.code;
    }
  }
  assert.ok(expected, "the example shows what it prints");
  assert.ok(
    parts.some((p) => p.includes(tarball)),
    "the example installs plughooks with `npm install plughooks`",
  );
  return { script: parts.join("\n"), expected };
}

test("[package] a clean copy packs, and the tarball holds only what users reach", () => {
  const { files } = packed();
  assert.ok(files.includes("dist/index.js"), "prepack built dist/");
  for (const entry of [
    "dist/entry-points/index.js",
    "dist/loading/index.js",
    "dist/notifications/index.js",
    "dist/notifications/index.d.ts",
    "dist/cli/bin.js",
  ])
    assert.ok(files.includes(entry), entry);
  assert.ok(files.includes("schema/entry-points.schema.json"));
  assert.ok(files.includes("man/plughooks.1"));
  assert.deepEqual(
    files.filter((f) => f.endsWith(".map")),
    [],
    "no source maps: their sources are not shipped",
  );
  assert.deepEqual(
    files.filter((f) => f.startsWith("dist/cli/") && f.endsWith(".d.ts")),
    [],
    "no declarations of modules that no export reaches",
  );
  assert.deepEqual(
    files.filter((f) => /^(src|test|bench|docs|examples|scripts)\//.test(f)),
    [],
    "no sources, tests or docs",
  );
});

test("[package] the README's example runs as written against the packed tarball", () => {
  const work = tempDir("plughooks-readme-");
  const env = userEnv(join(work, "npm-cache"));
  const { tarball } = packed();
  const { script, expected } = exampleScript(tarball);
  const app = join(work, "user");
  writeFile(join(app, ".keep"), "");
  const stdout = execFileSync("bash", ["-euo", "pipefail", "-c", script], {
    cwd: app,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  assert.ok(
    stdout.endsWith(expected),
    `the example printed:\n${stdout}\nand the README says it prints:\n${expected}`,
  );
});

test("[package] npm publish --dry-run of the clean copy passes, with nothing for npm to correct", () => {
  const { copy } = packed();
  const work = tempDir("plughooks-publish-");
  // --ignore-scripts: prepack has built the copy already; the registry is not contacted.
  const result = spawnSync("npm", ["publish", "--dry-run", "--ignore-scripts"], {
    cwd: copy,
    env: userEnv(join(work, "npm-cache")),
    encoding: "utf8",
  });
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /auto-corrected|errors corrected/, result.stderr);
  assert.match(result.stderr, /plughooks@\d+\.\d+\.\d+/);
});

test("[package] plughooks/notifications imports in a fresh application, and its errors are the main entry's PlughooksError", () => {
  const work = tempDir("plughooks-notifications-");
  const env = userEnv(join(work, "npm-cache"));
  const app = join(work, "user");
  writeFile(join(app, "package.json"), JSON.stringify({ name: "user", type: "module" }));
  execFileSync("npm", ["install", packed().tarball], { cwd: app, env, stdio: "ignore" });
  // A separate bundle: its PlughooksError is another class, recognised by its brand.
  writeFile(
    join(app, "main.js"),
    `import { PlughooksError } from "plughooks";
import { createMemoryDriver, createNotifier, defineNotification, jsonSchema } from "plughooks/notifications";
const Created = defineNotification({ type: "volume.create.end", version: "1.0",
  schema: jsonSchema({ type: "object", properties: { size: { type: "integer" } }, required: ["size"] }),
  sample: { size: 1 } });
const memory = createMemoryDriver();
const notifier = await createNotifier({ source: "user", drivers: [memory], env: {} });
await notifier.emit(Created, { size: 10 });
const error = await notifier.emit(Created, {}).catch((e) => e);
console.log(JSON.stringify({ sent: memory.events.map((e) => e.type), code: error.code,
  branded: error instanceof PlughooksError }));
`,
  );
  const run = spawnSync(process.execPath, ["main.js"], { cwd: app, env, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    sent: ["volume.create.end"],
    code: "ERR_NOTIFICATION_INVALID_PAYLOAD",
    branded: true,
  });
});
