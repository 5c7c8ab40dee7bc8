/** How the pages print a record's key or value: text as it is, anything else as JSON. */
export function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
