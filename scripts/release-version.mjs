// The release's version step (`npm run release:version`): the pending changesets become the
// new version in package.json and an entry in CHANGELOG.md (`changeset version`), then the
// man pages are regenerated with that version and package-lock.json follows.
//
// Changesets (through @manypkg) takes a package.json with "workspaces" for a monorepo root
// and never versions the root itself; plughooks' workspaces are only the demo in examples/.
// So the "workspaces" field is set aside while `changeset version` runs, and put back after.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../", import.meta.url));
const file = `${repo}package.json`;
const original = readFileSync(file, "utf8");
const { workspaces } = JSON.parse(original);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: repo, stdio: "inherit" });

const write = (pkg) => writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
const withoutWorkspaces = JSON.parse(original);
delete withoutWorkspaces.workspaces;
write(withoutWorkspaces);
try {
  run("npx", ["changeset", "version"]);
} finally {
  // Put "workspaces" back where it was, keeping what changeset version changed.
  const versioned = JSON.parse(readFileSync(file, "utf8"));
  const restored = {};
  for (const key of Object.keys(JSON.parse(original))) {
    if (key === "workspaces") restored.workspaces = workspaces;
    else if (key in versioned) restored[key] = versioned[key];
  }
  for (const key of Object.keys(versioned)) if (!(key in restored)) restored[key] = versioned[key];
  write(restored);
}
const { version } = JSON.parse(readFileSync(file, "utf8"));
run("npm", ["run", "man:build"]);
run("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"]);
console.log(
  `release: version ${version}; review the diff, then commit it as "release: v${version}"`,
);
