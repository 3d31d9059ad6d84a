import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repositoryRoot } from "./cli/helpers.js";

/** The pages whose promises must each be held by a test. */
const PAGES = [
  "SECURITY.md",
  "docs/hook-semantics.md",
  "docs/operating.md",
  "docs/entry-points-format.md",
];

const root = repositoryRoot();
const PROMISE_TAG = /<!--\s*promise:\s*([a-z0-9][a-z0-9-]*)\s*-->/g;
// A test's title, whatever quotes it uses: test("...", ...), it(`...`), t.test('...').
// Not test.skip / test.todo: a test that does not run holds no promise.
const TEST_TITLE = /\b(?:test|it|describe)(?:\.only)?\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/g;
const ID_IN_TITLE = /\[promise:([a-z0-9][a-z0-9-]*)\]/g;

/** Every `<!-- promise: id -->` of the pages, with the page it is on. */
export function promisedIds(): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const page of PAGES) {
    const text = readFileSync(join(root, page), "utf8");
    for (const match of text.matchAll(PROMISE_TAG)) {
      const pages = ids.get(match[1]!) ?? [];
      pages.push(page);
      ids.set(match[1]!, pages);
    }
  }
  return ids;
}

/** Every `[promise:id]` named in a test title in the TypeScript sources under test/. */
export function testedIds(): Set<string> {
  const ids = new Set<string>();
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        for (const title of readFileSync(path, "utf8").matchAll(TEST_TITLE)) {
          for (const id of title[2]!.matchAll(ID_IN_TITLE)) ids.add(id[1]!);
        }
      }
    }
  };
  walk(join(root, "test"));
  return ids;
}

test("every promise in SECURITY.md and the docs is named by a test title", () => {
  const promised = promisedIds();
  assert.ok(promised.size > 0, "the pages make promises (the checker is not vacuous)");
  const tested = testedIds();
  const untested = [...promised]
    .filter(([id]) => !tested.has(id))
    .map(([id, pages]) => `${id} (${[...new Set(pages)].join(", ")})`);
  assert.deepEqual(untested, [], "promises with no test naming [promise:<id>] in its title");
});

test("the checker reads tags and titles the way they are written", () => {
  const tag = "Refused before import. <!-- promise: lock-refuses-changed-file -->";
  assert.deepEqual(
    [...tag.matchAll(PROMISE_TAG)].map((m) => m[1]),
    ["lock-refuses-changed-file"],
  );
  const source = [
    'test("[promise:a-b] first", () => {});',
    `test(\n  \`[promise:c] second \${1}\`,\n  () => {},\n);`,
    "it('[promise:d] [promise:e] third', () => {});",
    '// "[promise:not-a-title]" in a comment is not a test title',
    'const s = "[promise:not-a-title-either]";',
    'test.skip("[promise:skipped] does not run", () => {});',
    'test.todo("[promise:todo] not written yet");',
  ].join("\n");
  const found = [...source.matchAll(TEST_TITLE)].flatMap((m) =>
    [...m[2]!.matchAll(ID_IN_TITLE)].map((id) => id[1]),
  );
  assert.deepEqual(found, ["a-b", "c", "d", "e"]);
});
