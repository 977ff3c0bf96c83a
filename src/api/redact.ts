// One redaction routine for every log line and error message: API keys and the secret
// parts of presigned S3 URLs (SigV2 and SigV4) never leave the process unredacted.

export const REDACTED = 'REDACTED';

/** Query parameters whose values are secrets (matched case-insensitively). */
const SECRET_QUERY_PARAMS = [
  'Signature',
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'AWSAccessKeyId',
];

/** XML elements S3 may echo back in an error body that carry signing material. */
const SECRET_XML_ELEMENTS = [
  'AWSAccessKeyId',
  'SignatureProvided',
  'StringToSign',
  'StringToSignBytes',
  'CanonicalRequest',
  'CanonicalRequestBytes',
];

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

const XML_ELEMENT_PATTERN = new RegExp(
  `<(${SECRET_XML_ELEMENTS.join('|')})>[^<]*</\\1>`,
  'gi',
);

const registeredSecrets = new Set<string>();

/**
 * Makes `redact()` remove `secret` everywhere from now on. The client registers its API
 * key so that a logger calling `redact(text)` without arguments is still safe.
 */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) {
    registeredSecrets.add(secret);
  }
}

/**
 * Returns `text` with every registered secret, every secret in `secrets`, and the values
 * of signature/credential/token query parameters replaced by `REDACTED`.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  const all = new Set<string>(registeredSecrets);
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      all.add(secret);
    }
  }
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...all].sort((a, b) => b.length - a.length)) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join(REDACTED);
    }
  }
  result = result.replace(QUERY_PARAM_PATTERN, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`);
  result = result.replace(XML_ELEMENT_PATTERN, (_match, name: string) => `<${name}>${REDACTED}</${name}>`);
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
