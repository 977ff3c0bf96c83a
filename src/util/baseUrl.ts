// Base-URL policy, kept free of `vscode` so it is unit-tested in plain Node.

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

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
