/**
 * Credentials given to `import` (--env values, --header values, and the secret parts of --url) must
 * never reach a data file nor the terminal, even when a server echoes them into a description or its
 * name. A value of 8 characters or more is replaced wherever it occurs. A shorter one (`DEBUG=1`,
 * `TRANSPORT=stdio`) is not a credential anyone can tell from the tools' own words ("1", "stdio" in
 * an enum), so it is left alone: replacing it would corrupt the definitions.
 */
export const MIN_SECRET_LENGTH = 8;
export const REDACTED = '[redacted]';

const isLong = (secret: string) => secret.length >= MIN_SECRET_LENGTH;

/** The secret strings in `--env KEY=VALUE` and `--header "Name: value"` values (`Bearer abc…` also yields `abc…`). */
export function secretsOf(values: readonly string[]): string[] {
  const secrets = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed) secrets.add(trimmed);
    const credential = /^\S+\s+(\S.*)$/.exec(trimmed)?.[1];
    if (credential) secrets.add(credential);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

// A path segment after one of these is a credential: /key/<key>, /token/<token>, …
const KEY_SEGMENTS = new Set(['key', 'keys', 'apikey', 'api-key', 'api_key', 'token', 'tokens', 'access-token', 'access_token', 'secret', 'secrets']);
// A long run of letters mixed with digits reads as a random token (an API key, a UUID) rather than a word.
export const isRandomToken = (segment: string) => segment.length >= 20 && /^[\w.~=+-]+$/.test(segment) && /\d/.test(segment) && /[a-z]/i.test(segment);

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Path segments of `url` that look like credentials, as written in the URL (percent-encoded). */
function secretSegments(url: URL): Set<string> {
  const segments = url.pathname.split('/');
  return new Set(
    segments.filter((segment, i) => segment && (KEY_SEGMENTS.has(decoded(segments[i - 1] ?? '').toLowerCase()) || isRandomToken(decoded(segment)))),
  );
}

/** `a=1&b&c=` → [["a", "1"], ["b", undefined], ["c", ""]], as written (percent-encoded). */
const queryPairs = (url: URL): [string, string | undefined][] =>
  url.search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((pair) => (pair.includes('=') ? [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] : [pair, undefined]));

/**
 * What in a --url may be a credential: the user and password, every query value (a bare `?token`
 * too), and path segments that look like keys; each as written in the URL and decoded, since a server
 * may echo either.
 */
export function urlSecrets(url: URL): string[] {
  const query = queryPairs(url).map(([key, value]) => value ?? key);
  const raw = [url.username, url.password, ...secretSegments(url), ...query];
  return [...new Set([...raw, ...raw.map(decoded), ...url.searchParams.values()].filter(Boolean))];
}

/** The URL to show the user: credentials, query values and key-like path segments replaced. */
export function redactedUrl(url: URL): string {
  const secret = secretSegments(url);
  const path = url.pathname
    .split('/')
    .map((segment) => (secret.has(segment) ? REDACTED : segment))
    .join('/');
  const query = queryPairs(url)
    .map(([key, value]) => (value === undefined ? REDACTED : `${key}=${REDACTED}`))
    .join('&');
  return `${url.protocol}//${url.username || url.password ? `${REDACTED}@` : ''}${url.host}${path}${query ? `?${query}` : ''}`;
}

/** `text` with the long secrets replaced wherever they occur: for messages printed to the terminal. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (isLong(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A deep copy of `value` with the secrets (8 characters or more) in strings and object keys replaced; counts the replacements. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): { value: T; count: number } {
  let count = 0;
  const long = secrets.filter(isLong);
  const redactString = (text: string): string => {
    let out = text;
    for (const secret of long) {
      const parts = out.split(secret);
      count += parts.length - 1;
      out = parts.join(REDACTED);
    }
    return out;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactString(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [redactString(k), walk(v)]));
    return node;
  };
  const redacted = long.length === 0 ? value : (walk(value) as T);
  return { value: redacted, count };
}

/**
 * The long secrets that still occur in a serialized file: a last check before writing. Short ones
 * are left to redactSecrets: the file's own words ("stdio", "name") may equal a short --env value.
 */
export function leakedSecrets(serialized: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => isLong(secret) && (serialized.includes(secret) || serialized.includes(JSON.stringify(secret).slice(1, -1))));
}
