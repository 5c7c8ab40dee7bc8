/** The shell: sign-in, navigation and the pages. */
import { lazy, Suspense, useEffect, useState } from "react";
import { Link, Route, Switch } from "wouter";
import { api, describe } from "./api";
import { forgetToken, mayWrite, readToken, type Principal } from "./session";
import { LoginPage } from "./pages/LoginPage";
import { StreamsPage } from "./pages/StreamsPage";
import { WorkersPage } from "./pages/WorkersPage";

// The builder and the detail page carry React Flow, CodeMirror and the forms: loaded when first shown.
const BuilderPage = lazy(() => import("./pages/BuilderPage").then((m) => ({ default: m.BuilderPage })));
const StreamDetailPage = lazy(() => import("./pages/StreamDetailPage").then((m) => ({ default: m.StreamDetailPage })));

export function App() {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [checking, setChecking] = useState(readToken() !== null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (readToken() === null) {
      return;
    }
    api<Principal>("GET", "/whoami")
      .then(setPrincipal)
      .catch((e) => {
        forgetToken();
        setError(describe(e));
      })
      .finally(() => setChecking(false));
  }, []);

  if (checking) {
    return <p className="page">Checking the saved token…</p>;
  }
  if (principal === null) {
    return <LoginPage onSignedIn={setPrincipal} initialError={error} />;
  }
  const writer = mayWrite(principal);
  return (
    <>
      <header className="top">
        <strong className="brand">Sluice</strong>
        <nav aria-label="Main">
          <Link href="/">Streams</Link>
          {writer && <Link href="/builder">New stream</Link>}
          <Link href="/workers">Workers</Link>
        </nav>
        <span className="who">
          {principal.name} ({principal.role})
          <button
            type="button"
            onClick={() => {
              forgetToken();
              setPrincipal(null);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main className="page">
        <Suspense fallback={<p>Loading the page…</p>}>
          <Switch>
            <Route path="/">{() => <StreamsPage />}</Route>
            <Route path="/builder">{() => <BuilderPage writer={writer} />}</Route>
            <Route path="/streams/:namespace/:name/edit">
              {(p) => <BuilderPage writer={writer} existing={{ namespace: p.namespace, name: p.name }} />}
            </Route>
            <Route path="/streams/:namespace/:name">
              {(p) => <StreamDetailPage namespace={p.namespace} name={p.name} writer={writer} />}
            </Route>
            <Route path="/workers">{() => <WorkersPage />}</Route>
            <Route>
              <p>
                There is no page here. <Link href="/">Go to the streams</Link>.
              </p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
