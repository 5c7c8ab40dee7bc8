/**
 * The names of the secrets stored in the namespace of the stream being built (GET
 * /api/v1/secrets/{namespace}), for the secret picker: listed again whenever the namespace changes.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, describe } from "../api";

/** What the secret pickers of a form share. */
export interface NamespaceSecrets {
  /** The stream's metadata.namespace as written; "" when it is not set. */
  namespace: string;
  /** The secret names, or null while they are not listed (yet). */
  names: string[] | null;
  /** Why listing them failed, if it did. */
  error: string | null;
  /** Whether the signed-in role may create secrets. */
  writer: boolean;
  /** Lists the names again, as after creating a secret. */
  reload: () => Promise<void>;
}

export const NamespaceSecretsContext = createContext<NamespaceSecrets | null>(null);

/** The secrets of the form's namespace; only inside a {@link NamespaceSecretsContext} provider. */
export function useNamespaceSecrets(): NamespaceSecrets {
  const secrets = useContext(NamespaceSecretsContext);
  if (secrets === null) {
    throw new Error("a secret picker needs a NamespaceSecretsContext provider");
  }
  return secrets;
}

/** As the namespace is typed, list it once typing pauses, not at each keystroke. */
const LIST_AFTER_MS = 400;

type Listing = { namespace: string; names: string[]; error: null } | { namespace: string; names: null; error: string };

export function useSecretNames(namespace: string, writer: boolean): NamespaceSecrets {
  const [listing, setListing] = useState<Listing | null>(null);
  const reload = useCallback(async () => {
    try {
      const answer = await api<{ names: string[] }>("GET", `/secrets/${encodeURIComponent(namespace)}`);
      setListing({ namespace, names: answer.names, error: null });
    } catch (e) {
      setListing({ namespace, names: null, error: describe(e) });
    }
  }, [namespace]);
  useEffect(() => {
    if (!namespace) {
      return;
    }
    const timer = setTimeout(reload, LIST_AFTER_MS);
    return () => clearTimeout(timer);
  }, [namespace, reload]);
  // A listing of a namespace typed before is not this one's.
  const current = listing?.namespace === namespace ? listing : null;
  return useMemo(
    () => ({ namespace, names: current?.names ?? null, error: current?.error ?? null, writer, reload }),
    [namespace, current, writer, reload],
  );
}
