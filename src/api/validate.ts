// Input checks done before anything is sent. Messages name the problem, never the key.
// The base URL and organisation rules are the settings' too: the extension checks its
// settings with these functions (and reports a SettingsError with Open Settings) before it
// builds a client, so a value either passes both or fails both with the same words.

import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { InvalidInputError } from './errors';
import { describeFsError } from './fsErrors';
import { isLoopbackHost } from './http';

export const MIN_API_KEY_LENGTH = 32;
export const UPLOAD_EXTENSIONS = ['.wav', '.mp3'];

/**
 * A human-readable problem with the key's format, or undefined when it looks valid
 * (same rule as the Python SDK: at least 32 characters; and no whitespace).
 */
export function validateApiKeyFormat(key: string | undefined | null): string | undefined {
  if (typeof key !== 'string' || key.length === 0) {
    return l10n.t('Enter an api.audio API key.');
  }
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(key)) {
    return l10n.t('The API key must not contain spaces, line breaks or control characters.');
  }
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return l10n.t('The API key must contain only printable ASCII characters.');
  }
  if (key.length < MIN_API_KEY_LENGTH) {
    return l10n.t('The API key is too short: api.audio keys have at least {0} characters, this one has {1}.', MIN_API_KEY_LENGTH, key.length);
  }
  return undefined;
}

/** Longest organisation ID accepted (real ones are far shorter). */
export const MAX_ORG_ID_LENGTH = 200;

/**
 * A problem with the organisation id to assume (apiAudio.assumeOrgId, sent as the
 * `x-assume-org` header), or undefined when it is usable or empty: printable ASCII on one
 * line (no line break can forge a header), at most MAX_ORG_ID_LENGTH characters.
 */
export function validateAssumeOrgId(orgId: unknown): string | undefined {
  if (orgId === undefined || orgId === null || orgId === '') return undefined;
  if (typeof orgId !== 'string') {
    return l10n.t('The setting apiAudio.assumeOrgId must be text. Enter the organisation ID, or leave it empty.');
  }
  if (orgId.trim() === '') return undefined;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(orgId)) {
    return l10n.t(
      'The setting apiAudio.assumeOrgId contains a line break or control character (line breaks would end the request header early). Enter the organisation ID on one line.',
    );
  }
  if (!/^[\x20-\x7e]+$/.test(orgId)) {
    return l10n.t('The setting apiAudio.assumeOrgId must contain only printable ASCII characters. Correct the organisation ID.');
  }
  if (orgId.length > MAX_ORG_ID_LENGTH) {
    return l10n.t('The setting apiAudio.assumeOrgId is too long to be an organisation ID ({0} characters, at most {1}).', orgId.length, MAX_ORG_ID_LENGTH);
  }
  return undefined;
}

/**
 * Loopback for the API address: the client's rule (localhost, 127.x.x.x, ::1, which also
 * governs storage redirects) plus `*.localhost` names, which resolve to loopback (RFC 6761).
 */
export function isLoopbackApiHost(hostname: string): boolean {
  return isLoopbackHost(hostname) || hostname.replace(/^\[|\]$/g, '').toLowerCase().endsWith('.localhost');
}

const BASE_URL_SETTING = 'apiAudio.baseUrl';
const DEFAULT_API_ADDRESS = 'https://v1.api.audio';

/**
 * A problem with the API's base URL (apiAudio.baseUrl), or undefined when it is usable:
 * https anywhere, plain http only for loopback (a local emulator) so the key never crosses
 * a network in clear; no user name or password; no query or fragment (paths are appended).
 * `setting` names the setting in the message (the AudioStack Files address has its own).
 */
export function validateBaseUrl(value: string, setting = BASE_URL_SETTING, example = DEFAULT_API_ADDRESS): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return l10n.t('The setting {setting} is not a valid URL ("{value}"). Enter the API\'s address, e.g. {example}.', { setting, value, example });
  }
  if (url.username || url.password) {
    return l10n.t('The setting {0} must not contain a user name or password.', setting);
  }
  if (url.protocol === 'http:' && !isLoopbackApiHost(url.hostname)) {
    return l10n.t('The setting {0} uses plain http for {1}: use https (plain http is allowed only for localhost).', setting, url.hostname);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return l10n.t('The setting {0} must be an https URL, not {1}.', setting, url.protocol.replace(':', ''));
  }
  if (url.search || url.hash) {
    return l10n.t('The setting {0} must not contain a query (?…) or fragment (#…). Enter only the address, e.g. {1}.', setting, example);
  }
  return undefined;
}

export function requireMediaId(mediaId: string): string {
  if (typeof mediaId !== 'string' || mediaId.trim() === '') {
    throw new InvalidInputError(l10n.t('A media id is required.'));
  }
  return mediaId.trim();
}

/** Checks a local file can be uploaded and returns its size in bytes. */
export async function checkUploadFile(
  filePath: string,
  accepts: { service: string; extensions: readonly string[] } = { service: 'api.audio', extensions: UPLOAD_EXTENSIONS },
): Promise<number> {
  if (typeof filePath !== 'string' || filePath === '') {
    throw new InvalidInputError(l10n.t('Choose a file to upload.'));
  }
  const name = path.basename(filePath);
  const extension = path.extname(filePath).toLowerCase();
  if (!accepts.extensions.includes(extension)) {
    const only = listExtensions(accepts.extensions);
    throw new InvalidInputError(
      extension
        ? l10n.t('Cannot upload "{name}": {service} accepts only {extensions} files, not {extension}.', { name, service: accepts.service, extensions: only, extension })
        : l10n.t('Cannot upload "{name}": {service} accepts only {extensions} files.', { name, service: accepts.service, extensions: only }),
    );
  }
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    throw new InvalidInputError(l10n.t('Cannot upload "{0}": {1}.', filePath, describeFsError(error, 'read')));
  }
  if (stat.isDirectory()) {
    throw new InvalidInputError(l10n.t('Cannot upload "{0}": it is a folder, not a file.', filePath));
  }
  if (!stat.isFile()) {
    throw new InvalidInputError(l10n.t('Cannot upload "{0}": it is not a regular file.', filePath));
  }
  try {
    await fs.access(filePath, fsConstants.R_OK);
  } catch (error) {
    throw new InvalidInputError(l10n.t('Cannot upload "{0}": {1}.', filePath, describeFsError(error, 'read')));
  }
  return stat.size;
}

/** `.wav and .mp3`, `.wav, .mp3 and .flac` (German `.wav und .mp3`). */
function listExtensions(extensions: readonly string[]): string {
  return extensions.length <= 1 ? (extensions[0] ?? '') : l10n.t('{0} and {1}', extensions.slice(0, -1).join(', '), extensions[extensions.length - 1]);
}
