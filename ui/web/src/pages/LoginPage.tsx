/** Sign-in with an API token; the token is checked against GET /api/v1/whoami before it is kept. */
import { useState, type FormEvent } from "react";
import { api, describe } from "../api";
import { storeToken, type Principal } from "../session";

export function LoginPage({ onSignedIn, initialError }: { onSignedIn: (p: Principal) => void; initialError: string | null }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const principal = await api<Principal>("GET", "/whoami", undefined, token.trim());
      storeToken(token.trim());
      onSignedIn(principal);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>Sign in to Sluice</h1>
      <form onSubmit={submit}>
        <label htmlFor="token">API token</label>
        <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
        <p className="hint">
          <code>sluice dev</code> writes an admin token to <code>data/admin.token</code>; admins issue others with{" "}
          <code>POST /api/v1/tokens</code>.
        </p>
        <button type="submit" disabled={busy || token.trim() === ""}>
          Sign in
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
