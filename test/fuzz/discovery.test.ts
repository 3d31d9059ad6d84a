/**
 * Discovery over random node_modules trees, compared with a reference model. A tree has the
 * root package, its node_modules, the node_modules of the folder above (on the root's
 * resolution path), nested node_modules (some of them symlinks to a folder elsewhere),
 * scoped packages, pnpm-style symlinks to a store, and traps: dangling links, symlink loops,
 * links to the parent folder, files where folders should be (a package, a scope), links to
 * files, folders without package.json, broken JSON, a package.json that is a folder. The
 * model replays Node's resolution on the tree as data (no file system), so it shares no
 * code with `src/`: what plughooks finds on disk must equal what the model finds in memory.
 *
 * Unreadable folders: the tests run as root, for whom `chmod 000` blocks nothing, so an
 * unreadable folder cannot be made here; `test/faults/unreadable.test.ts` runs discovery as
 * the unprivileged `nobody` user where the system has one. Here, "unreadable" is covered by
 * what makes reads fail for anyone: ENOTDIR (files where folders should be), EISDIR (a
 * package.json folder), ELOOP and ENOENT (loops, dangling links).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { entryPoints } from "../../src/entry-points/index.js";
import { loadEntryPoint } from "../../src/loading/index.js";
import { modelEntryPoints } from "./reference-model.js";
import { check, countInput, runs, tempDir, writeFile } from "./support.js";

const POOL = ["a", "b", "c", "@s/d", "@s/e", "@t/f"] as const;
type PoolName = (typeof POOL)[number];
const EP_NAMES = ["h1", "h2", "h3", "__proto__", " "];
const REFS = (own: string): unknown[] => [
  "./hooks.js:Hook",
  "./dist/x.js",
  `${own}/sub`,
  "../x.js",
  "/abs.js",
  "node:fs",
  "zz/other",
  "./a\\b.js",
  "./node_modules/x/y.js",
  "./a.js:",
  "",
  7,
  null,
];

interface PkgSpec {
  /** The declared name: the folder's name, another name, or none (then the folder's). */
  readonly declared: "same" | "other" | "missing";
  readonly deps: readonly PoolName[];
  /** `[group, entry-point name, index into REFS]`, or a broken field. */
  readonly entryPoints: readonly [string, string, number][] | "not-an-object" | "group-not-object";
}
type Slot =
  | { readonly kind: "dir"; readonly spec: PkgSpec; readonly nested?: Nested }
  | { readonly kind: "link"; readonly spec: PkgSpec }
  | {
      readonly kind:
        | "dangling"
        | "loop"
        | "file"
        | "fileLink"
        | "nopkg"
        | "badjson"
        | "pkgdir"
        | "parentLink";
    };
interface Nested {
  /** The nested node_modules is a symlink to a folder elsewhere. */
  readonly linked: boolean;
  readonly slots: Partial<Record<PoolName, Slot>>;
}
interface Tree {
  readonly root: PkgSpec;
  readonly top: Partial<Record<PoolName, Slot>>;
  readonly above: Partial<Record<PoolName, Slot>>;
  /** `node_modules/@t` is a file, not a scope folder. */
  readonly scopeIsFile: boolean;
}

const specArb: fc.Arbitrary<PkgSpec> = fc.record({
  declared: fc.constantFrom("same", "same", "same", "other", "missing"),
  deps: fc.uniqueArray(fc.constantFrom(...POOL), { maxLength: 3 }),
  entryPoints: fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(
        fc.tuple(
          fc.constantFrom("g", "g", "other"),
          fc.constantFrom(...EP_NAMES),
          fc.nat({ max: 12 }),
        ),
        { maxLength: 3 },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("not-an-object" as const, "group-not-object" as const),
    },
  ),
});
const TRAPS = [
  "dangling",
  "loop",
  "file",
  "fileLink",
  "nopkg",
  "badjson",
  "pkgdir",
  "parentLink",
] as const;
const leafSlotArb: fc.Arbitrary<Slot> = fc.oneof(
  { weight: 6, arbitrary: specArb.map((spec) => ({ kind: "dir" as const, spec })) },
  { weight: 3, arbitrary: specArb.map((spec) => ({ kind: "link" as const, spec })) },
  { weight: 3, arbitrary: fc.constantFrom(...TRAPS).map((kind) => ({ kind })) },
);
const slotsArb = (slot: fc.Arbitrary<Slot>) =>
  fc.record(
    Object.fromEntries(POOL.map((name) => [name, slot])) as Record<PoolName, fc.Arbitrary<Slot>>,
    {
      requiredKeys: [],
    },
  );
