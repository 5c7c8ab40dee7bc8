/** The signed-in API token, kept for the browser tab only (sessionStorage). */
const KEY = "sluice.token";

/** Who the token is, as GET /api/v1/whoami answers. */
export interface Principal {
  name: string;
  role: "viewer" | "editor" | "admin";
  namespaces: string[];
}

export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

/** Whether the principal may change streams (and so sees the builder, save, rollback and replay). */
export function mayWrite(principal: Principal): boolean {
  return principal.role !== "viewer";
}
