// Whose listing a cache holds. Pure: no `vscode` import.
import { createHash } from 'node:crypto';

/**
 * Names a listing's owner (server, organisation, key) without holding the key: a
 * fingerprint of it. What the cached listings are kept under (api.audio Media and
 * AudioStack Files).
 */
export function connectionIdOf(key: string, baseUrl: string, assumeOrgId: string | undefined): string {
  const keyFingerprint = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `${baseUrl}|${assumeOrgId ?? ''}|${keyFingerprint}`;
}
