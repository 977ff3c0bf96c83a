// Redaction of every log line and error message: API keys and the secret parts of
// presigned S3 URLs (SigV2 and SigV4) never leave the process unredacted. The patterns are
// constants; the secrets to remove live in a Redactor object that its owner (the key
// service in the extension, the client on its own) passes around: no module-level state.

export const REDACTED = 'REDACTED';

/** Query parameters whose values are secrets (matched case-insensitively). */
const SECRET_QUERY_PARAMS: readonly string[] = Object.freeze([
  'Signature',
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'AWSAccessKeyId',
]);

/** XML elements S3 may echo back in an error body that carry signing material. */
const SECRET_XML_ELEMENTS: readonly string[] = Object.freeze([
  'AWSAccessKeyId',
  'SecurityToken',
  'X-Amz-Security-Token',
  'Signature',
  'SignatureProvided',
  'StringToSign',
  'StringToSignBytes',
  'CanonicalRequest',
  'CanonicalRequestBytes',
]);

/** Secrets shorter than this are not removed by plain search (too many false hits). */
const MIN_SECRET_LENGTH = 8;

// `name=value` wherever `name` is not the tail of a longer word (`MySignature`, `my-Signature`):
// after any character but a letter, digit, `-` or `_`, or after a percent-escape (`%3F`,
// `%26`, and their double-encoded `%253F`, `%2526`) when the URL sits percent-encoded,
// once or twice, inside another URL. The separator may be `=`, `%3D` or `%253D`; the
// value ends at `&`, `%26`, `%2526`, `#`, whitespace, a quote or a closing bracket.
const VALUE_END = `$|[&#\\s"'<>)\\]}]|%26|%2526`;
const QUERY_PARAM_PATTERN = new RegExp(
  `(?:(?<![a-z0-9_-])|(?<=%[0-9a-f]{2}|%25[0-9a-f]{2}))(${SECRET_QUERY_PARAMS.map(escapeRegExp).join('|')})(=|%3D|%253D)([^&#\\s"'<>)\\]}]*?)(?=${VALUE_END})`,
  'gi',
);

const XML_ELEMENT_PATTERN = new RegExp(`<(${SECRET_XML_ELEMENTS.join('|')})>[^<]*</\\1>`, 'gi');

/** A run this long of token characters is a token (session tokens run to hundreds). */
const LONG_TOKEN_PATTERN = /[A-Za-z0-9+/=%_-]{120,}/g;
/** A URL's path, to look for signature-like segments in it. */
const URL_PATH_PATTERN = /(\bhttps?:\/\/[^\s/?#"'<>]+)(\/[^\s?#"'<>]*)/gi;
/** Query values at least this long that look like tokens are secrets of that URL. */
const MIN_QUERY_TOKEN_LENGTH = 16;

/**
 * Returns `text` with every secret in `secrets` (plain or percent-encoded) and the values
 * of signature/credential/token query parameters replaced by `REDACTED`. Stateless.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let result = text;
  const all = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length >= 4) all.add(secret);
  }
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...all].sort((a, b) => b.length - a.length)) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join(REDACTED);
    }
  }
  result = result.replace(QUERY_PARAM_PATTERN, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`);
  result = result.replace(XML_ELEMENT_PATTERN, (_match, name: string) => `<${name}>${REDACTED}</${name}>`);
  result = result.replace(URL_PATH_PATTERN, (_match, origin: string, pathname: string) =>
    `${origin}${pathname.split('/').map((segment) => (isSignatureLike(segment) ? REDACTED : segment)).join('/')}`,
  );
  result = result.replace(LONG_TOKEN_PATTERN, REDACTED);
  return result;
}

/**
 * The secrets one presigned URL carries, to remove from anything said about it (an S3
 * `<Message>` quoting them, a file name derived from it): the values of its secret query
 * parameters, any other token-like query value, and signature-like path segments.
 */
export function secretsOfUrl(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const found = new Set<string>();
  // A user name or password in the address is a credential, whatever it looks like.
  for (const part of [parsed.username, parsed.password]) {
    if (part === '') continue;
    found.add(part);
    try {
      found.add(decodeURIComponent(part));
    } catch {
      // keep the raw form
    }
  }
  const secretNames = SECRET_QUERY_PARAMS.map((name) => name.toLowerCase());
  for (const [name, value] of parsed.searchParams) {
    const named = secretNames.includes(name.toLowerCase()) || /signature|token|credential|secret|key/i.test(name);
    if ((named && value.length >= 4) || (value.length >= MIN_QUERY_TOKEN_LENGTH && /^[A-Za-z0-9+/=_.~-]+$/.test(value))) {
      found.add(value);
    }
  }
  for (const segment of parsed.pathname.split('/')) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // keep the raw form
    }
    if (isSignatureLike(segment)) found.add(segment);
    if (isSignatureLike(decoded)) found.add(decoded);
  }
  return [...found];
}

/** A path segment that can only be a signature or token: long, no dot, letters and digits. */
function isSignatureLike(segment: string): boolean {
  return (
    segment.length >= 24 &&
    /^[A-Za-z0-9+=%_-]+$/.test(segment) &&
    /[0-9]/.test(segment) &&
    /[A-Za-z]/.test(segment) &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)
  );
}

/**
 * The secrets one window (or one client) has seen, and the one routine that removes them
 * from text. A secret once added is kept for the Redactor's lifetime: a key that was
 * replaced, removed or rejected may still sit in a message built earlier.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** Secrets learnt from presigned URLs, oldest first; bounded (a listing can carry thousands). */
  private readonly urlSecrets = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Removes `secret` from every later `redact()`. Ignores values too short to be secrets. */
  add(secret: string | undefined): void {
    const value = secret?.trim();
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  /**
   * Learns the secrets a presigned URL carries (signature, credential, token: see
   * `secretsOfUrl`), so every later `redact()` removes those values wherever they appear:
   * in the URL's own path, in an error a server echoes, in any later log line. The most
   * recent `MAX_LEARNED_URL_SECRETS` values are kept.
   */
  learnUrl(url: string | undefined): void {
    if (typeof url !== 'string') return;
    for (const secret of secretsOfUrl(url)) {
      const value = secret.trim();
      if (value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) continue;
      this.urlSecrets.delete(value);
      this.urlSecrets.add(value);
      if (this.urlSecrets.size > MAX_LEARNED_URL_SECRETS) {
        this.urlSecrets.delete(this.urlSecrets.values().next().value as string);
      }
    }
  }

  /** `text` without any known secret, nor the secret parts of presigned URLs. */
  redact(text: string, extraSecrets: readonly string[] = []): string {
    return redact(text, [...this.secrets, ...this.urlSecrets, ...extraSecrets]);
  }

  /** How many secrets are known (for tests and diagnostics; never the secrets themselves). */
  get size(): number {
    return this.secrets.size + this.urlSecrets.size;
  }
}

/** Presigned-URL secrets one Redactor keeps (each URL carries two to four). */
export const MAX_LEARNED_URL_SECRETS = 256;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
