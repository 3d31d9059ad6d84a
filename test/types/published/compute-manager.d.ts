// What an application publishes for its plugin authors: declarations only (in a real
// application, tsc writes this file from its source; see docs/typed-hooks.md).
export declare class ComputeManager {
  readonly host: string;
  resizeInstance(instanceId: string, size: number): boolean;
}
