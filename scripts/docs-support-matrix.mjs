// Renders docs/support-matrix.json (written by the compatibility suite, `npm run test:compat`;
// schema in test/compat/README.md) as the support matrix page. Never typed by hand.
import { existsSync, readFileSync } from "node:fs";
import { missingDataPage } from "./docs-fallback.mjs";
import { cell, generatedNote, table, vPre } from "./docs-md.mjs";
import { inputs } from "./docs-paths.mjs";

const FRONTMATTER = "---\npageClass: wide-page\naside: false\n---\n";
const TITLE = "Support matrix";
// Words, not emoji: they read the same in every font, terminal diff and screen reader.
const MARK = { pass: "pass", fail: "**FAIL**", "known-fail": "known failure" };
const WORD = MARK;

export function supportMatrixPage(file = inputs.supportMatrix) {
  if (!existsSync(file)) {
    return missingDataPage({
      title: TITLE,
      what: "The support matrix (package manager x layout x Node.js version)",
      source: "docs/support-matrix.json",
      command: "npm run test:compat",
    });
  }
  const data = JSON.parse(readFileSync(file, "utf8"));
  // A new schema must be rendered on purpose, not half-read.
  if (data.schemaVersion !== 1 || !Array.isArray(data.cells) || !Array.isArray(data.kinds)) {
    throw new Error(
      `${file}: unknown schema ${data.schemaVersion}; update scripts/docs-support-matrix.mjs`,
    );
  }
  return render(data);
}

const layoutKey = (c) => `${c.manager}\u0000${c.layout}`;
const unique = (xs) => [...new Set(xs)];

function render(data) {
  const nodes = data.versions?.node ?? unique(data.cells.map((c) => c.node));
  const layouts = unique(data.cells.map(layoutKey));
  const cellsOf = (key) => data.cells.filter((c) => layoutKey(c) === key);
  const [manager, layout] = [(k) => k.split("\u0000")[0], (k) => k.split("\u0000")[1]];
  const major = (v) => `Node ${String(v).split(".")[0]}`;

  const summary = layouts.map((key) => [
    cell(manager(key)),
    cell(layout(key)),
    ...nodes.map((node) => {
      const c = cellsOf(key).find((x) => x.node === node);
      if (!c) return "not run";
      const kinds = Object.values(c.kinds ?? {});
      const passed = kinds.filter((k) => k.status === "pass").length;
      return `${MARK[c.status] ?? "?"} ${passed}/${kinds.length}`;
    }),
  ]);

  // Per plugin kind, over every Node version: pass everywhere, or where it did not.
  const byKind = layouts.map((key) => [
    cell(`${manager(key)}, ${layout(key)}`),
    ...data.kinds.map(({ id }) => {
      const runs = cellsOf(key).filter((c) => c.kinds?.[id] !== undefined);
      if (runs.length === 0) return "n/a";
      const bad = runs.filter((c) => c.kinds[id].status !== "pass");
      if (bad.length === 0) return MARK.pass;
      return bad.map((c) => `${MARK[c.kinds[id].status] ?? "?"} ${major(c.node)}`).join("<br>");
    }),
  ]);

  const notPassing = data.cells.flatMap((c) =>
    Object.entries(c.kinds ?? {})
      .filter(([, k]) => k.status !== "pass" && !/^follows from/.test(k.reason ?? ""))
      .map(([id, k]) => ({ c, id, k })),
  );

  const parts = [
    generatedNote("docs/support-matrix.json", "npm run test:compat"),
    `# ${TITLE}\n`,
    "Where plughooks is known to discover and load plugins. For each package manager and " +
      "install layout, on each Node.js version, the compatibility suite (`npm run test:compat`) " +
      "made a fresh application, installed the packed plughooks and a set of plugin packages " +
      "with the real package manager, ran it and checked which hooks ran, in which order, and " +
      "what was reported. This page is generated from the suite's data file, " +
      "`docs/support-matrix.json`, when the docs are built.\n",
    `Run: ${cell(data.generatedAt)} (${cell(data.mode)}, ${cell(data.platform)}, plughooks ` +
      `${cell(data.plughooks)}, ${Math.round((data.durationMs ?? 0) / 1000)} s). Tools: ` +
      `${Object.entries(data.versions ?? {})
        .map(([tool, v]) => `${cell(tool)} ${cell(Array.isArray(v) ? v.join(", ") : v)}`)
        .join("; ")}.\n`,
    "## By Node.js version\n",
    "Each cell: the outcome (pass, known failure, or **FAIL**; failures are explained " +
      "below) and how many plugin kinds passed.\n",
    table(["package manager", "layout", ...nodes.map((n) => cell(major(n)))], summary),
    "",
    "## By plugin kind\n",
    "pass: passed on every Node.js version; otherwise the outcome and the versions where it " +
      "did not pass. n/a: not part of that layout.\n",
    table(["manager, layout", ...data.kinds.map((k) => `\`${cell(k.id)}\``)], byKind),
    "",
    "The plugin kinds:\n",
    table(
      ["kind", "what it checks"],
      data.kinds.map((k) => [`\`${cell(k.id)}\``, cell(k.about)]),
    ),
    "",
    "## Failures and known failures\n",
    notPassing.length === 0
      ? "None: every check passed.\n"
      : notPassing
          .map(
            ({ c, id, k }) =>
              `- **${cell(c.manager)}, ${cell(c.layout)}, Node ${cell(c.node)}, \`${cell(id)}\`** (${WORD[k.status] ?? cell(k.status)}): ${cell(k.reason ?? c.reason ?? "")}`,
          )
          .join("\n"),
    "",
    ...runtimeSection(data),
    ...indexSection(data),
    ...notificationDriversSection(),
  ];
  return FRONTMATTER + vPre(parts.join("\n"));
}

