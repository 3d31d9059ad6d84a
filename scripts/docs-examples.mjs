// Type-checks every code sample the docs mark as a complete example against the real API:
// a ```ts fence preceded by `<!-- example -->`. The import "plughooks" (and its subpaths)
// maps to this repo's src/, so a renamed option breaks `npm run test:docs`, not the reader.
//
//   node scripts/docs-examples.mjs              check the examples
//   node scripts/docs-examples.mjs --self-test  also prove that renaming an option fails them
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { docs, repo } from "./docs-paths.mjs";

const work = `${repo}.cache/docs-examples/`;
// Hand-written pages only: the generated ones are checked where they come from.
const SKIP = /^(api|man|\.vitepress|public|screenshots)\//;
const MARKER = /^<!--\s*example\s*-->\s*$/;

/** Every marked example: { page, line, code }. */
export function extractExamples() {
  const examples = [];
  const pages = readdirSync(docs, { recursive: true })
    .map((f) => f.replaceAll("\\", "/"))
    .filter((f) => f.endsWith(".md") && !SKIP.test(f))
    .sort();
  for (const page of pages) {
    const lines = readFileSync(`${docs}${page}`, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!MARKER.test(lines[i])) continue;
      let j = i + 1;
      while (lines[j]?.trim() === "") j++;
      if (!/^```(ts|typescript)\b/.test(lines[j] ?? "")) {
        throw new Error(`docs/${page}:${i + 1}: <!-- example --> must precede a \`\`\`ts block`);
      }
      const end = lines.findIndex((l, k) => k > j && /^```\s*$/.test(l));
      if (end === -1) throw new Error(`docs/${page}:${j + 1}: unclosed code block`);
      examples.push({ page, line: j + 2, code: lines.slice(j + 1, end).join("\n") });
    }
  }
  return examples;
}

/** Writes the examples as modules and runs tsc on them: errors in examples, and others. */
export function typeCheck(examples, src = `${repo}src/`) {
  rmSync(`${work}examples`, { recursive: true, force: true });
  mkdirSync(`${work}examples`, { recursive: true });
  const files = examples.map((ex, n) => {
    const name = `examples/${String(n).padStart(3, "0")}-${ex.page.replace(/[/.]/g, "_")}.ts`;
    writeFileSync(`${work}${name}`, `${ex.code}\n`);
    return { ...ex, name };
  });
  writeFileSync(`${work}package.json`, '{ "type": "module", "private": true }\n');
  const tsconfig = {
    extends: "../../tsconfig.base.json",
    compilerOptions: {
      noEmit: true,
      declaration: false,
      sourceMap: false,
      moduleDetection: "force",
      baseUrl: ".",
      paths: {
        plughooks: [`${src}index.ts`],
        "plughooks/entry-points": [`${src}entry-points/index.ts`],
        "plughooks/loading": [`${src}loading/index.ts`],
        "plughooks/notifications": [`${src}notifications/index.ts`],
      },
    },
    files: files.map((f) => f.name),
  };
  writeFileSync(`${work}tsconfig.json`, `${JSON.stringify(tsconfig, null, 2)}\n`);
  const tsc = spawnSync(
    process.execPath,
    [`${repo}node_modules/typescript/bin/tsc`, "-p", "tsconfig.json", "--pretty", "false"],
    { cwd: work, encoding: "utf8" },
  );
  const errors = [];
  const others = [];
  for (const line of `${tsc.stdout}${tsc.stderr}`.split("\n")) {
    const m = /^(examples\/[^(]+)\((\d+),(\d+)\): (.*)$/.exec(line.trim());
    const ex = m && files.find((f) => f.name === m[1]);
    if (ex) errors.push(`docs/${ex.page}:${ex.line + Number(m[2]) - 1}: ${m[4]}`);
    else if (line.trim() !== "") others.push(line.trim());
  }
  // A failure outside the examples (src/ itself broken) must not pass silently either.
  return { errors, others: tsc.status !== 0 && errors.length === 0 ? others : [] };
}

// Renames the `passFunction` option in a copy of src/ and expects the examples to fail:
// proof that the check really runs against the API, not against `any`.
function selfTest(examples) {
  const mutant = `${work}mutant-src/`;
  rmSync(mutant, { recursive: true, force: true });
  cpSync(`${repo}src/`, mutant, { recursive: true });
  const types = `${mutant}hooks/types.ts`;
  const text = readFileSync(types, "utf8");
  if (!text.includes("readonly passFunction?:")) throw new Error("self-test: option not found");
  writeFileSync(types, text.replace("readonly passFunction?:", "readonly passFunctionRenamed?:"));
  const { errors } = typeCheck(examples, mutant);
  const caught = errors.filter((e) => e.includes("passFunction"));
  rmSync(mutant, { recursive: true, force: true });
  return caught;
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? "").href;
if (isMain) {
  const started = performance.now();
  const examples = extractExamples();
  const { errors: found, others } = typeCheck(examples);
  const errors = [...found, ...others];
  if (errors.length > 0) {
    console.error(`docs examples: ${errors.length} type error(s):\n${errors.join("\n")}`);
    process.exit(1);
  }
  let proof = "";
  if (process.argv.includes("--self-test")) {
    const caught = selfTest(examples);
    if (caught.length === 0) {
      console.error("docs examples: self-test failed: renaming passFunction broke no example");
      process.exit(1);
    }
    proof = `; renaming passFunction breaks ${caught.length} of them (self-test)`;
  }
  const ms = Math.round(performance.now() - started);
  console.log(
    `docs examples: ${examples.length} examples type-check against src/${proof} (${ms} ms)`,
  );
}
