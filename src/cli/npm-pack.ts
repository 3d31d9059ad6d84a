import { execFile } from "node:child_process";

/**
 * The files `npm pack` would publish from `directory`, as package-relative paths with `/`.
 * Running npm itself (`npm pack --dry-run --json --ignore-scripts`) is more faithful than
 * re-implementing the `files` field, `.npmignore`, `.gitignore` fallback and the always-
 * included / always-excluded lists. `--ignore-scripts`: checking must not run `prepack`.
 */
export function npmPackFiles(directory: string, env: NodeJS.ProcessEnv): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    execFile(
      "npm",
      ["pack", "--dry-run", "--json", "--ignore-scripts", "--workspaces=false"],
      // npm is a .cmd script on Windows, which only a shell can start.
      { cwd: directory, env, maxBuffer: 64 * 1024 * 1024, shell: process.platform === "win32" },
      (error, stdout, stderr) => {
        if (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") {
            reject(new Error("npm pack --dry-run failed: npm is not on PATH (or use --skip-pack)"));
            return;
          }
          const why = stderr.split("\n").find((line) => line.includes("ERR")) ?? error.message;
          reject(new Error(`npm pack --dry-run failed: ${why.trim()}`));
          return;
        }
        try {
          const result = JSON.parse(stdout) as { files?: { path: string }[] }[];
          resolve(new Set((result[0]?.files ?? []).map((f) => f.path)));
        } catch (parseError) {
          reject(new Error(`npm pack --dry-run printed no JSON: ${(parseError as Error).message}`));
        }
      },
    );
  });
}