// Bun and Deno running the application and its plugins (not only installing them).
function runtimeSection(data) {
  const runs = Array.isArray(data.runtimes) ? data.runtimes : [];
  if (runs.length === 0) return [];
  const name = { bun: "Bun", deno: "Deno" };
  const rows = runs.map((r) => {
    const kinds = Object.values(r.kinds ?? {});
    const passed = kinds.filter((k) => k.status === "pass").length;
    return [
      cell(`${name[r.runtime] ?? r.runtime} ${r.version}`),
      cell(`${r.manager}, ${r.layout}`),
      r.flags ? `\`${cell(r.flags)}\`` : "none needed",
      `${MARK[r.status] ?? "?"} ${passed}/${kinds.length}`,
    ];
  });
  const failing = runs.filter((r) => r.status !== "pass");
  const checks = runs.flatMap((r) => (r.permissions ?? []).map((p) => ({ r, p })));
  return [
    "## Bun and Deno\n",
    "The same application and plugins, installed by the package manager shown, then run by " +
      "Bun or Deno instead of Node.js, checked the same way (the plugin kinds above).\n",
    table(["runtime", "installed with", "permissions", "result"], rows),
    "",
    ...failing.map((r) => `- **${cell(r.runtime)} ${cell(r.version)}**: ${cell(r.reason ?? "")}`),
    "### Deno's permissions\n",
    "plughooks needs two permissions under Deno: `--allow-env`, to read its `PLUGHOOKS_*` " +
      "variables, and `--allow-read`, to read the package.json files and plugin modules it " +
      "discovers and loads. The suite runs Deno with exactly these two:\n",
    "```sh\ndeno run --allow-env --allow-read main.js\n```\n",
    "The discovery index, which makes warm starts faster, is written only when Deno may " +
      "write (`--allow-write`); without it plughooks discovers on every start. Deno can narrow " +
      "each flag to a list of variables or folders; such lists are not tested here.\n",
    "A missing permission is not an uncaught `NotCapable`: plughooks reports " +
      "`ERR_RUNTIME_PERMISSION` with the flag to add, from `createHooks` for `--allow-env` " +
      "and from the first hooked call for `--allow-read`. The suite checks each:\n",
    checks.length === 0
      ? "No permission check in this run.\n"
      : table(
          ["run with", "missing", "result", "message"],
          checks.map(({ p }) => [
            `\`${cell(p.flags)}\``,
            `\`${cell(p.missing)}\``,
            MARK[p.status] ?? cell(p.status),
            cell(p.message ?? p.reason ?? ""),
          ]),
        ),
    "",
  ];
}

// The discovery index: after each install change, was a stale answer ever served?
function indexSection(data) {
  if (!Array.isArray(data.index) || data.index.length === 0) return [];
  const ops = unique(data.index.flatMap((r) => (r.steps ?? []).map((s) => s.op)));
  const rows = data.index.map((r) => [
    cell(`${r.manager}, ${r.layout}`),
    cell(r.node),
    ...ops.map((op) => {
      const step = (r.steps ?? []).find((s) => s.op === op);
      return step ? (MARK[step.status] ?? cell(step.status)) : "n/a";
    }),
  ]);
  return [
    "## Discovery index freshness\n",
    "plughooks keeps the result of discovery in an index file so that a warm start reads " +
      "one file. For each layout, the suite changed the installation with the real package " +
      "manager and checked that the next start saw the change (never a stale answer).\n",
    table(["manager, layout", "Node", ...ops.map(cell)], rows),
    "",
  ];
}

// Not from the compatibility suite: the notification tests (test/notifications/, the broker
// ones in with-broker/) cover these. Keep in step with them and with scripts/ensure-rabbitmq.sh.
function notificationDriversSection() {
  return [
    "## Notification drivers\n",
    "Notification drivers `noop`, `log`, `memory`, `routing`: tested in process on Node 20. " +
      "`amqp` (`@plughooks/notify-amqp`, amqplib 2.3.1): tested against RabbitMQ 3.10.8 " +
      "(Debian bookworm `rabbitmq-server`, Erlang 25.2.3) on 127.0.0.1 — emitter and listener " +
      "processes end to end, broker killed and restarted, refused connection, memory alarm, " +
      "malformed message, wrong password. Other AMQP 0-9-1 brokers and RabbitMQ 3.11+/4.x: " +
      "not tested.\n",
    "These come from the notification tests (`test/notifications/`, run by `npm test`), not " +
      "from the compatibility suite.\n",
  ];
}
