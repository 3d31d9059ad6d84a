// Packs the built package (dist/ must be built: `npm test` builds first) into
// .cache/pack/plughooks.tgz, for publint and arethetypeswrong to check the tarball a user
// gets. --ignore-scripts: `prepack` would build again; the clean-clone pack, with `prepack`,
// is test/package/tarball.test.ts.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../", import.meta.url));
if (!existsSync(join(repo, "dist/index.js"))) {
  console.error("pack-for-checks: dist/ is not built; run npm run build first");
  process.exit(1);
}
const out = join(repo, ".cache/pack");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const [{ filename }] = JSON.parse(
  execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", out], {
    cwd: repo,
    encoding: "utf8",
  }),
);
renameSync(join(out, filename), join(out, "plughooks.tgz"));
console.log(`packed ${filename} as .cache/pack/plughooks.tgz`);
