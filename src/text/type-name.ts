/**
 * Names a value's type for messages: `null`, `an array`, `a number`... A module of its own:
 * `register()` checks hook objects at import's side, the reference parser loads on first use.
 */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
