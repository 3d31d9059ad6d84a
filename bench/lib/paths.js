// Where the bench reads the built library and writes its scratch files and results.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Generated applications, fixtures and quick-mode results live outside the repository: an
 * application inside it would see the repository's own node_modules on its resolution path
 * (discovery would scan those too), and generated JavaScript would be linted with the repo.
 */
export const tmpDir = join(tmpdir(), `plughooks-bench-${process.getuid?.() ?? 0}`);
export const appsDir = join(tmpDir, "apps");
export const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));
export const distIndex = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
export const distEntryPoints = fileURLToPath(
  new URL("../../dist/entry-points/index.js", import.meta.url),
);
