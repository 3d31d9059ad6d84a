import { FatalHookError, hookNameOf } from "plughooks";
import { ComputeManager } from "./compute-manager.js";
import { hooks } from "./hooks.js";

const step = (text: string) => console.log(`\n> ${text}`);
const manager = new ComputeManager();

step(
  `resizeInstance is the hook point "${hookNameOf(ComputeManager.prototype.resizeInstance)}"; nothing is loaded yet.`,
);

step(
  "First call: the plugins of resize_hook are discovered and loaded, then run around the call. " +
    "demo-plugin-quota's post hook fails on purpose: the error plughooks logs below is expected, and the call still returns.",
);
console.log(`  result: ${manager.resizeInstance("vm-1", 32)}`);

step("Second call: already loaded; only the hooks run.");
console.log(`  result: ${manager.resizeInstance("vm-2", 48)}`);

step("A plugin raises FatalHookError in pre: the call is stopped and the caller gets the error.");
try {
  manager.resizeInstance("vm-3", 128);
} catch (error) {
  console.log(
    `  caught ${error instanceof FatalHookError ? "FatalHookError" : "error"}: ${(error as Error).message}`,
  );
}
console.log(`  vm-3 was ${manager.sizes.has("vm-3") ? "resized" : "not resized"}`);

step("An async hook point: async pre hooks are awaited before the call.");
console.log(`  result: ${await manager.buildInstance({ name: "web", image: "debian-12" })}`);

step("What is loaded, as hooks.load() reports it:");
const report = await hooks.load();
for (const [name, loaded] of report.hooks) {
  const list = loaded.map(
    (hook) =>
      `${hook.package} (${[hook.hasPre && "pre", hook.hasPost && "post"].filter(Boolean).join("+")})`,
  );
  console.log(`  ${name}: ${list.join(", ") || "no plugins"}`);
}
console.log(`  problems: ${report.problems.length}`);
