// The discovery floor: read and parse every package.json of an application once,
// synchronously (the fastest way, per the anchors): the root's, and every package in its
// node_modules, scoped ones included. No dependency walk, no validation.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function readAllManifests(root) {
  const manifests = [JSON.parse(readFileSync(join(root, "package.json"), "utf8"))];
  const modules = join(root, "node_modules");
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    if (entry.name.startsWith("@")) {
      for (const scoped of readdirSync(join(modules, entry.name))) {
        manifests.push(readManifest(join(modules, entry.name, scoped)));
      }
    } else {
      manifests.push(readManifest(join(modules, entry.name)));
    }
  }
  return manifests;
}

const readManifest = (dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
