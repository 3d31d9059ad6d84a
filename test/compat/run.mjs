#!/usr/bin/env node
// The real-install compatibility suite. See README.md beside this file.
//   node test/compat/run.mjs            full matrix -> docs/support-matrix.json
//   node test/compat/run.mjs --fast     CI subset (npm, pnpm, Yarn PnP; default Node)
//   options: --only=npm,yarn-pnp  --nodes=default,22  --out=FILE  --keep (keep temp folders)
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initialHooks, judge, judgeLoadFirst, KINDS } from "./expect.mjs";
import { GROUP, packPackage, pluginPackages, workspacePlugin, writePackage } from "./fixtures.mjs";
import { knownFailure } from "./known-failures.mjs";
import {
  checkLayout,
  createProject,
  hostCommand,
  LAYOUTS,
  managerEnv,
  managerOf,
  opsCwd,
} from "./managers.mjs";
import { startRegistry } from "./registry.mjs";
import { RUNTIMES, runtimeEnv } from "./runtimes.mjs";
import { changed, snapshot } from "./state.mjs";
import { ensureBun, ensureDeno, ensureNode, versionOf } from "./tools.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? true];
  }),
);
const fast = args.fast === true;
const mode = fast ? "fast" : "full";
const started = Date.now();
const log = (msg) =>
  console.log(`[compat ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

/** Runs a command; resolves `{ code, stdout, stderr, ms }` (never rejects). */
function exec(cmd, argv, { cwd, env, timeout = 240_000 } = {}) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}`, ms: Date.now() - t0 });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? `signal ${signal}` : -1),
        stdout,
        stderr,
        ms: Date.now() - t0,
      });
    });
  });
}

function tail(text, lines = 6) {
  return text.trim().split("\n").slice(-lines).join("\n");
}

function parseResult(stdout) {
  const line = stdout.split("\n").find((l) => l.startsWith("COMPAT-RESULT "));
  return line ? JSON.parse(line.slice("COMPAT-RESULT ".length)) : null;
}

