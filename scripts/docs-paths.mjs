// Where the docs generator reads its inputs and writes its pages. One place, so the
// generator, the VitePress config and the tests agree.
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("..", import.meta.url));
export const docs = `${repo}docs/`;

/** Inputs written by other parts of the project (never edited by the docs build). */
export const inputs = {
  supportMatrix: `${docs}support-matrix.json`,
  benchResults: `${repo}bench/results/`,
  manSources: `${repo}man/src/`,
  /** The application whose notification types the reference documents. */
  notificationsApp: `${repo}examples/notify-emitter/`,
};

/** Pages the build generates; all of them are git-ignored build output. */
export const generated = {
  api: `${docs}api/`,
  man: `${docs}man/`,
  // Not "support-matrix.md": in `vitepress dev`, /support-matrix would serve the .json.
  supportMatrix: `${docs}platform-support.md`,
  performance: `${docs}performance.md`,
  /** The Notifications reference: the demo service's types, a sample payload each. */
  notifications: `${docs}notifications.md`,
  /** Images copied from bench/results/ so Vite can serve and hash them. */
  benchAssets: `${docs}public/bench/`,
};
