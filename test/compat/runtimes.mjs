// Runtimes other than Node.js that run the host: Bun and Deno, each with its Node.js
// compatibility, on an installation made by a package manager (`layouts`). `fast`: part of
// the CI subset (`--fast`).

// Deno's minimum permissions for plughooks: the PLUGHOOKS_* variables, and the package.json
// files and plugin modules it discovers and loads. Nothing else: the discovery index then
// lives in node_modules/.cache when Deno may write there (--allow-write), and in the user's
// cache folder only with --allow-sys=homedir as well.
export const DENO_FLAGS = ["--allow-env", "--allow-read"];

export const RUNTIMES = [
  {
    id: "bun",
    layouts: ["npm", "bun"],
    // Not in the CI subset: fetching bun (about 20 s on a fresh machine) would double the
    // subset's added time; Deno, whose permission messages are plughooks' own code, is in.
    fast: false,
    version: (v) => v,
    command: (bin, host, args) => [bin, [host, ...args]],
  },
  {
    id: "deno",
    layouts: ["npm"],
    fast: true,
    flags: DENO_FLAGS,
    // `deno --version` prints three lines: "deno 2.9.6 (stable, ...)", v8, typescript.
    version: (v) => v.split("\n")[0].split(" ")[1],
    command: (bin, host, args, flags = DENO_FLAGS) => [bin, ["run", ...flags, host, ...args]],
    // Each missing permission must be refused with ERR_RUNTIME_PERMISSION naming its flag.
    permissionChecks: [
      { flags: ["--allow-read"], missing: "--allow-env" },
      { flags: ["--allow-env"], missing: "--allow-read" },
    ],
  },
];

/** The managers' environment, plus Deno's cache in the run's folder and no update check. */
export function runtimeEnv(env, ctx) {
  return {
    ...env,
    DENO_DIR: `${ctx.tmp}/deno-dir`,
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
    NO_COLOR: "1",
  };
}
