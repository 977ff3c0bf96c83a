// Input checks done before anything is sent. Messages name the problem, never the key.

import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import { InvalidInputError } from './errors';
import { describeFsError } from './fsErrors';

export const MIN_API_KEY_LENGTH = 32;
export const UPLOAD_EXTENSIONS = ['.wav', '.mp3'];

/**
 * A human-readable problem with the key's format, or undefined when it looks valid
 * (same rule as the Python SDK: at least 32 characters; and no whitespace).
 */
export function validateApiKeyFormat(key: string | undefined | null): string | undefined {
  if (typeof key !== 'string' || key.length === 0) {
    return 'Enter an api.audio API key.';
  }
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(key)) {
    return 'The API key must not contain spaces, line breaks or control characters.';
  }
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return 'The API key must contain only printable ASCII characters.';
  }
  if (key.length < MIN_API_KEY_LENGTH) {
    return `The API key is too short: api.audio keys have at least ${MIN_API_KEY_LENGTH} characters, this one has ${key.length}.`;
  }
  return undefined;
}

/**
 * A problem with the organisation id to assume (sent as the `x-assume-org` header), or
 * undefined when it is usable: printable ASCII only, so no line break can forge a header.
 */
export function validateAssumeOrgId(orgId: string | undefined | null): string | undefined {
  if (orgId === undefined || orgId === null || orgId.trim() === '') {
    return undefined;
  }
  if (typeof orgId !== 'string') {
    return 'The organisation id to assume (apiAudio.assumeOrgId) must be text.';
  }
  if (/[\u0000-\u001f\u007f-\u009f]/.test(orgId)) {
    return 'The organisation id to assume (apiAudio.assumeOrgId) must not contain line breaks or control characters. Correct the setting.';
  }
  if (!/^[\x20-\x7e]+$/.test(orgId)) {
    return 'The organisation id to assume (apiAudio.assumeOrgId) must contain only printable ASCII characters. Correct the setting.';
  }
  return undefined;
}

export function requireMediaId(mediaId: string): string {
  if (typeof mediaId !== 'string' || mediaId.trim() === '') {
    throw new InvalidInputError('A media id is required.');
  }
  return mediaId.trim();
}

/** Checks a local file can be uploaded and returns its size in bytes. */
export async function checkUploadFile(
  filePath: string,
  accepts: { service: string; extensions: readonly string[] } = { service: 'api.audio', extensions: UPLOAD_EXTENSIONS },
): Promise<number> {
  if (typeof filePath !== 'string' || filePath === '') {
    throw new InvalidInputError('Choose a file to upload.');
  }
  const name = path.basename(filePath);
  const extension = path.extname(filePath).toLowerCase();
  if (!accepts.extensions.includes(extension)) {
    throw new InvalidInputError(
      `Cannot upload "${name}": ${accepts.service} accepts only ${listExtensions(accepts.extensions)} files${extension ? `, not ${extension}` : ''}.`,
    );
  }
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    throw new InvalidInputError(`Cannot upload "${filePath}": ${describeFsError(error, 'read')}.`);
  }
  if (stat.isDirectory()) {
    throw new InvalidInputError(`Cannot upload "${filePath}": it is a folder, not a file.`);
  }
  if (!stat.isFile()) {
    throw new InvalidInputError(`Cannot upload "${filePath}": it is not a regular file.`);
  }
  try {
    await fs.access(filePath, fsConstants.R_OK);
  } catch (error) {
    throw new InvalidInputError(`Cannot upload "${filePath}": ${describeFsError(error, 'read')}.`);
  }
  return stat.size;
}

/** `.wav and .mp3`, `.wav, .mp3 and .flac`. */
function listExtensions(extensions: readonly string[]): string {
  return extensions.length <= 1 ? (extensions[0] ?? '') : `${extensions.slice(0, -1).join(', ')} and ${extensions[extensions.length - 1]}`;
}
