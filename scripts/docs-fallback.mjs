// The page a generated section shows while its data has not been produced yet: it says
// so plainly and gives the command that produces it, instead of failing the build.

/** @param {{ title: string, what: string, source: string, command: string }} p */
export function missingDataPage({ title, what, source, command }) {
  return `# ${title}

::: warning Not produced yet
${what} has not been produced yet on this checkout: \`${source}\` does not exist.
Run \`${command}\` and then \`npm run docs:build\` (or \`npm run docs:dev\`) to generate this page.
:::
`;
}
