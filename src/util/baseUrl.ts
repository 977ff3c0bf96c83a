// Base-URL policy, kept free of `vscode` so it is unit-tested in plain Node.
import { isLoopbackHost as isLoopbackAddress } from '../api/http';

/**
 * Checks the base URL setting. Returns a message for the user, or undefined when it is
 * usable: https anywhere, plain http only for loopback (a local emulator), so the key is
 * never sent in clear over a network.
 */
export function checkBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `The setting apiAudio.baseUrl is not a valid URL ("${value}").`;
  }
  if (url.username || url.password) {
    return 'The setting apiAudio.baseUrl must not contain a user name or password.';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? undefined
      : `The setting apiAudio.baseUrl uses plain http for ${url.hostname}: use https (plain http is allowed only for localhost).`;
  }
  return `The setting apiAudio.baseUrl must be an https URL, not ${url.protocol.replace(':', '')}.`;
}

/**
 * Loopback for the API address: the client's rule (localhost, 127.x.x.x, ::1, which also
 * governs storage redirects) plus `*.localhost` names, which resolve to loopback (RFC 6761).
 */
export function isLoopbackHost(hostname: string): boolean {
  return isLoopbackAddress(hostname) || hostname.replace(/^\[|\]$/g, '').toLowerCase().endsWith('.localhost');
}

/**
 * True when the key may go to `baseUrl` without asking: api.audio's own https hosts
 * (`v1.api.audio`, `staging-v1.api.audio`, any `*.api.audio`) and loopback (a local
 * emulator). Any other server is confirmed by the person once (see BaseUrlTrust).
 */
export function isKnownApiAudioServer(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (isLoopbackHost(url.hostname)) return true;
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && (host === 'api.audio' || host.endsWith('.api.audio'));
}

/** The origin a confirmation is remembered for: scheme, host and port. */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

/**
 * A problem with the organisation to assume (sent as a header), or undefined: no control
 * characters or line breaks, which would end the header early, and a sane length.
 */
export function checkAssumeOrgId(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    return 'The setting apiAudio.assumeOrgId contains a line break or control character. Enter the organisation ID on one line.';
  }
  if (value.length > 200) return 'The setting apiAudio.assumeOrgId is too long to be an organisation ID.';
  return undefined;
}
