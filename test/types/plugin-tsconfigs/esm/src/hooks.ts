// A tiny plugin: a value import (FatalHookError) and a type-only one (HookObject).
import { FatalHookError, type HookObject } from "plughooks";

type Resize = HookObject<[manager: object, instanceId: string, size: number], boolean>;

export class ResizeAudit implements Resize {
  pre(_manager: object, instanceId: string, size: number) {
    if (size > 64) throw new FatalHookError(`${instanceId}: ${size} GB is over quota`);
  }
}
