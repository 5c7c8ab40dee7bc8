/** References to stored secrets, as a stream document writes them: a value that is exactly ${secret:NAME} (ADR 12). */
const REFERENCE = /^\$\{secret:(.*)\}$/s;

/** The text that refers to the secret {@code name}. */
export function secretReference(name: string): string {
  return `\${secret:${name}}`;
}

/**
 * The secret name a value refers to, or null when it is no reference (empty, not a string, or a
 * literal). A malformed name is still answered, so the picker shows what is written; the control
 * plane's validation says what is wrong with it.
 */
export function referencedSecret(value: unknown): string | null {
  if (typeof value !== "string") {
    return null;
  }
  const match = REFERENCE.exec(value);
  return match ? match[1] : null;
}

/** Whether a value is typed into the stream document as it is: set, and no reference. */
export function isLiteral(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && referencedSecret(value) === null;
}
