// Download to disk atomically: stream into a temporary file next to the destination,
// resume dropped connections with Range, and only then give the file its final name
// without ever clobbering a file the caller did not agree to replace.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Response } from 'node-fetch';
import {
  ApiAudioError,
  BadResponseError,
  CancelledError,
  DestinationExistsError,
  InvalidInputError,
  LocalFileError,
  NetworkError,
  TimeoutError,
} from './errors';
import { describeFsError } from './fsErrors';
import { fileNameFromUrl, numberedFileName, sanitizeFileName } from './fileName';
import { Transport, hostOf, isTransientError } from './http';
import { storageError } from './storage';
import { RequestLifetime } from './lifetime';
import type { ConflictChoice, DownloadOptions } from './types';

const MAX_RENAME_ATTEMPTS = 9999;
const CONFLICT_CHOICES: readonly ConflictChoice[] = Object.freeze(['rename', 'overwrite', 'skip', 'fail'] as const);

export async function downloadMedia(
  transport: Transport,
  resolveUrl: (mediaId: string, signal?: AbortSignal) => Promise<string>,
  mediaIdOrUrl: string,
  destinationDir: string,
  options: DownloadOptions = {},
): Promise<string> {
  const signal = options.signal;
  if (typeof mediaIdOrUrl !== 'string' || mediaIdOrUrl.trim() === '') {
    throw new InvalidInputError('A media id or download link is required.');
  }
  await checkDestinationDir(destinationDir);
  throwIfCancelled(signal);

  const url = mediaIdOrUrl.includes('://') ? mediaIdOrUrl : await resolveUrl(mediaIdOrUrl.trim(), signal);
  if (!/^https?:\/\//i.test(url)) {
    throw new InvalidInputError('The download link must be an http or https URL.');
  }
  const fileName = sanitizeFileName(options.fileName ?? fileNameFromUrl(url));
  const target = path.join(destinationDir, fileName);

  // Ask before transferring anything: a human may be prompted, and a skip costs nothing.
  let choice: ConflictChoice | undefined;
  if (await exists(target)) {
    choice = await askConflict(options.onConflict, target);
    throwIfCancelled(signal);
    if (choice === 'skip') {
      transport.log('info', `Skipped download: ${target} already exists.`);
      return target;
    }
    if (choice === 'fail') {
      throw destinationExists(target);
    }
  }

  const tempPath = path.join(destinationDir, `.${fileName}.${randomBytes(6).toString('hex')}.part`);
  let handle: fs.FileHandle | undefined;
  try {
    try {
      handle = await fs.open(tempPath, 'wx');
    } catch (error) {
      throw new LocalFileError(`Cannot write into ${destinationDir}: ${describeFsError(error, 'write')}. Choose another folder.`, destinationDir);
    }
    await transfer(transport, url, handle, tempPath, options);
    await handle.close();
    handle = undefined;
    throwIfCancelled(signal);
    return await placeFile(transport, tempPath, destinationDir, fileName, choice, options);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Fills `handle` with the body of `url`, resuming with Range after a dropped connection. */
async function transfer(
  transport: Transport,
  url: string,
  handle: fs.FileHandle,
  tempPath: string,
  options: DownloadOptions,
): Promise<void> {
  const state: TransferState = { received: 0, total: undefined };
  const report = (): void => {
    try {
      options.onProgress?.({ transferred: state.received, total: state.total });
    } catch {
      // A failing progress callback must not fail the download.
    }
  };
  const resumable = (error: unknown): boolean => isTransientError(error) || error instanceof TimeoutError;
  await transport.withRetries(
    `GET ${transport.clean(url)}`,
    options.signal,
    () => downloadOnce(transport, url, { handle, path: tempPath, state, report }, options.signal),
    resumable,
  );
}

interface TransferState {
  received: number;
  total: number | undefined;
}

/** The temporary file a download fills, with how far it got and how to report that. */
interface PartFile {
  handle: fs.FileHandle;
  path: string;
  state: TransferState;
  report: () => void;
}

/** One attempt: asks for the bytes not yet received and appends them to the temporary file. */
async function downloadOnce(transport: Transport, url: string, part: PartFile, signal: AbortSignal | undefined): Promise<void> {
  const { state, report } = part;
  const host = hostOf(url);
  const lifetime = new RequestLifetime(signal, transport.timeoutMs, true);
  const started = Date.now();
  const resumeFrom = state.received;
  try {
    const response = await transport.presigned(
      url,
      { method: 'GET', headers: resumeFrom > 0 ? { Range: `bytes=${resumeFrom}-` } : {} },
      lifetime,
    );
    transport.log(
      'debug',
      `GET ${url}${resumeFrom > 0 ? ` (from byte ${resumeFrom})` : ''} → ${response.status} (${Date.now() - started} ms)`,
    );
    if (response.status !== 200 && response.status !== 206) {
      const text = await response.text().catch(() => '');
      if (response.status === 416 && state.total !== undefined && resumeFrom === state.total) {
        return;
      }
      throw storageError(transport, 'download', response.status, text, response.headers.get('retry-after'));
    }
    const expected = await expectedLength(transport, response, host, part);
    state.total = expected;
    report();
    await receiveBody(transport, response, lifetime, host, part);
    checkComplete(host, state.received, expected);
    transport.log('debug', `GET ${url} complete: ${state.received} bytes (${Date.now() - started} ms)`);
  } catch (error) {
    const mapped = error instanceof ApiAudioError ? error : transport.toClientError(error, lifetime, host);
    if (!(mapped instanceof CancelledError)) {
      transport.log('debug', `GET ${url} → ${mapped.name} after ${state.received} bytes: ${mapped.message}`);
    }
    throw mapped;
  } finally {
    lifetime.dispose();
  }
}

/**
 * The full length of the file, from a 206's Content-Range (which must start where we asked)
 * or a 200's Content-Length. A 200 to a resumed request is the whole file again: the
 * temporary file restarts from zero.
 */
async function expectedLength(transport: Transport, response: Response, host: string, part: PartFile): Promise<number | undefined> {
  const resumeFrom = part.state.received;
  if (response.status === 206) {
    const range = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(response.headers.get('content-range')?.trim() ?? '');
    if (!range || Number(range[1]) !== resumeFrom) {
      // Not the part we asked for: start over on the next attempt. Drop the unwanted body:
      // draining it would keep a stalled connection open forever.
      (response.body as unknown as { destroy?(): void } | null)?.destroy?.();
      await restartFromZero(part);
      throw new NetworkError(`${host} answered with an unexpected byte range; restarting the download.`);
    }
    return range[3] === '*' ? undefined : Number(range[3]);
  }
  if (resumeFrom > 0) {
    transport.log('debug', `${host} ignored the Range request; restarting the download from the start.`);
    await restartFromZero(part);
  }
  const length = response.headers.get('content-length');
  return length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
}

/** Appends the response body to the temporary file, keeping the idle timer alive. */
async function receiveBody(transport: Transport, response: Response, lifetime: RequestLifetime, host: string, part: PartFile): Promise<void> {
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      lifetime.touch();
      await writeChunk(part.handle, part.path, chunk, part.state.received);
      part.state.received += chunk.length;
      part.report();
    }
  } catch (error) {
    if (error instanceof ApiAudioError) {
      throw error;
    }
    throw transport.toClientError(error, lifetime, host);
  }
}

