import { describe, expect, it } from "vitest";
import { parseEvents } from "./sse";

describe("reading server-sent events", () => {
  it("answers complete events with their type and keeps a partial one for the next chunk", () => {
    const { events, rest } = parseEvents('event: status\ndata: {"state":"running"}\n\n: heartbeat\n\nevent: status\ndata: {"sta');
    expect(events).toEqual([{ type: "status", data: '{"state":"running"}' }]);
    expect(rest).toBe('event: status\ndata: {"sta');
    const next = parseEvents(rest + 'te":"paused"}\n\n');
    expect(next.events).toEqual([{ type: "status", data: '{"state":"paused"}' }]);
    expect(next.rest).toBe("");
  });

  it("joins data lines, defaults the type to message, reads CRLF and skips comments and empty events", () => {
    const { events } = parseEvents("data: a\r\ndata:b\r\n\r\n: only a comment\n\nevent: nothing\n\n");
    expect(events).toEqual([{ type: "message", data: "a\nb" }]);
  });
});
