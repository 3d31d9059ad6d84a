// Run options shared by the orchestrator and the group processes (passed through the env).
export const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";

/** mitata's time budget per benchmark, in ns: quick mode trades precision for speed. */
export const minCpuTime = quick ? 40e6 : 250e6;