const topSlotArb: fc.Arbitrary<Slot> = fc.oneof(
  { weight: 3, arbitrary: leafSlotArb },
  {
    weight: 1,
    arbitrary: fc
      .tuple(specArb, fc.boolean(), slotsArb(leafSlotArb))
      .map(([spec, linked, slots]) => ({ kind: "dir" as const, spec, nested: { linked, slots } })),
  },
);
const treeArb: fc.Arbitrary<Tree> = fc.record({
  root: specArb,
  top: slotsArb(topSlotArb),
  above: slotsArb(leafSlotArb),
  scopeIsFile: fc.boolean(),
});

// ---------------------------------------------------------------------------------------
// The tree as data, for the model: folders with their package.json, node_modules listings.
// ---------------------------------------------------------------------------------------
type Manifest =
  | { readonly kind: "package"; readonly json: Record<string, unknown> }
  | { readonly kind: "bad-json"; readonly name: string }
  | { readonly kind: "unreadable" };
interface Listed {
  /** The entry's real path; undefined for a dangling link or a loop. */
  readonly real: string | undefined;
}
interface World {
  readonly manifests: Map<string, Manifest>;
  readonly listings: Map<string, Map<string, Listed>>;
}

/** Writes the tree under `base` and returns it as data. */
function materialize(base: string, tree: Tree): { app: string; world: World } {
  const world: World = { manifests: new Map(), listings: new Map() };
  const app = join(base, "app");
  let unique = 0;
  const packageJson = (spec: PkgSpec, folderName: string): Record<string, unknown> => {
    const json: Record<string, unknown> = { version: "1.0.0" };
    if (spec.declared === "same") json.name = folderName;
    if (spec.declared === "other") json.name = "zz-other";
    json.dependencies = Object.fromEntries(spec.deps.map((dep) => [dep, "*"]));
    const own = typeof json.name === "string" ? json.name : folderName;
    if (spec.entryPoints === "not-an-object") json.entryPoints = "oops";
    else if (spec.entryPoints === "group-not-object") json.entryPoints = { g: ["x"] };
    else {
      const groups: Record<string, Record<string, unknown>> = {};
      for (const [group, name, ref] of spec.entryPoints) {
        groups[group] ??= {};
        // defineProperty, so that "__proto__" becomes an own key as JSON.parse makes it.
        Object.defineProperty(groups[group], name, {
          value: REFS(own)[ref],
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      json.entryPoints = groups;
    }
    return json;
  };
  const writePackage = (directory: string, spec: PkgSpec, folderName: string) => {
    const json = packageJson(spec, folderName);
    writeFile(join(directory, "package.json"), JSON.stringify(json));
    world.manifests.set(directory, { kind: "package", json });
  };
  const listing = (nodeModules: string) => {
    let map = world.listings.get(nodeModules);
    if (map === undefined) {
      map = new Map();
      world.listings.set(nodeModules, map);
    }
    return map;
  };
  /** Writes the slots of one node_modules folder; `nodeModules` is where they are really. */
  const writeSlots = (
    seenAs: string,
    nodeModules: string,
    slots: Partial<Record<PoolName, Slot>>,
    scopeIsFile: boolean,
  ) => {
    mkdirSync(nodeModules, { recursive: true });
    // Seen through its link from the package, and at its real place (Node resolves from
    // real paths, so the packages inside look up from there).
    const listed = listing(seenAs);
    world.listings.set(nodeModules, listed);
    if (scopeIsFile) writeFile(join(nodeModules, "@t"), "not a scope");
    for (const name of POOL) {
      const slot = slots[name];
      if (slot === undefined) continue;
      if (scopeIsFile && name.startsWith("@t/")) continue;
      const path = join(nodeModules, name);
      const real = path; // the folder as it really is (nodeModules is real)
      const folderName = basename(name);
      mkdirSync(dirname(path), { recursive: true });
      switch (slot.kind) {
        case "dir": {
          writePackage(real, slot.spec, folderName);
          listed.set(name, { real });
          if (slot.nested !== undefined) {
            const inner = join(real, "node_modules");
            if (slot.nested.linked) {
              const elsewhere = join(base, "vendor", String(unique++), "node_modules");
              writeSlots(inner, elsewhere, slot.nested.slots, false);
              symlinkSync(elsewhere, inner, "dir");
            } else {
              writeSlots(inner, inner, slot.nested.slots, false);
            }
          }
          break;
        }
        case "link": {
          const store = join(base, "store", String(unique++), folderName);
          writePackage(store, slot.spec, folderName);
          symlinkSync(store, path, "dir");
          listed.set(name, { real: store });
          break;
        }
        case "dangling":
          symlinkSync(join(base, "nowhere", String(unique++)), path, "dir");
          listed.set(name, { real: undefined });
          break;
        case "loop":
          symlinkSync(path, path, "dir");
          listed.set(name, { real: undefined });
          break;
        case "file":
          writeFile(path, "a file where a package folder should be");
          break; // not a folder nor a link: not listed
        case "fileLink": {
          const file = join(base, "files", String(unique++));
          writeFile(file, "{}");
          symlinkSync(file, path, "file");
          listed.set(name, { real: file });
          break;
        }
        case "nopkg":
          mkdirSync(path, { recursive: true });
          listed.set(name, { real });
          break;
        case "badjson": {
          const declared = `broken-${unique++}`;
          writeFile(join(path, "package.json"), `{"name": "${declared}", `);
          world.manifests.set(real, { kind: "bad-json", name: declared });
          listed.set(name, { real });
          break;
        }
        case "pkgdir":
          mkdirSync(join(path, "package.json"), { recursive: true });
          world.manifests.set(real, { kind: "unreadable" });
          listed.set(name, { real });
          break;
        case "parentLink":
          symlinkSync(dirname(seenAs), path, "dir");
          // The folder holding this node_modules: a package already seen (or no package).
          listed.set(name, { real: dirname(seenAs) });
          break;
      }
    }
  };
  writePackage(app, tree.root, "app");
  writeSlots(join(app, "node_modules"), join(app, "node_modules"), tree.top, tree.scopeIsFile);
  writeSlots(join(base, "node_modules"), join(base, "node_modules"), tree.above, false);
  return { app, world };
}

interface ModelResult {
  readonly entryPoints: { package: string; name: string; reference: unknown; directory: string }[];
  readonly problems: string[];
  readonly packagesScanned: number;
}

/** Discovery as ARCHITECTURE.md "What counts as installed" states it, on the tree as data. */
function model(app: string, world: World): ModelResult {
  const seen = new Set<string>();
  const queue: string[] = [];
  const enqueue = (real: string | undefined) => {
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    queue.push(real);
  };
  const listingOf = (directory: string) => world.listings.get(join(directory, "node_modules"));
  enqueue(app);
  // The node_modules folders Node searches from the root, nearest first (paths in order).
  for (let directory = app; ; directory = dirname(directory)) {
    const listed = listingOf(directory);
    if (listed !== undefined) {
      const paths = [...listed].map(([name, entry]) => ({
        path: join(directory, "node_modules", name),
        entry,
      }));
      paths.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
      for (const { entry } of paths) enqueue(entry.real);
    }
    if (dirname(directory) === directory) break;
  }
  // Node's lookup of a bare name from a folder: each node_modules up the tree, the first hit.
  const resolve = (name: string, from: string): Listed | undefined => {
    for (let directory = from; ; directory = dirname(directory)) {
      if (basename(directory) !== "node_modules") {
        const hit = listingOf(directory)?.get(name);
        if (hit !== undefined) return hit;
      }
      if (dirname(directory) === directory) return undefined;
    }
  };
  // Keyed by the name a folder is installed under (what follows its last node_modules), so a
  // folder that claims another package's name cannot hide that package; outside node_modules
  // by the declared name.
  const installName = (directory: string): string | undefined => {
    const parts = directory.split(sep);
    const at = parts.lastIndexOf("node_modules");
    if (at === -1) return undefined;
    const rest = parts.slice(at + 1);
    return rest[0]?.startsWith("@") ? rest.slice(0, 2).join("/") : rest[0];
  };
  const found = new Map<
    string,
    { name: string; directory: string; json: Record<string, unknown> }
  >();
  const problems: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const directory = queue[i]!;
    const manifest = world.manifests.get(directory);
    if (manifest === undefined) continue;
    if (manifest.kind === "bad-json") {
      problems.push(`ERR_INVALID_PACKAGE_JSON|${manifest.name}`);
      continue;
    }
    if (manifest.kind === "unreadable") {
      // The only unreadable package.json here is a folder: not a regular file (issue 11).
      problems.push(`ERR_PACKAGE_JSON_NOT_A_FILE|${basename(directory)}`);
      continue;
    }
    const name = typeof manifest.json.name === "string" ? manifest.json.name : basename(directory);
    const key = installName(directory) ?? name;
    if (!found.has(key)) found.set(key, { name, directory, json: manifest.json });
    for (const dep of Object.keys(manifest.json.dependencies as object)) {
      enqueue(resolve(dep, directory)?.real);
    }
  }
  const entries: ModelResult["entryPoints"] = [];
  for (const { name, directory, json } of found.values()) {
    const expected = modelEntryPoints(json.entryPoints, name, "g");
    for (const e of expected.found)
      entries.push({ package: name, name: e.name, reference: e.reference, directory });
    for (const p of expected.problems) {
      problems.push(`${p === "reference" ? "REFERENCE" : "ERR_INVALID_ENTRY_POINTS"}|${name}`);
    }
  }
  const order = (x: { package: string; name: string }, y: { package: string; name: string }) =>
    x.package < y.package
      ? -1
      : x.package > y.package
        ? 1
        : x.name < y.name
          ? -1
          : x.name > y.name
            ? 1
            : 0;
  entries.sort(order);
  return { entryPoints: entries, problems: problems.sort(), packagesScanned: found.size };
}

const summary = (result: ReturnType<typeof entryPoints>) => ({
  entryPoints: result.entryPoints.map((e) => ({
    package: e.package,
    name: e.name,
    reference: e.reference,
    directory: e.directory,
  })),
  problems: result.problems
    .map((p) =>
      p.code === "ERR_INVALID_REFERENCE" || p.code === "ERR_REFERENCE_ESCAPES_PACKAGE"
        ? `REFERENCE|${p.package}`
        : `${p.code}|${p.package}`,
    )
    .sort(),
  packagesScanned: result.packagesScanned,
});

const treeSize = (tree: Tree) => {
  let n = 1;
  for (const slots of [tree.top, tree.above]) {
    for (const slot of Object.values(slots)) {
      n++;
      if (slot.kind === "dir" && slot.nested !== undefined)
        n += Object.keys(slot.nested.slots).length;
    }
  }
  return n;
};

test("[promise:discovery-terminates] [promise:discovery-never-throws] discovery over random node_modules trees terminates, never throws, and finds what the model finds", {
  timeout: Math.max(120_000, runs(150) * 200),
}, async (t) => {
  const ancestors: string[] = [];
  const probe = tempDir();
  for (let d = dirname(probe); ; d = dirname(d)) {
    ancestors.push(join(d, "node_modules"));
    if (dirname(d) === d) break;
  }
  if (ancestors.some((p) => existsSync(p))) {
    t.skip(
      `a node_modules above the temporary folder (${ancestors.find((p) => existsSync(p))}) would be discovered too`,
    );
    return;
  }
  await check(
    "discovery: equals the model on random trees",
    fc.property(treeArb, (tree) => {
      countInput(treeSize(tree));
      const base = tempDir();
      const { app, world } = materialize(base, tree);
      const expected = model(app, world);
      const got = entryPoints({ root: app, group: "g", index: false });
      assert.equal(got.root, app);
      assert.deepEqual(summary(got), expected);
    }),
    runs(150),
  );
});

test("a plugin inside a node_modules folder that is a symlink loads (its directory is a real path)", () => {
  // Found by the property above: such a package was reported under its link path, so the
  // loader's "inside the package" check refused its own module as an escape.
  const base = tempDir();
  const app = join(base, "app");
  writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "app", dependencies: { host: "*" } }),
  );
  const host = join(app, "node_modules", "host");
  writeFile(
    join(host, "package.json"),
    JSON.stringify({ name: "host", dependencies: { plug: "*" } }),
  );
  const vendor = join(base, "vendor", "node_modules");
  writeFile(
    join(vendor, "plug", "package.json"),
    JSON.stringify({ name: "plug", type: "commonjs", entryPoints: { g: { h: "./hooks.js" } } }),
  );
  writeFile(join(vendor, "plug", "hooks.js"), "module.exports = { pre() {} };\n");
  symlinkSync(vendor, join(host, "node_modules"), "dir");

  const found = entryPoints({ root: app, group: "g", index: false });
  assert.deepEqual(
    found.entryPoints.map((e) => [e.package, e.directory]),
    [["plug", join(vendor, "plug")]],
  );
  const outcome = loadEntryPoint(found.entryPoints[0]!);
  assert.ok(outcome.ok, outcome.ok ? "" : outcome.problem.message);
});

test("[promise:index-cold-warm-equal] with the discovery index on (the default), cold and warm starts find what the model finds", {
  timeout: Math.max(120_000, runs(150) * 200),
}, async () => {
  await check(
    "discovery: index cold and warm equal the model",
    fc.property(treeArb, (tree) => {
      countInput(treeSize(tree));
      const base = tempDir();
      const { app, world } = materialize(base, tree);
      const expected = model(app, world);
      const cold = entryPoints({ root: app, group: "g", index: true });
      const warm = entryPoints({ root: app, group: "g", index: true });
      assert.deepEqual(summary(cold), expected, "cold");
      assert.deepEqual(summary(warm), expected, "warm");
    }),
    runs(60),
  );
});
