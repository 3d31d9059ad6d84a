import { hooks } from "./hooks.js";

export interface BuildSpec {
  readonly name: string;
  readonly image: string;
}

/** A tiny stand-in for Nova's compute manager, with two hook points. */
export class ComputeManager {
  readonly name = "compute-1";
  readonly sizes = new Map<string, number>();

  @hooks.addHook("resize_hook")
  resizeInstance(instanceId: string, size: number): boolean {
    this.sizes.set(instanceId, size);
    return true;
  }

  @hooks.addHook("build_hook")
  async buildInstance(spec: BuildSpec): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return `${spec.image}-${spec.name}`;
  }
}
