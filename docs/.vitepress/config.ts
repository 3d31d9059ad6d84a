// VitePress site config. The sidebar is flat: sections named for what they hold, each
// listing its pages one level deep. Generated pages (API reference, man pages) are listed
// from what `scripts/docs-generate.mjs` wrote, so a new man page or module appears by itself.
import { defineConfig } from "vitepress";
import { apiPages } from "../../scripts/docs-api.mjs";
import { readManPages } from "../../scripts/docs-man.mjs";

const man = readManPages().map((p) => ({
  text: `${p.name}(${p.section})`,
  link: `/man/${p.slug}`,
}));

export default defineConfig({
  title: "plughooks",
  description:
    "Named hooks on an application's functions, fed by plugins that installed npm packages declare in their package.json.",
  lang: "en-GB",
  cleanUrls: true,
  lastUpdated: false,
  // Build output and inputs that are data, not pages.
  srcExclude: ["screenshots/**", "**/README.md"],
  // Dead links fail the build (the default): no ignoreDeadLinks.
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  markdown: {
    // Shiki 2.5 colours the first block it ever highlights wrongly in the light theme (the
    // whole first line red); one throw-away highlight first keeps every page right.
    shikiSetup: (shiki) => {
      shiki.codeToHtml("const x = 1;", {
        lang: "ts",
        themes: { light: "github-light", dark: "github-dark" },
      });
    },
  },
  themeConfig: {
    nav: [
      { text: "API reference", link: "/api/" },
      { text: "Support matrix", link: "/platform-support" },
      { text: "Man pages", link: "/man/" },
    ],
    search: { provider: "local" },
    outline: [2, 3],
    sidebar: [
      { text: "Introduction", items: [{ text: "What hooks are for", link: "/introduction" }] },
      {
        text: "How-to guides",
        items: [
          { text: "Getting started: application authors", link: "/getting-started-applications" },
          { text: "Getting started: plugin authors", link: "/getting-started-plugins" },
          { text: "Typed hooks: one contract for both sides", link: "/typed-hooks" },
          { text: "Operating an application with plugins", link: "/operating" },
          { text: "Migrating from Nova and stevedore", link: "/migrating" },
          { text: "Hooks or notifications?", link: "/hooks-or-notifications" },
        ],
      },
      {
        text: "Reference",
        items: [
          { text: "API reference", link: "/api/" },
          ...apiPages().map((p) => ({ text: `API: ${p.text}`, link: p.link })),
          { text: "The package.json entryPoints format", link: "/entry-points-format" },
          { text: "The entryPoints JSON Schema", link: "/entry-points-schema" },
          { text: "Hook semantics", link: "/hook-semantics" },
          { text: "Notifications reference", link: "/notifications" },
          { text: "Support matrix", link: "/platform-support" },
        ],
      },
      {
        text: "Man pages (the plughooks command)",
        items: [{ text: "All man pages", link: "/man/" }, ...man],
      },
      {
        text: "Performance and comparisons",
        items: [
          { text: "Performance", link: "/performance" },
          { text: "Comparison with alternatives", link: "/comparison" },
        ],
      },
    ],
    footer: {
      message: "These docs describe the main branch, not a release. Apache-2.0.",
    },
  },
});
