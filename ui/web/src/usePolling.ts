/** Loads something now and again every {@code everyMs}, while the component is shown. */
import { useCallback, useEffect, useState } from "react";
import { describe } from "./api";

export function usePolling<T>(load: () => Promise<T>, everyMs: number, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(load, deps);
  const refresh = useCallback(
    () =>
      run()
        .then((d) => {
          setData(d);
          setError(null);
        })
        .catch((e) => setError(describe(e))),
    [run],
  );
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, everyMs);
    return () => clearInterval(timer);
  }, [refresh, everyMs]);
  return { data, error, refresh };
}
