/**
 * A stream's status, live: reads GET {path}/status/events (server-sent events) with fetch, since
 * EventSource cannot send the token. Reconnects after a dropped connection; a refusal (such as a
 * revoked token) shows as the error and ends it. Stops when the component goes away.
 */
import { useEffect, useState } from "react";
import { ApiFailure, describe, failure } from "./api";
import { readToken } from "./session";
import { parseEvents } from "./sse";
import type { StreamStatus } from "./views";

const RECONNECT_MS = 2000;

export function useStatusEvents(path: string) {
  const [data, setData] = useState<StreamStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    const follow = async () => {
      const response = await fetch(`/api/v1${path}/status/events`, {
        headers: { Authorization: `Bearer ${readToken() ?? ""}`, Accept: "text/event-stream" },
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        throw await failure(response);
      }
      setLive(true);
      setError(null);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let rest = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        const parsed = parseEvents(rest + value);
        rest = parsed.rest;
        for (const event of parsed.events) {
          if (event.type === "status") {
            setData(JSON.parse(event.data) as StreamStatus);
          }
        }
      }
    };
    (async () => {
      while (!abort.signal.aborted) {
        try {
          await follow();
        } catch (e) {
          if (abort.signal.aborted) {
            return;
          }
          setError(describe(e));
          if (e instanceof ApiFailure && e.status < 500) {
            setLive(false);
            return;
          }
        }
        setLive(false);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
    })();
    return () => abort.abort();
  }, [path]);

  return { data, error, live };
}
