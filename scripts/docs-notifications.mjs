// Renders the Notifications reference (docs/notifications.md): every notification type the
// demo compute service (examples/notify-emitter) declares, with its version, priority,
// description, a complete sample message (the CloudEvents envelope around the type's sample
// payload) and its JSON Schema, as Nova's docs list each versioned notification. Read
// through the built library's findNotificationTypes (the same code as
// `plughooks notifications --json`), so the page cannot drift from the code. An application
// renders its own reference the same way: notificationsPage({ root: "path/to/app" }).
import { existsSync } from "node:fs";
import { cell, generatedNote, table, vPre } from "./docs-md.mjs";
import { inputs, repo } from "./docs-paths.mjs";

const built = `${repo}dist/notifications/index.js`;

export async function notificationsPage({ root = inputs.notificationsApp } = {}) {
  if (!existsSync(built))
    throw new Error(`${built} is missing: run npm run build before generating the docs`);
  const { findNotificationTypes } = await import(built);
  const catalog = findNotificationTypes({ root });
  if (catalog.problems.length > 0) {
    throw new Error(
      `notification types of ${root}: ${catalog.problems.map((p) => p.message).join("; ")}`,
    );
  }
  const rows = catalog.types.map((t) => [
    `[\`${t.type}\`](#${anchor(t)})`,
    t.version,
    t.priority,
    cell(t.description),
  ]);
  const sections = catalog.types.map((t) => {
    const message = {
      specversion: "1.0",
      type: t.type,
      source: "compute/host-12",
      id: "5f0c1c8e-2d7b-4a39-9a0e-3f1b8f3d2a61",
      time: "2026-12-01T10:00:00.000Z",
      datacontenttype: "application/json",
      dataschema: t.dataschema,
      payloadversion: t.version,
      priority: t.priority,
      data: t.sample,
    };
    return `### ${t.type} ${t.version} {#${anchor(t)}}

${cell(t.description)}

Priority \`${t.priority}\`; declared by \`${t.package}\`.

Sample message (\`application/cloudevents+json\`):

${vPre(`\`\`\`json\n${JSON.stringify(message, null, 2)}\n\`\`\``)}
<details><summary>JSON Schema of the payload</summary>

${t.schema === null ? "This type's schema cannot export a JSON Schema." : vPre(`\`\`\`json\n${JSON.stringify(t.schema, null, 2)}\n\`\`\``)}
</details>
`;
  });
  return `${generatedNote("examples/notify-emitter/notifications.js", "npm run docs:build")}
# Notifications reference

Every versioned notification the demo compute service emits, with a sample message each, as
[Nova's notification reference](https://docs.openstack.org/nova/latest/admin/notifications.html)
lists its own. The page is generated from the types the service declares in its
package.json (\`plughooks.notification_types\`); generate your application's reference the same
way, from \`plughooks notifications --json\` or \`findNotificationTypes()\`. For what the
attributes mean and how versions work, see [Hooks or notifications](./hooks-or-notifications).

## The envelope

Every message is a [CloudEvents 1.0](https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md)
event in JSON structured mode.

${table(
  ["attribute", "meaning"],
  [
    ["`specversion`", "always `1.0`"],
    ["`type`", "the event type, dot-separated words: `instance.resize.end`"],
    ["`source`", "the publisher id given to `createNotifier({ source })`"],
    ["`id`", "unique per source; a listener deduplicates redeliveries on (`source`, `id`)"],
    ["`time`", "when `emit()` was called, RFC 3339"],
    ["`datacontenttype`", "`application/json`"],
    ["`dataschema`", "a URI naming the payload's type and version"],
    ["`payloadversion`", "extension: the payload version, `MAJOR.MINOR`"],
    ["`priority`", "extension: `debug`, `info`, `audit`, `warn`, `error`, `critical` or `sample`"],
    ["`data`", "the payload, valid against the type's schema"],
  ],
)}

## Types

${table(["type", "version", "priority", "description"], rows)}

${sections.join("\n")}`;
}

const anchor = (t) => `${t.type.replaceAll(".", "-")}-${t.version.replace(".", "-")}`;
