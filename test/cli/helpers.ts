import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeApp, type PackageSpec, recordingPlugin } from "../helpers/fixtures.js";

/** The repository: the nearest folder above this file whose package.json is plughooks's. */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      if (json.name === "plughooks") return dir;
    } catch {}
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** The built binary: tests run what users run (`npm run build` first). */
export const BIN = join(repositoryRoot(), "dist", "cli", "bin.js");

/** What one run of the binary did. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/cli/bin.js ...args` in `cwd`. The environment is the test's, minus
 * everything that would change the output (PLUGHOOKS_*, colour variables), plus `env`.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {},
): CliRun {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith("PLUGHOOKS_")) continue;
    if (key === "NO_COLOR" || key === "FORCE_COLOR" || key === "NODE_DEBUG") continue;
    env[key] = value;
  }
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...env, ...options.env },
    encoding: "utf8",
    timeout: options.timeout ?? 60_000,
    // Large outputs (the 200,000-entry list) are part of what is tested.
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Parses a run's `--json` output. */
export function jsonOf(run: CliRun): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`not JSON (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** The lines of standard error. */
export const errLines = (run: CliRun): string[] => run.stderr.split("\n").filter((l) => l !== "");

/** A plugin package with one class export per hook, each with pre and post. */
export function pluginPackage(
  name: string,
  hooks: readonly string[],
  options: { version?: string; group?: string; pre?: boolean; post?: boolean } = {},
): PackageSpec {
  const group = options.group ?? "nova.hooks";
  const files: Record<string, string> = {};
  const entries: Record<string, string> = {};
  for (const hook of hooks) {
    files[`hooks/${hook}.js`] = recordingPlugin(`${name}.${hook}`, options);
    entries[hook] = `./hooks/${hook}.js`;
  }
  return {
    name,
    ...(options.version === undefined ? {} : { version: options.version }),
    entryPoints: { [group]: entries },
    files,
  };
}

/** An application whose plugins are all fine: two packages, three entry points. */
export function goodApp(): string {
  return makeApp({
    packages: [
      pluginPackage("acme-resize-audit", ["resize_hook"], { version: "1.2.0" }),
      pluginPackage("acme-quota", ["resize_hook", "build_hook"], { version: "0.3.1" }),
    ],
  });
}

/**
 * An application with one of each kind of broken plugin, and one good one. Returns the app
 * folder; each broken package is named after what is wrong with it.
 */
export function brokenApp(): string {
  return makeApp({
    packages: [
      pluginPackage("good-plugin", ["resize_hook"]),
      { name: "bad-json", rawPackageJson: '{ "name": "bad-json", "entryPoints": ' },
      { name: "escaping-ref", entryPoints: { "nova.hooks": { resize_hook: "../outside.js:X" } } },
      { name: "missing-file", entryPoints: { "nova.hooks": { resize_hook: "./nope.js:X" } } },
      {
        name: "missing-export",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Nope" } },
        files: { "hooks.js": "export class Other { pre() {} }\n" },
      },
      {
        name: "throwing-module",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:X" } },
        files: {
          "hooks.js":
            'function explode() {\n  throw new Error("no config");\n}\nexplode();\nexport class X { pre() {} }\n',
        },
      },
      {
        name: "no-methods",
        entryPoints: { "nova.hooks": { resize_hook: "./hooks.js:Empty" } },
        files: { "hooks.js": "export class Empty {}\n" },
      },
    ],
  });
}

/** Path of a package inside a fixture app's node_modules. */
export const packageDir = (app: string, name: string): string => join(app, "node_modules", name);
