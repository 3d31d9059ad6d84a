import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";

/** A package to write into a fixture application. */
export interface PackageSpec {
  readonly name: string;
  readonly version?: string;
  /** `"module"` (default) or `"commonjs"`. */
  readonly type?: "module" | "commonjs";
  readonly entryPoints?: unknown;
  readonly dependencies?: Record<string, string>;
  readonly exports?: unknown;
  /** Extra files, path relative to the package folder → content. */
  readonly files?: Record<string, string>;
  /** Written instead of the generated package.json (for broken JSON). */
  readonly rawPackageJson?: string;
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder (real path), removed when the test file ends. */
export function tempDir(prefix = "plughooks-test-"): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** Writes a file, creating its folders. */
export function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Writes a package (package.json and files) into `directory`. */
export function writePackage(directory: string, spec: PackageSpec): string {
  const json =
    spec.rawPackageJson ??
    JSON.stringify(
      {
        name: spec.name,
        version: spec.version ?? "1.0.0",
        type: spec.type ?? "module",
        ...(spec.exports === undefined ? {} : { exports: spec.exports }),
        ...(spec.dependencies === undefined ? {} : { dependencies: spec.dependencies }),
        ...(spec.entryPoints === undefined ? {} : { entryPoints: spec.entryPoints }),
      },
      null,
      2,
    );
  writeFile(join(directory, "package.json"), json);
  for (const [path, content] of Object.entries(spec.files ?? {}))
    writeFile(join(directory, path), content);
  return directory;
}

/**
 * Makes an application folder with a root package.json and packages in its flat
 * `node_modules` (like npm's default layout). Returns the app folder.
 */
export function makeApp(
  options: { packages?: readonly PackageSpec[]; root?: Partial<PackageSpec> } = {},
): string {
  const app = tempDir();
  const packages = options.packages ?? [];
  writePackage(app, {
    name: "app",
    dependencies: Object.fromEntries(packages.map((p) => [p.name, "*"])),
    ...options.root,
  });
  for (const spec of packages) writePackage(join(app, "node_modules", spec.name), spec);
  return app;
}

/** Creates a symlink to a folder. */
export function linkDir(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, "dir");
}

/** A plugin module exporting a class whose pre/post record into `globalThis.__calls`. */
export function recordingPlugin(
  label: string,
  options: { pre?: boolean; post?: boolean } = {},
): string {
  const pre =
    options.pre === false
      ? ""
      : `pre(...args) { (globalThis.__calls ??= []).push(["${label}.pre", ...args]); }`;
  const post =
    options.post === false
      ? ""
      : `post(result, ...args) { (globalThis.__calls ??= []).push(["${label}.post", result, ...args]); }`;
  return `export default class ${label.replace(/\W/g, "_")} { ${pre} ${post} }\n`;
}

/** The calls recorded by {@link recordingPlugin} modules; cleared by {@link clearCalls}. */
export const recordedCalls = (): unknown[][] =>
  ((globalThis as { __calls?: unknown[][] }).__calls ??= []);
export const clearCalls = (): void => {
  (globalThis as { __calls?: unknown[][] }).__calls = [];
};
