// What the host must print for a given set of installed plugins, and the per-kind verdicts.

/** Plugin kinds (matrix columns) and the package proving each. */
export const KINDS = [
  {
    id: "esm",
    package: "acme-esm",
    about: "ES module plugin, class export, loaded by a sync call",
  },
  { id: "cjs", package: "acme-cjs", about: "CommonJS plugin, default export = module.exports" },
  {
    id: "exports-map",
    package: "acme-exports",
    about: "reference through the plugin's own exports map",
  },
  {
    id: "transitive",
    package: "acme-transitive",
    about: "plugin that is only a dependency of a dependency",
  },
  {
    id: "scoped",
    package: "@acme/scoped",
    about: "scoped package, attribute path after the export",
  },
  { id: "two-hooks", package: "acme-multi", about: "one package registering two hook names" },
  {
    id: "peer-dep",
    package: "acme-peer",
    about: "plugin importing plughooks as a peer dependency gets the host's instance",
  },
  { id: "root", package: "compat-host", about: "entry point declared by the application itself" },
  {
    id: "workspace",
    package: "local-plugin",
    about: "plugin that is a sibling workspace (workspace layouts)",
  },
  {
    id: "broken",
    package: "acme-broken",
    about: "plugin throwing on import: reported, others still run",
  },
  { id: "order", package: null, about: "every pre, the call, every post, in package-name order" },
  {
    id: "load-first",
    package: null,
    about: "the same run when the app awaits hooks.load() before the first call",
  },
];

/** Hooks each package registers: name -> hook names, for the initial install. */
export function initialHooks(workspace) {
  const hooks = {
    "acme-esm": ["resize_hook"],
    "acme-cjs": ["resize_hook"],
    "acme-exports": ["resize_hook"],
    "acme-transitive": ["resize_hook"],
    "@acme/scoped": ["resize_hook"],
    "acme-multi": ["resize_hook", "build_hook"],
    "acme-peer": ["resize_hook"],
    "compat-host": ["resize_hook"],
  };
  if (workspace) hooks["local-plugin"] = ["resize_hook"];
  return hooks;
}

const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The exact event list for `resize(1)` then `await build(2)`. */
export function expectedEvents(hooks) {
  const names = Object.keys(hooks).sort(byName);
  const around = (hook, args, result, fn) => {
    const withHook = names.filter((n) => hooks[n].includes(hook));
    return [
      ...withHook.map((n) => `${n}:pre:${hook}:${JSON.stringify(args)}`),
      `fn:${fn}:${JSON.stringify(args)}`,
      ...withHook.map((n) => `${n}:post:${hook}:${JSON.stringify([result, ...args])}`),
    ];
  };
  return [...around("resize_hook", [1], 2, "resize"), ...around("build_hook", [2], 4, "build")];
}

/** Per-kind verdicts `{ id: { status, reason? } }` for one host run. */
export function judge(result, hooks, workspace) {
  const verdicts = {};
  const fail = (id, reason) => {
    verdicts[id] = { status: "fail", reason };
  };
  if (!result || result.error) {
    const reason = result ? firstLine(result.error) : "the host printed no result";
    for (const k of KINDS) if (k.id !== "workspace" || workspace) fail(k.id, reason);
    return verdicts;
  }
  const events = result.events ?? [];
  const problems = result.problems ?? [];
  const expected = expectedEvents(hooks);
  for (const kind of KINDS) {
    if (kind.id === "workspace" && !workspace) continue;
    if (kind.id === "load-first") continue; // judged by judgeLoadFirst
    if (kind.id === "order") {
      const at = firstDifference(events, expected);
      if (at < 0) verdicts.order = { status: "pass" };
      else
        fail(
          "order",
          `event ${at}: got ${events[at] ?? "(none)"}, expected ${expected[at] ?? "(none)"}`,
        );
      continue;
    }
    const own = problems.filter((p) => p.package === kind.package);
    if (kind.id === "broken") {
      const logged = (result.logged ?? []).some((l) => l.includes(kind.package));
      if (own.length > 0 || logged) verdicts.broken = { status: "pass", note: own[0]?.code };
      else fail("broken", "the broken plugin was not reported");
      continue;
    }
    const want = expected.filter((e) => e.startsWith(`${kind.package}:`));
    const missing = want.filter((e) => !events.includes(e));
    if (own.length > 0) fail(kind.id, `${own[0].code}: ${firstLine(own[0].message)}`);
    else if (missing.length > 0) fail(kind.id, `did not run: ${missing[0]}`);
    else verdicts[kind.id] = { status: "pass" };
  }
  return verdicts;
}

function firstDifference(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

function firstLine(text) {
  return String(text).split("\n")[0].slice(0, 300);
}

/** The "load-first" verdict: the exact event list, and no problem but the broken plugin's. */
export function judgeLoadFirst(result, hooks) {
  if (!result || result.error)
    return { status: "fail", reason: result ? firstLine(result.error) : "no result" };
  const events = result.events ?? [];
  const expected = expectedEvents(hooks);
  const at = firstDifference(events, expected);
  if (at >= 0)
    return {
      status: "fail",
      reason: `event ${at}: got ${events[at] ?? "(none)"}, expected ${expected[at] ?? "(none)"}`,
    };
  const other = (result.problems ?? []).find((p) => p.package !== "acme-broken");
  if (other) return { status: "fail", reason: `${other.code}: ${firstLine(other.message)}` };
  return { status: "pass" };
}
