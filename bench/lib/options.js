// Run options shared by the orchestrator and the group processes (passed through the env).
export const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";

/** mitata's time budget per benchmark, in ns: quick mode trades precision for speed. */
// 150 ms: each per-call scenario runs in three processes (see run.js), within the 6-minute budget.
export const minCpuTime = quick ? 40e6 : 150e6;