async function main() {
  const layouts = LAYOUTS.filter((l) => (fast ? l.fast : true)).filter(
    (l) => typeof args.only !== "string" || args.only.split(",").includes(l.id),
  );
  const tmp = mkdtempSync(join(tmpdir(), "plughooks-compat-"));
  log(`mode ${mode}; temp ${tmp}; layouts: ${layouts.map((l) => l.id).join(", ")}`);
  const ctx = { tmp, registry: "", bunBin: null, bun: () => ctx.bunBin, bins: {} };

  // Node binaries: the default one, plus (full matrix) one per major from the registry.
  const nodeSpecs =
    typeof args.nodes === "string"
      ? args.nodes.split(",")
      : fast
        ? ["default"]
        : ["default", "20", "22", "24", "latest"];
  const nodes = [];
  for (const spec of nodeSpecs) {
    const bin = spec === "default" ? process.execPath : await ensureNode(spec, log);
    const version = await versionOf([bin]);
    if (!nodes.some((n) => n.version === version)) nodes.push({ spec, bin, version });
  }
  // Runtime cells: Bun and Deno run the host on installations made by a package manager.
  const runtimes = RUNTIMES.filter((r) => (fast ? r.fast : true)).filter((r) =>
    layouts.some((l) => r.layouts.includes(l.id)),
  );
  if (layouts.some((l) => l.manager === "bun") || runtimes.some((r) => r.id === "bun"))
    ctx.bunBin = await ensureBun(log);
  ctx.bins.bun = ctx.bunBin;
  if (runtimes.some((r) => r.id === "deno")) ctx.bins.deno = await ensureDeno(log);

  // Pack plughooks (dist/ must be built) and the fixtures; publish all to the loopback registry.
  const registry = await startRegistry();
  ctx.registry = registry.url;
  // --ignore-scripts: `prepack` would build again (npm run test:compat has just built).
  const packed = await exec(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp],
    {
      cwd: repo,
      env: managerEnv(ctx),
    },
  );
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${tail(packed.stderr)}`);
  const plughooksManifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
  registry.publish(plughooksManifest, join(tmp, JSON.parse(packed.stdout)[0].filename));
  for (const p of pluginPackages())
    registry.publish(p.manifest, await packPackage(join(tmp, "stage"), join(tmp, "tarballs"), p));
  log(`registry ${registry.url} serves plughooks@${plughooksManifest.version} and the fixtures`);

  const versions = { node: nodes.map((n) => n.version) };
  for (const r of runtimes) versions[r.id] ??= await versionOf([ctx.bins[r.id]]).then(r.version);
  const cells = [];
  const runtimeCells = [];
  const indexResults = [];
  try {
    for (const layout of layouts) {
      const m = managerOf(layout);
      const cli = m.cli(ctx);
      versions[layout.manager] ??= await versionOf(cli).catch((e) => `unknown (${e.message})`);
      const project = createProject(
        join(tmp, layout.id),
        layout,
        ctx,
        appManifest(plughooksManifest.version),
        writePackage,
        workspacePlugin(),
      );
      copyFileSync(
        fileURLToPath(new URL("./host-app.mjs", import.meta.url)),
        join(project.app, "host.mjs"),
      );
      writeFileSync(join(project.app, "root-hook.js"), rootHookSource());
      const env = managerEnv(ctx, layout.manager);
      const inst = await exec(cli[0], [...cli.slice(1), ...m.install()], {
        cwd: project.root,
        env,
      });
      const layoutProblem = inst.code === 0 ? checkLayout(layout, project) : null;
      log(
        `${layout.id}: ${layout.manager} install -> exit ${inst.code} in ${inst.ms} ms${layoutProblem ? `; ${layoutProblem}` : ""}`,
      );
      const hooks = initialHooks(layout.workspace === true);
      for (const node of nodes) {
        const cell = {
          manager: layout.manager,
          layout: layout.layout,
          layoutId: layout.id,
          node: node.version,
          installMs: inst.ms,
        };
        if (inst.code !== 0) {
          cell.status = "fail";
          cell.reason = `install failed: ${tail(inst.stderr || inst.stdout, 3)}`;
          cell.kinds = Object.fromEntries(
            KINDS.filter((k) => k.id !== "workspace" || layout.workspace).map((k) => [
              k.id,
              { status: "fail", reason: "install failed" },
            ]),
          );
        } else {
          const host = hostCommand(layout, project, node.bin, []);
          const r = await exec(host.cmd, host.args, {
            cwd: host.cwd,
            env: { ...env, ...host.env },
            timeout: 60_000,
          });
          const result = parseResult(r.stdout);
          if (!result) cell.hostOutput = tail(`${r.stdout}\n${r.stderr}`, 8);
          cell.kinds = judge(result, hooks, layout.workspace === true);
          const first = hostCommand(layout, project, node.bin, ["load-first"]);
          const lf = await exec(first.cmd, first.args, {
            cwd: first.cwd,
            env: { ...env, ...first.env },
            timeout: 60_000,
          });
          cell.kinds["load-first"] = judgeLoadFirst(parseResult(lf.stdout), hooks);
          applyKnownFailures(cell, layout.id, node.version);
          cell.runMs = r.ms;
          if (layoutProblem) {
            cell.status = "fail";
            cell.reason = layoutProblem;
          }
        }
        cells.push(cell);
        log(
          `${layout.id} on node ${node.version}: ${cell.status.toUpperCase()}${cell.reason ? ` (${cell.reason.slice(0, 200)})` : ""}`,
        );
      }
      for (const rt of runtimes.filter((r) => r.layouts.includes(layout.id))) {
        const cell = await runtimeCell(rt, ctx, versions[rt.id], layout, project, env, inst, hooks);
        runtimeCells.push(cell);
        log(
          `${rt.id} ${versions[rt.id]} on the ${layout.id} install: ${cell.status.toUpperCase()}${cell.reason ? ` (${cell.reason.slice(0, 200)})` : ""}`,
        );
      }
      if (inst.code === 0 && args["no-index"] !== true) {
        indexResults.push(await indexSteps(layout, project, cli, m, env, nodes[0]));
      }
    }
  } finally {
    await registry.close();
    if (args.keep !== true) rmSync(tmp, { recursive: true, force: true });
  }

  const matrix = {
    $schema: "test/compat/README.md#the-result-file",
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    mode,
    durationMs: Date.now() - started,
    platform: `${process.platform}-${process.arch}`,
    plughooks: plughooksManifest.version,
    group: GROUP,
    versions,
    kinds: KINDS.map(({ id, about }) => ({ id, about })),
    cells,
    runtimes: runtimeCells,
    index: indexResults,
  };
  const out =
    typeof args.out === "string"
      ? args.out
      : fast
        ? join(repo, "test-results/compat-fast.json")
        : join(repo, "docs/support-matrix.json");
  mkdirSync(join(out, ".."), { recursive: true });
  // The run's temporary folder means nothing to a reader of the matrix.
  writeFileSync(out, `${JSON.stringify(matrix, null, 2).replaceAll(tmp, "<tmp>")}\n`);
  printSummary([...cells, ...runtimeCells.map(asSummaryRow)], indexResults);
  const all = [...cells, ...runtimeCells];
  const count = (status) => all.filter((c) => c.status === status).length;
  const indexFailed = indexResults.filter((i) => i.status !== "pass").length;
  const failures = count("fail") + indexFailed;
  log(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The closing line in the plain "N passed, N failed" form CI reads.
  console.log(
    `compat: ${count("pass") + indexResults.length - indexFailed} passed, ${failures} failed, ${count("known-fail")} skipped`,
  );
  process.exitCode = failures > 0 ? 1 : 0;
}

/**
 * One runtime cell: the runtime (Bun, Deno) runs the host on an installation made by a
 * package manager, judged like a Node cell; Deno's cell also checks that each missing
 * permission is refused with ERR_RUNTIME_PERMISSION naming its flag.
 */
async function runtimeCell(rt, ctx, version, layout, project, env, inst, hooks) {
  const cell = {
    runtime: rt.id,
    version,
    manager: layout.manager,
    layout: layout.layout,
    layoutId: layout.id,
    ...(rt.flags ? { flags: rt.flags.join(" ") } : {}),
  };
  if (inst.code !== 0) {
    cell.status = "fail";
    cell.reason = "install failed";
    cell.kinds = {};
    return cell;
  }
  const host = join(project.app, "host.mjs");
  const run = (hostArgs, flags) => {
    const [cmd, argv] = rt.command(ctx.bins[rt.id], host, hostArgs, flags);
    return exec(cmd, argv, { cwd: project.outside, env: runtimeEnv(env, ctx), timeout: 60_000 });
  };
  const r = await run([]);
  const result = parseResult(r.stdout);
  if (!result) cell.hostOutput = tail(`${r.stdout}\n${r.stderr}`, 8);
  cell.kinds = judge(result, hooks, layout.workspace === true);
  cell.kinds["load-first"] = judgeLoadFirst(parseResult((await run(["load-first"])).stdout), hooks);
  cell.runMs = r.ms;
  applyKnownFailures(cell, `${rt.id}:${layout.id}`, version);
  for (const check of rt.permissionChecks ?? []) {
    const got = parseResult((await run([], check.flags)).stdout);
    const refused =
      got?.errorCode === "ERR_RUNTIME_PERMISSION" && String(got.error).includes(check.missing);
    const verdict = {
      flags: check.flags.join(" ") || "(none)",
      missing: check.missing,
      status: refused ? "pass" : "fail",
      ...(refused
        ? { message: String(got.error).split("\n")[0] }
        : {
            reason: `expected ERR_RUNTIME_PERMISSION naming ${check.missing}, got ${got ? (got.errorCode ?? "no error") : "no result"}`,
          }),
    };
    cell.permissions = [...(cell.permissions ?? []), verdict];
    if (!refused) {
      cell.status = "fail";
      cell.reason = [cell.reason, `without ${check.missing}: ${verdict.reason}`]
        .filter(Boolean)
        .join("; ");
    }
  }
  return cell;
}

/** A runtime cell as a row of the printed summary. */
function asSummaryRow(c) {
  return { ...c, layoutId: `${c.runtime} (${c.layoutId} install)`, node: c.version };
}

/** Marks known failures, sets the cell's status and reason. */
function applyKnownFailures(cell, layoutId, nodeVersion) {
  for (const [kind, verdict] of Object.entries(cell.kinds)) {
    const known = knownFailure(layoutId, nodeVersion, kind);
    if (known && verdict.status === "fail") {
      cell.kinds[kind] = { status: "known-fail", reason: `${verdict.reason} -- ${known.reason}` };
    } else if (known) {
      verdict.note = "listed as a known failure but passed: remove it from known-failures.mjs";
      log(`NOTE ${layoutId} node ${nodeVersion} ${kind}: ${verdict.note}`);
    }
  }
  // "order" fails whenever any plugin did not run: when every other failure is known, it
  // is a consequence of them, not a failure of its own.
  const failed = () => Object.entries(cell.kinds).filter(([, v]) => v.status === "fail");
  const knownKinds = Object.entries(cell.kinds).filter(([, v]) => v.status === "known-fail");
  if (failed().length === 1 && failed()[0][0] === "order" && knownKinds.length > 0) {
    cell.kinds.order = {
      status: "known-fail",
      reason: `follows from: ${knownKinds.map(([k]) => k).join(", ")}`,
    };
  }
  const bad = failed();
  cell.status = bad.length > 0 ? "fail" : knownKinds.length > 0 ? "known-fail" : "pass";
  const listed = Object.entries(cell.kinds).filter(([, v]) => v.status !== "pass");
  if (listed.length > 0) cell.reason = listed.map(([k, v]) => `${k}: ${v.reason}`).join("; ");
}

function appManifest(plughooksVersion) {
  return {
    name: "compat-host",
    version: "1.0.0",
    private: true,
    type: "module",
    dependencies: {
      plughooks: plughooksVersion,
      "acme-esm": "1.0.0",
      "acme-cjs": "^1.0.0",
      "acme-exports": "^1.0.0",
      "acme-parent": "^1.0.0",
      "@acme/scoped": "^1.0.0",
      "acme-multi": "^1.0.0",
      "acme-peer": "^1.0.0",
      "acme-broken": "^1.0.0",
    },
    entryPoints: { [GROUP]: { resize_hook: "./root-hook.js:RootHook" } },
  };
}

function rootHookSource() {
  return `function record(event, args) { (globalThis.__compat ??= []).push(\`\${event}:\${JSON.stringify(args)}\`); }
export class RootHook {
  pre(...args) { record("compat-host:pre:resize_hook", args); }
  post(...args) { record("compat-host:post:resize_hook", args); }
}
`;
}

/**
 * The discovery index against real package-manager operations: after each of add, remove
 * and upgrade, discovery with the index (default) must equal discovery without it
 * (PLUGHOOKS_INDEX=0). Also records which state files each operation changed (evidence).
 */
async function indexSteps(layout, project, cli, m, env, node) {
  const ws = layout.workspace === true;
  const discover = async (extraEnv) => {
    const host = hostCommand(layout, project, node.bin, ["discover"]);
    const r = await exec(host.cmd, host.args, {
      cwd: host.cwd,
      env: { ...env, ...host.env, NODE_DEBUG: "plughooks", ...extraEnv },
      timeout: 60_000,
    });
    const result = parseResult(r.stdout);
    const indexLines = r.stderr
      .split("\n")
      .filter((l) => /index/i.test(l))
      .map((l) => l.replace(/^PLUGHOOKS \d+: /, ""));
    return {
      list: result?.entryPoints ?? null,
      error: result?.error ?? (result ? undefined : tail(r.stderr, 4)),
      indexLines,
    };
  };
  const ops = [
    { op: "warm start (no change)", argv: null, expect: (l) => l },
    { op: "add acme-late", argv: m.add("acme-late@1.0.0", ws) },
    { op: "remove acme-cjs", argv: m.remove("acme-cjs", ws) },
    { op: "upgrade acme-esm 1.0.0 -> 1.1.0", argv: m.add("acme-esm@1.1.0", ws) },
  ];
  const steps = [];
  await discover({}); // cold: builds the index
  let status = "pass";
  for (const { op, argv } of ops) {
    const before = snapshot(project);
    if (argv) {
      const r = await exec(cli[0], [...cli.slice(1), ...argv], {
        cwd: opsCwd(layout, project),
        env,
      });
      if (r.code !== 0) {
        steps.push({
          op,
          status: "fail",
          reason: `${layout.manager} failed: ${tail(r.stderr || r.stdout, 3)}`,
        });
        status = "fail";
        break;
      }
    }
    const changedPaths = changed(before, snapshot(project));
    const withIndex = await discover({});
    const without = await discover({ PLUGHOOKS_INDEX: "0" });
    const step = { op, changed: changedPaths, index: withIndex.indexLines };
    if (withIndex.error || without.error) {
      step.status = "fail";
      step.reason = withIndex.error ?? without.error;
    } else if (JSON.stringify(withIndex.list) !== JSON.stringify(without.list)) {
      step.status = "fail";
      step.reason = `stale: index gave ${JSON.stringify(withIndex.list)} but a scan gives ${JSON.stringify(without.list)}`;
    } else if (!argv && !withIndex.indexLines.some((l) => l.includes("index: hit"))) {
      // The warm start must really be served by the index (else this test proves nothing).
      step.status = "fail";
      step.reason = `the warm start did not use the index: ${withIndex.indexLines.join(" / ") || "no index debug line"}`;
    } else if (argv && withIndex.indexLines.some((l) => l.includes("index: hit"))) {
      step.status = "fail";
      step.reason = "the index was used after the package set changed";
    } else step.status = "pass";
    if (step.status === "fail") status = "fail";
    steps.push(step);
    log(
      `${layout.id} index, ${op}: ${step.status.toUpperCase()}${step.reason ? ` (${step.reason.slice(0, 200)})` : ""}; changed: ${changedPaths.join(", ") || "nothing"}`,
    );
  }
  return {
    manager: layout.manager,
    layout: layout.layout,
    layoutId: layout.id,
    node: node.version,
    status,
    steps,
  };
}

const MARK = { pass: "ok", fail: "FAIL", "known-fail": "known" };

function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length)));
  console.log("");
  for (const r of rows)
    console.log(
      r
        .map((v, i) => String(v ?? "").padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    );
}

function printSummary(cells, indexResults) {
  const kindIds = KINDS.map((k) => k.id);
  const rows = [["layout", "node", ...kindIds, "cell"]];
  for (const c of cells) {
    rows.push([
      c.layoutId,
      c.node,
      ...kindIds.map((k) => MARK[c.kinds?.[k]?.status] ?? "-"),
      MARK[c.status].toUpperCase(),
    ]);
  }
  printTable(rows);
  if (indexResults.length > 0) {
    const ops = indexResults[0].steps.map((s) => s.op.split(" ")[0]);
    const irows = [["discovery index", "node", ...ops, "result"]];
    for (const i of indexResults)
      irows.push([
        i.layoutId,
        i.node,
        ...i.steps.map((s) => MARK[s.status]),
        MARK[i.status].toUpperCase(),
      ]);
    printTable(irows);
  }
  for (const c of cells.filter((c) => c.status !== "pass"))
    console.log(`\n${c.layoutId} on node ${c.node}: ${c.status}: ${c.reason}`);
  console.log("");
}

main().catch((error) => {
  console.error(error);
  // Exit now: a registry or a child left open must not keep a failed run alive.
  process.exit(1);
});
