// Which API servers get the key without asking, kept free of `vscode` so it is unit-tested
// in plain Node. Whether a base URL or organisation is usable at all is the client's rule
// (validateBaseUrl, validateAssumeOrgId in src/api/validate.ts), checked once in ClientProvider.
import { isLoopbackApiHost } from '../api/validate';

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
  if (isLoopbackApiHost(url.hostname)) return true;
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
