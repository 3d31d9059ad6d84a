// Package managers and the layouts the suite installs with them. Each layout says how to
// configure a fresh project, and the commands to install, add, remove and upgrade.
import { lstatSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const yarnClassic = join(repo, "node_modules/yarn/bin/yarn.js");
const yarnBerry = join(repo, "node_modules/@yarnpkg/cli-dist/bin/yarn.js");
// pnpm >= 11 ships a native executable (the package's `pnpm` bin).
const pnpm = join(repo, "node_modules/.bin/pnpm");

/**
 * Commands per manager: `[executable, ...args]` for node-hosted ones, run with the suite's
 * own Node; bun's binary comes from the suite's tool cache (`ctx.bun`).
 */
const MANAGERS = {
  npm: {
    cli: () => ["npm"],
    install: () => ["install"],
    add: (spec, ws) => ["install", spec, ...(ws ? ["-w", "packages/app"] : [])],
    remove: (name, ws) => ["uninstall", name, ...(ws ? ["-w", "packages/app"] : [])],
    // Workspace adds run from the root with -w; the others run in the app folder.
    opsFromRoot: true,
  },
  pnpm: {
    cli: () => [pnpm],
    install: () => ["install", "--no-frozen-lockfile"],
    add: (spec) => ["add", spec],
    remove: (name) => ["remove", name],
  },
  "yarn-classic": {
    cli: () => [process.execPath, yarnClassic],
    install: () => ["install", "--non-interactive", "--no-progress"],
    add: (spec) => ["add", spec, "--non-interactive", "--no-progress"],
    remove: (name) => ["remove", name, "--non-interactive", "--no-progress"],
  },
  "yarn-berry": {
    cli: () => [process.execPath, yarnBerry],
    install: () => ["install"],
    add: (spec) => ["add", spec],
    remove: (name) => ["remove", name],
  },
  bun: {
    cli: (ctx) => [ctx.bun()],
    install: () => ["install"],
    add: (spec) => ["add", spec],
    remove: (name) => ["remove", name],
  },
};

// Proofs that a layout is what it claims (so a pass is not a hoisted install in disguise):
// `[path relative to the project root, "dir" | "link" | "file" | "absent"]`.
const NM = "node_modules";
const SIGNATURES = {
  npm: [
    [`${NM}/acme-transitive`, "dir"],
    [`${NM}/.package-lock.json`, "file"],
  ],
  "npm-nested": [
    [`${NM}/acme-transitive`, "absent"],
    [`${NM}/acme-parent/${NM}/acme-transitive`, "dir"],
  ],
  "npm-workspaces": [
    [`${NM}/local-plugin`, "link"],
    [`packages/app/${NM}`, "absent"],
  ],
  pnpm: [
    [`${NM}/.pnpm`, "dir"],
    [`${NM}/acme-esm`, "link"],
    [`${NM}/acme-transitive`, "absent"],
  ],
  "pnpm-hoisted": [
    [`${NM}/.modules.yaml`, "file"],
    [`${NM}/acme-transitive`, "dir"],
  ],
  "pnpm-workspaces": [
    [`packages/app/${NM}/acme-esm`, "link"],
    [`packages/app/${NM}/acme-transitive`, "absent"],
  ],
  "yarn-classic": [
    [`${NM}/.yarn-integrity`, "file"],
    [`${NM}/acme-transitive`, "dir"],
  ],
  "yarn-pnp": [
    [".pnp.cjs", "file"],
    [NM, "absent"],
  ],
  "yarn-node-modules": [
    [`${NM}/.yarn-state.yml`, "file"],
    [`${NM}/acme-transitive`, "dir"],
  ],
  bun: [
    ["bun.lock", "file"],
    [`${NM}/acme-transitive`, "dir"],
  ],
  "bun-isolated": [
    [`${NM}/.bun`, "dir"],
    [`${NM}/acme-esm`, "link"],
    [`${NM}/acme-transitive`, "absent"],
  ],
};

/** `null` when the installed project has its layout's signature, else what is wrong. */
export function checkLayout(layout, project) {
  for (const [rel, want] of SIGNATURES[layout.id] ?? []) {
    const st = lstatSync(join(project.root, rel), { throwIfNoEntry: false });
    const got = !st ? "absent" : st.isSymbolicLink() ? "link" : st.isDirectory() ? "dir" : "file";
    if (got !== want) return `layout is not ${layout.layout}: ${rel} is ${got}, expected ${want}`;
  }
  return null;
}

/** Every layout of the matrix. `fast` marks the CI subset. */
export const LAYOUTS = [
  { id: "npm", manager: "npm", layout: "default (hoisted)", fast: true },
  { id: "npm-nested", manager: "npm", layout: "install-strategy=nested", fast: true },
  { id: "npm-workspaces", manager: "npm", layout: "workspaces", workspace: true, fast: true },
  { id: "pnpm", manager: "pnpm", layout: "default (isolated)", fast: true },
  { id: "pnpm-hoisted", manager: "pnpm", layout: "node-linker=hoisted", fast: true },
  { id: "pnpm-workspaces", manager: "pnpm", layout: "workspaces", workspace: true, fast: true },
  { id: "yarn-classic", manager: "yarn-classic", layout: "node_modules" },
  { id: "yarn-pnp", manager: "yarn-berry", layout: "pnp", fast: true },
  { id: "yarn-node-modules", manager: "yarn-berry", layout: "nodeLinker: node-modules" },
  { id: "bun", manager: "bun", layout: "default (hoisted)" },
  { id: "bun-isolated", manager: "bun", layout: "linker=isolated" },
];

export function managerOf(layout) {
  return MANAGERS[layout.manager];
}

/**
 * Writes the project: the root (and, for workspaces, `packages/app` + `packages/local-plugin`),
 * each manager's config pointing at the loopback registry and at caches inside `ctx.tmp`.
 * Returns `{ root, app }`.
 */
export function createProject(dir, layout, ctx, appManifest, writePackage, workspacePlugin) {
  const ws = layout.workspace === true;
  const app = ws ? join(dir, "packages/app") : dir;
  const m = layout.manager;
  const deps = { ...appManifest.dependencies };
  if (ws) deps["local-plugin"] = m === "npm" ? "1.0.0" : "workspace:*";
  writePackage(app, { manifest: { ...appManifest, dependencies: deps }, files: {} });
  if (ws) {
    writePackage(join(dir, "packages/local-plugin"), workspacePlugin);
    const root = { name: "compat-root", version: "1.0.0", private: true };
    if (m !== "pnpm") root.workspaces = ["packages/*"];
    writeFileSync(join(dir, "package.json"), `${JSON.stringify(root, null, 2)}\n`);
  }
  const registry = ctx.registry;
  // npm and Yarn classic read .npmrc; pnpm reads only registry/auth settings from it.
  const npmrc = [`registry=${registry}`, "audit=false", "fund=false", "update-notifier=false"];
  if (layout.id === "npm-nested") npmrc.push("install-strategy=nested");
  writeFileSync(join(dir, ".npmrc"), `${npmrc.join("\n")}\n`);
  if (m === "pnpm") {
    // pnpm >= 11 takes every other setting from pnpm-workspace.yaml only.
    const lines = [
      `storeDir: ${JSON.stringify(join(ctx.tmp, "pnpm-store"))}`,
      "minimumReleaseAge: 0",
    ];
    if (layout.id === "pnpm-hoisted") lines.push("nodeLinker: hoisted");
    if (ws) lines.unshift("packages:", '  - "packages/*"');
    writeFileSync(join(dir, "pnpm-workspace.yaml"), `${lines.join("\n")}\n`);
  }
  if (m === "yarn-classic") writeFileSync(join(dir, ".yarnrc"), `registry "${registry}"\n`);
  if (m === "yarn-berry") {
    const linker = layout.id === "yarn-pnp" ? "pnp" : "node-modules";
    const yml = [
      `nodeLinker: ${linker}`,
      `npmRegistryServer: "${registry.replace(/\/$/, "")}"`,
      'unsafeHttpWhitelist: ["127.0.0.1"]',
      "enableTelemetry: false",
      "enableGlobalCache: false",
      "enableImmutableInstalls: false",
      "enableProgressBars: false",
    ];
    writeFileSync(join(dir, ".yarnrc.yml"), `${yml.join("\n")}\n`);
    writeFileSync(join(dir, "yarn.lock"), ""); // marks the project root for Berry
  }
  if (m === "bun") {
    const toml = ["[install]", `registry = "${registry}"`, "saveTextLockfile = true"];
    if (layout.id === "bun-isolated") toml.push('linker = "isolated"');
    else toml.push('linker = "hoisted"');
    writeFileSync(join(dir, "bunfig.toml"), `${toml.join("\n")}\n`);
  }
  const outside = join(dir, "..", `${layout.id}-elsewhere`);
  mkdirSync(outside, { recursive: true });
  return { root: dir, app, outside };
}

/** The environment every manager runs with: nothing of the user's config, caches in tmp. */
export function managerEnv(ctx, layoutManager) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // `npm run` exports npm_config_* (and CI=true makes pnpm and Berry refuse lockfile
    // changes): a child manager must not inherit them.
    if (/^(npm_|yarn_|pnpm_|bun_|npm_config)/i.test(k)) continue;
    if (["CI", "NODE_OPTIONS", "INIT_CWD", "COREPACK_ENABLE_STRICT"].includes(k)) continue;
    env[k] = v;
  }
  const home = join(ctx.tmp, "home");
  mkdirSync(home, { recursive: true });
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_STATE_HOME: join(home, ".local/state"),
    npm_config_cache: join(ctx.tmp, "npm-cache"),
    npm_config_update_notifier: "false",
    // Yarn classic only: Berry reads YARN_CACHE_FOLDER too, and must keep its default
    // (the project's .yarn/cache, as enableGlobalCache is off) to stay a common setup.
    ...(layoutManager === "yarn-classic"
      ? { YARN_CACHE_FOLDER: join(ctx.tmp, "yarn-classic-cache") }
      : {}),
    YARN_ENABLE_GLOBAL_CACHE: "0",
    YARN_ENABLE_TELEMETRY: "0",
    YARN_IGNORE_PATH: "1",
    BUN_INSTALL_CACHE_DIR: join(ctx.tmp, "bun-cache"),
    DO_NOT_TRACK: "1",
    COREPACK_ENABLE_STRICT: "0",
  };
}

/**
 * How to run the host with a given node binary: Yarn PnP needs its runtime patched in the
 * way `yarn node` does it (`--require .pnp.cjs` and the ESM loader).
 */
export function hostCommand(layout, project, nodeBin, args) {
  const env = {};
  if (layout.id === "yarn-pnp") {
    const opts = [`--require ${join(project.root, ".pnp.cjs")}`];
    const loader = join(project.root, ".pnp.loader.mjs");
    opts.push(`--experimental-loader ${pathToFileURL(loader).href}`);
    env.NODE_OPTIONS = opts.join(" ");
  }
  // Started from outside the project: `root: import.meta.url` must find the app anyway.
  return {
    cmd: nodeBin,
    args: [join(project.app, "host.mjs"), ...args],
    cwd: project.outside,
    env,
  };
}

/** Where add/remove run (workspace npm runs from the root with -w). */
export function opsCwd(layout, project) {
  return layout.workspace && managerOf(layout).opsFromRoot ? project.root : project.app;
}

export const relativeTo = (from, to) => relative(from, to) || ".";
