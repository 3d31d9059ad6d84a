// Small decorated classes compiled with the TypeScript API, once per decorator flavour: TC39
// standard decorators (what TypeScript 5 emits by default) and legacy experimentalDecorators.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { tmpDir } from "./paths.js";

const source = (isAsync) => `
export function build(hooks: any, name: string) {
  class Service {
    @hooks.addHook(name)
    ${isAsync ? "async " : ""}run(x: number) {
      return x + 1;
    }
  }
  return new Service();
}
`;

/**
 * Returns `build(hooks, name)`, which defines a class whose `run` method is decorated with
 * `hooks.addHook(name)` and returns an instance. `legacy`: compile with experimentalDecorators.
 */
export async function decoratedFixture({ legacy, isAsync }) {
  const { outputText } = ts.transpileModule(source(isAsync), {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      experimentalDecorators: legacy,
    },
  });
  const dir = join(tmpDir, "fixtures");
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `decorated-${legacy ? "legacy" : "standard"}-${isAsync ? "async" : "sync"}.mjs`,
  );
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)).build;
}