function checkComplete(host: string, received: number, expected: number | undefined): void {
  if (expected === undefined || received === expected) {
    return;
  }
  if (received < expected) {
    throw new NetworkError(`The connection to ${host} ended after ${received} of ${expected} bytes.`);
  }
  throw new BadResponseError(`${host} sent ${received} bytes but announced ${expected}. Try the download again.`);
}

async function writeChunk(handle: fs.FileHandle, tempPath: string, chunk: Buffer, position: number): Promise<void> {
  try {
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, position + offset);
      offset += bytesWritten;
    }
  } catch (error) {
    throw new LocalFileError(`Cannot write ${tempPath}: ${describeFsError(error, 'write')}.`, tempPath);
  }
}

async function restartFromZero(part: PartFile): Promise<void> {
  try {
    await part.handle.truncate(0);
  } catch (error) {
    throw new LocalFileError(`Cannot write ${part.path}: ${describeFsError(error, 'write')}.`, part.path);
  }
  part.state.received = 0;
  part.state.total = undefined;
  part.report();
}

/**
 * Gives the finished temporary file its final name. Never replaces a file unless the
 * choice is `overwrite`: a hard link fails if the name exists, even if the file appeared
 * after the download started.
 */
async function placeFile(
  transport: Transport,
  tempPath: string,
  dir: string,
  fileName: string,
  initialChoice: ConflictChoice | undefined,
  options: DownloadOptions,
): Promise<string> {
  let choice = initialChoice;
  const target = path.join(dir, fileName);
  for (;;) {
    if (choice === 'overwrite') {
      await renameOrFail(tempPath, target);
      return target;
    }
    if (choice === 'rename') {
      for (let n = 1; n <= MAX_RENAME_ATTEMPTS; n++) {
        const candidate = path.join(dir, numberedFileName(fileName, n));
        if (await createExclusive(tempPath, candidate)) {
          return candidate;
        }
      }
      throw new LocalFileError(`Too many files named like ${fileName} in ${dir}. Tidy up the folder and try again.`, target);
    }
    if (choice === 'skip') {
      await fs.rm(tempPath, { force: true });
      transport.log('info', `Skipped download: ${target} already exists.`);
      return target;
    }
    if (choice === 'fail') {
      throw destinationExists(target);
    }
    if (await createExclusive(tempPath, target)) {
      return target;
    }
    // The name was taken while downloading: ask now.
    choice = await askConflict(options.onConflict, target);
    // The prompt may have taken long; a cancel meanwhile wins over any answer.
    throwIfCancelled(options.signal);
  }
}

