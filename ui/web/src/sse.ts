/** Server-sent events parsed from text as it arrives (the WHATWG event-stream format, without ids or retry). */

/** One dispatched event: its type ("message" when the server named none) and its data lines joined. */
export interface ServerEvent {
  type: string;
  data: string;
}

/**
 * Reads complete events from the text received so far. Answers the events and the text after the
 * last complete one, to prepend to the next chunk. Comment lines (heartbeats) and events without
 * data are skipped.
 */
export function parseEvents(text: string): { events: ServerEvent[]; rest: string } {
  const normalised = text.replace(/\r\n?/g, "\n");
  const blocks = normalised.split("\n\n");
  const rest = blocks.pop() ?? "";
  const events: ServerEvent[] = [];
  for (const block of blocks) {
    let type = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) {
        continue;
      }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") {
        type = value;
      } else if (field === "data") {
        data.push(value);
      }
    }
    if (data.length) {
      events.push({ type, data: data.join("\n") });
    }
  }
  return { events, rest };
}
