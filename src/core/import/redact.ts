/**
 * Credentials given to `import` (--env values, --header values) must never reach a data file, even
 * when a server echoes them into a description. Short values are left alone: `DEBUG=1` or `PORT=8080`
 * are not secrets, and blanking every "1" would garble the text.
 */
export const MIN_SECRET_LENGTH = 6;
export const REDACTED = '[redacted]';

/** The secret strings in `--env KEY=VALUE` and `--header "Name: value"` values (`Bearer abc…` also yields `abc…`). */
export function secretsOf(values: readonly string[]): string[] {
  const secrets = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) secrets.add(trimmed);
    const credential = /^\S+\s+(\S.*)$/.exec(trimmed)?.[1];
    if (credential && credential.length >= MIN_SECRET_LENGTH) secrets.add(credential);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** A deep copy of `value` with every secret in strings (and object keys) replaced; counts the replacements. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): { value: T; count: number } {
  let count = 0;
  const redactText = (text: string): string => {
    let out = text;
    for (const secret of secrets) {
      const parts = out.split(secret);
      count += parts.length - 1;
      out = parts.join(REDACTED);
    }
    return out;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactText(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [redactText(k), walk(v)]));
    return node;
  };
  const redacted = secrets.length === 0 ? value : (walk(value) as T);
  return { value: redacted, count };
}

/** The secrets that still occur in a serialized file: a last check before writing. */
export function leakedSecrets(serialized: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => serialized.includes(secret) || serialized.includes(JSON.stringify(secret).slice(1, -1)));
}