/** Moves `from` to `to` only if `to` does not exist; false if it does. */
async function createExclusive(from: string, to: string): Promise<boolean> {
  try {
    await fs.link(from, to);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') {
      return false;
    }
    // No hard links here (FAT, some network shares): claim the name with an exclusive
    // create, then move the finished file over our own placeholder.
    try {
      const placeholder = await fs.open(to, 'wx');
      await placeholder.close();
    } catch (createError) {
      if ((createError as { code?: string }).code === 'EEXIST') {
        return false;
      }
      throw new LocalFileError(`Cannot create ${to}: ${describeFsError(createError, 'write')}.`, to);
    }
    try {
      await renameOrFail(from, to);
    } catch (renameError) {
      // Never leave our 0-byte placeholder under the final name.
      await fs.rm(to, { force: true }).catch(() => undefined);
      throw renameError;
    }
    return true;
  }
  await fs.rm(from, { force: true });
  return true;
}

async function renameOrFail(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (error) {
    throw new LocalFileError(`Cannot write ${to}: ${describeFsError(error, 'write')}.`, to);
  }
}

async function askConflict(onConflict: DownloadOptions['onConflict'], existingPath: string): Promise<ConflictChoice> {
  const answer = typeof onConflict === 'function' ? await onConflict(existingPath) : (onConflict ?? 'fail');
  if (!CONFLICT_CHOICES.includes(answer)) {
    throw new InvalidInputError(`Unknown conflict choice "${String(answer)}": use rename, overwrite, skip or fail.`);
  }
  return answer;
}

function destinationExists(target: string): DestinationExistsError {
  return new DestinationExistsError(
    `${target} already exists. Choose to overwrite it, keep both, or pick another folder.`,
    target,
  );
}

async function checkDestinationDir(dir: string): Promise<void> {
  if (typeof dir !== 'string' || dir === '') {
    throw new InvalidInputError('Choose a folder to download into.');
  }
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch (error) {
    throw new InvalidInputError(`Cannot download into ${dir}: ${describeFsError(error, 'write')}.`);
  }
  if (!stat.isDirectory()) {
    throw new InvalidInputError(`Cannot download into ${dir}: it is a file, not a folder.`);
  }
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await fs.lstat(filePath);
    return true;
  } catch {
    return false;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new CancelledError();
  }
}
