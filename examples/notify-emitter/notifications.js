// The notification contract of the demo compute service: what listeners may rely on. It is
// declared in package.json under "plughooks.notification_types", so `plughooks notifications`
// lists it and the docs reference is generated from it.
import { defineNotification } from "plughooks/notifications";
import { z } from "zod";

const flavor = z.object({ name: z.string(), vcpus: z.number().int(), ramMb: z.number().int() });

/** instance.resize.end 1.0, as the first release sent it. */
export const ResizeEndV1_0 = defineNotification({
  type: "instance.resize.end",
  version: "1.0",
  description: "An instance finished resizing to a new flavor.",
  schema: z.object({ instanceId: z.string(), host: z.string(), newFlavor: flavor }),
  sample: {
    instanceId: "9b1c2f4e-6b0e-4b8e-9a55-1f7f8a0c2d11",
    host: "compute-12",
    newFlavor: { name: "m1.large", vcpus: 4, ramMb: 8192 },
  },
});

/** instance.resize.end 1.1: adds the optional old flavor; 1.0 listeners keep working. */
export const ResizeEnd = defineNotification({
  type: "instance.resize.end",
  version: "1.1",
  previous: ResizeEndV1_0,
  description:
    "An instance finished resizing to a new flavor. Since 1.1: the flavor it had before.",
  schema: z.object({
    instanceId: z.string(),
    host: z.string(),
    newFlavor: flavor,
    oldFlavor: flavor.optional(),
  }),
  sample: {
    instanceId: "9b1c2f4e-6b0e-4b8e-9a55-1f7f8a0c2d11",
    host: "compute-12",
    newFlavor: { name: "m1.large", vcpus: 4, ramMb: 8192 },
    oldFlavor: { name: "m1.small", vcpus: 1, ramMb: 2048 },
  },
});

/** instance.delete.end 1.0. */
export const DeleteEnd = defineNotification({
  type: "instance.delete.end",
  version: "1.0",
  priority: "info",
  description: "An instance was deleted and its resources released.",
  schema: z.object({ instanceId: z.string(), host: z.string(), deletedAt: z.string() }),
  sample: {
    instanceId: "9b1c2f4e-6b0e-4b8e-9a55-1f7f8a0c2d11",
    host: "compute-12",
    deletedAt: "2026-12-01T10:00:00.000Z",
  },
});

/** What package.json's "plughooks.notification_types" entry point names (the default export). */
export default { ResizeEndV1_0, ResizeEnd, DeleteEnd };
