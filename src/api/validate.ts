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
  if (/\s/.test(key)) {
    return 'The API key must not contain spaces or line breaks.';
  }
  if (key.length < MIN_API_KEY_LENGTH) {
    return `The API key is too short: api.audio keys have at least ${MIN_API_KEY_LENGTH} characters, this one has ${key.length}.`;
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
export async function checkUploadFile(filePath: string): Promise<number> {
  if (typeof filePath !== 'string' || filePath === '') {
    throw new InvalidInputError('Choose a file to upload.');
  }
  const name = path.basename(filePath);
  const extension = path.extname(filePath).toLowerCase();
  if (!UPLOAD_EXTENSIONS.includes(extension)) {
    throw new InvalidInputError(
      `Cannot upload "${name}": api.audio accepts only .wav and .mp3 files${extension ? `, not ${extension}` : ''}.`,
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
