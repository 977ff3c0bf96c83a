// Download to disk atomically: stream into a temporary file next to the destination,
// resume dropped connections with Range, and only then give the file its final name
// without ever clobbering a file the caller did not agree to replace.

import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { finished } from 'node:stream';
import * as l10n from '@vscode/l10n';
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
import { formatExactCount } from './format';
import { PipelinedFileWriter, ProgressTimer } from './fileWriter';
import { Transport, hostOf, isTransientError, withoutQuery } from './http';
import { storageError } from './storage';
import { RequestLifetime } from './lifetime';
import {
  LOCK_SUFFIX,
  RESUME_RECORD_SUFFIX,
  lockPartFile,
  partFileName,
  readResumePoint,
  sweepStalePartFiles,
  writeResumeRecord,
  type ResumePoint,
} from './partFiles';
import { ifRangeFor, isSameVersion, versionOf, type ObjectVersion } from './resume';
import type { ConflictChoice, DownloadOptions } from './types';
import { discard, readBodyPrefix, type WireResponse } from './wire';

const MAX_RENAME_ATTEMPTS = 9999;
const CONFLICT_CHOICES: readonly ConflictChoice[] = Object.freeze(['rename', 'overwrite', 'skip', 'fail'] as const);

export async function downloadMedia(
  transport: Transport,
  resolveUrl: (mediaId: string, signal?: AbortSignal) => Promise<string>,
  mediaIdOrUrl: string,
  destinationDir: string,
  options: DownloadOptions = {},
): Promise<string> {
  const urlOf: { url?: string } = {};
  try {
    return await downloadInto(transport, resolveUrl, mediaIdOrUrl, destinationDir, options, urlOf);
  } catch (error) {
    // File names and paths come from the server's URL: say nothing it carries as a secret.
    if (error instanceof ApiAudioError && urlOf.url) {
      error.message = transport.clean(error.message, urlOf.url);
      if (error instanceof DestinationExistsError || error instanceof LocalFileError) {
        const record = error as unknown as Record<string, string>;
        for (const field of ['existingPath', 'path']) {
          if (typeof record[field] === 'string') {
            Object.defineProperty(error, field, { value: transport.clean(record[field], urlOf.url) });
          }
        }
      }
    }
    throw error;
  }
}

async function downloadInto(
  transport: Transport,
  resolveUrl: (mediaId: string, signal?: AbortSignal) => Promise<string>,
  mediaIdOrUrl: string,
  destinationDir: string,
  options: DownloadOptions,
  urlOf: { url?: string },
): Promise<string> {
  const signal = options.signal;
  if (typeof mediaIdOrUrl !== 'string' || mediaIdOrUrl.trim() === '') {
    throw new InvalidInputError(l10n.t('A media id or download link is required.'));
  }
  await checkDestinationDir(destinationDir);
  throwIfCancelled(signal);

  const url = mediaIdOrUrl.includes('://') ? mediaIdOrUrl : await resolveUrl(mediaIdOrUrl.trim(), signal);
  urlOf.url = url;
  transport.learnUrl(url);
  if (!/^https?:\/\//i.test(url)) {
    throw new InvalidInputError(l10n.t('The download link must be an http or https URL.'));
  }
  const fileName = sanitizeFileName(options.fileName ?? fileNameFromUrl(url));
  const target = path.join(destinationDir, fileName);
  const sized = sizeCheck(transport, fileName, options.expectedSize);

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

  // One part file per item and target, so the next download finds what a killed one left
  // (a presigned link changes every time: a link is known by its address without query).
  const itemKey = mediaIdOrUrl.includes('://') ? withoutQuery(url) : `media:${mediaIdOrUrl.trim()}`;
  const stablePath = path.join(destinationDir, partFileName(fileName, `${itemKey}\n${target}`));
  const lock = await lockPartFile(stablePath);
  // Another download of the same item into the same place is running: a name of its own.
  const tempPath = lock ? stablePath : path.join(destinationDir, partFileName(fileName));
  const ours = [tempPath, tempPath + RESUME_RECORD_SUFFIX, tempPath + LOCK_SUFFIX].map((p) => path.basename(p));
  await removeLeftovers(transport, destinationDir, ours);
  const resumeFrom = lock ? await readResumePoint(tempPath) : undefined;
  if (lock) {
    try {
      options.onPartFile?.(tempPath);
    } catch {
      // A failing callback must not fail the download.
    }
  }
  let handle: fs.FileHandle | undefined;
  try {
    try {
      handle = await openPartFile(tempPath, resumeFrom !== undefined, lock !== undefined);
    } catch (error) {
      throw new LocalFileError(l10n.t('Cannot write into {0}: {1}. Choose another folder.', destinationDir, describeFsError(error, 'write')), destinationDir);
    }
    if (resumeFrom) {
      transport.log('info', `Resuming the unfinished download of ${fileName} from byte ${resumeFrom.received} (left by an earlier session).`);
    }
    const received = await transfer(transport, url, handle, tempPath, options, resumeFrom, lock !== undefined, sized);
    if (sized && received !== sized.size) {
      // Storage's answer was whole but not the file the service describes: keep none of it.
      throw sizeMismatch(hostOf(url), 'sent', received, sized);
    }
    await handle.close();
    handle = undefined;
    throwIfCancelled(signal);
    return await placeFile(transport, tempPath, destinationDir, fileName, choice, options);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    await fs.rm(tempPath + RESUME_RECORD_SUFFIX, { force: true }).catch(() => undefined);
    await lock?.release();
  }
}

/**
 * Fills `handle` with the body of `url`, resuming with Range after a dropped connection;
 * resolves with the bytes in the file.
 */
async function transfer(
  transport: Transport,
  url: string,
  handle: fs.FileHandle,
  tempPath: string,
  options: DownloadOptions,
  resumeFrom: ResumePoint | undefined,
  recordVersion: boolean,
  sized: SizeCheck | undefined,
): Promise<number> {
  const state: TransferState = { received: resumeFrom?.received ?? 0, total: resumeFrom?.total, version: resumeFrom?.version };
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
    () => downloadOnce(transport, url, { handle, path: tempPath, state, report, recordVersion, sized }, options.signal),
    resumable,
  );
  return state.received;
}

/** The size the service's record gives a file, which the saved file must have. */
interface SizeCheck {
  size: number;
  /** For messages: the file's (local) name and the service that gave the size. */
  fileName: string;
  service: string;
}

function sizeCheck(transport: Transport, fileName: string, expectedSize: number | undefined): SizeCheck | undefined {
  return Number.isSafeInteger(expectedSize) && (expectedSize as number) >= 0
    ? { size: expectedSize as number, fileName, service: transport.service.name }
    : undefined;
}

/** Storage announced or sent `bytes` where the service's record says `sized.size`; not retried (a cut copy stays cut). */
function sizeMismatch(host: string, how: 'announced' | 'sent', bytes: number, sized: SizeCheck): BadResponseError {
  const args = [host, formatExactCount(bytes), sized.fileName, sized.service, formatExactCount(sized.size)];
  return new BadResponseError(
    how === 'announced'
      ? l10n.t({
          message: '{0} announced {1} bytes for {2}, but {3} says the file has {4} bytes; nothing was saved. Try again.',
          args,
          comment: ['{0} is the storage host, {1} the bytes it announced, {2} the file name, {3} the service (AudioStack, api.audio), {4} the size the service gives the file'],
        })
      : l10n.t({
          message: '{0} sent {1} bytes of {2}, but {3} says the file has {4} bytes; nothing was saved. Try again.',
          args,
          comment: ['{0} is the storage host, {1} the bytes it sent, {2} the file name, {3} the service (AudioStack, api.audio), {4} the size the service gives the file'],
        }),
  );
}

interface TransferState {
  received: number;
  total: number | undefined;
  /** The version the bytes so far belong to (a resume must continue that one). */
  version?: ObjectVersion;
}

/** The temporary file a download fills, with how far it got and how to report that. */
interface PartFile {
  handle: fs.FileHandle;
  path: string;
  state: TransferState;
  report: () => void;
  /** Keep a resume record beside the file (a download that holds the part file's lock). */
  recordVersion: boolean;
  /** The size the file must have, when the service's record gives one. */
  sized: SizeCheck | undefined;
}

/** One attempt: asks for the bytes not yet received and appends them to the temporary file. */
async function downloadOnce(transport: Transport, url: string, part: PartFile, signal: AbortSignal | undefined): Promise<void> {
  const { state, report } = part;
  const host = hostOf(url);
  const lifetime = new RequestLifetime(signal, transport.timeoutMs, true, transport.options.throughputFloor);
  const started = Date.now();
  if (state.received > 0 && ifRangeFor(state.version) === undefined) {
    // Nothing identifies the version received so far: never splice, start over.
    await restartFromZero(part);
  }
  const resumeFrom = state.received;
  try {
    const response = await transport.presigned(url, { method: 'GET', headers: rangeHeaders(resumeFrom, state.version) }, lifetime);
    transport.log(
      'debug',
      `GET ${url}${resumeFrom > 0 ? ` (from byte ${resumeFrom})` : ''} → ${response.status} (${Date.now() - started} ms)`,
    );
    if (response.status !== 200 && response.status !== 206) {
      const text = await readBodyPrefix(response);
      if (response.status === 416 && state.total !== undefined && resumeFrom === state.total) {
        return;
      }
      throw storageError(transport, 'download', response.status, text, response.header('retry-after'), url);
    }
    refuseWebPage(response, host);
    const expected = await expectedLength(transport, response, host, part);
    if (part.sized && expected !== undefined && expected !== part.sized.size) {
      // Another length than the record's: not the file the service describes. Read none of it.
      discard(response);
      throw sizeMismatch(host, 'announced', expected, part.sized);
    }
    state.total = expected;
    if (part.recordVersion) {
      // Before any byte of this version is written: a killed download resumes only this version.
      await writeResumeRecord(part.path, state.version, expected).catch((error: unknown) => {
        throw new LocalFileError(l10n.t('Cannot write beside {0}: {1}.', part.path, describeFsError(error, 'write')), part.path);
      });
    }
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
async function expectedLength(transport: Transport, response: WireResponse, host: string, part: PartFile): Promise<number | undefined> {
  const resumeFrom = part.state.received;
  if (response.status === 206 && part.state.version && !isSameVersion(part.state.version, response)) {
    // A part of another version of the object: never append it to this one.
    discard(response);
    transport.log('debug', `${host} answered the resume with a part of a different version of the file; restarting the download.`);
    await restartFromZero(part);
    throw new NetworkError(l10n.t('The file on {0} changed during the download; restarting it.', host));
  }
  if (response.status === 206) {
    const range = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(response.header('content-range')?.trim() ?? '');
    if (!range || Number(range[1]) !== resumeFrom) {
      // Not the part we asked for: start over on the next attempt. Drop the unwanted body:
      // draining it would keep a stalled connection open forever.
      discard(response);
      await restartFromZero(part);
      throw new NetworkError(l10n.t('{0} answered with an unexpected byte range; restarting the download.', host));
    }
    return range[3] === '*' ? undefined : Number(range[3]);
  }
  if (resumeFrom > 0) {
    transport.log('debug', `${host} sent the whole file again (changed, or no range support); restarting the download from the start.`);
    await restartFromZero(part);
  }
  part.state.version = versionOf(response);
  const length = response.header('content-length') ?? null;
  return length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
}

/**
 * Appends the response body to the temporary file, keeping the idle timer alive. The next
 * chunk is received while earlier ones are written; `received` counts bytes on disk.
 */
async function receiveBody(transport: Transport, response: WireResponse, lifetime: RequestLifetime, host: string, part: PartFile): Promise<void> {
  const progress = new ProgressTimer(part.report);
  const onWritten = (bytes: number): void => {
    part.state.received += bytes;
    progress.update();
  };
  const toError = (error: unknown) => new LocalFileError(l10n.t('Cannot write {0}: {1}.', part.path, describeFsError(error, 'write')), part.path);
  const writer = new PipelinedFileWriter(part.handle, part.state.received, onWritten, toError);
  const body = response.body;
  try {
    // `data` events rather than `for await`: no promise per 64 KiB chunk. Receiving pauses
    // only while more than the writer's bound waits to be written.
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        lifetime.touch(chunk.length);
        let room: boolean;
        try {
          room = writer.offer(chunk);
        } catch (error) {
          body.off('data', onData);
          body.destroy();
          reject(error);
          return;
        }
        if (!room) {
          body.pause();
          void writer.whenRoom().then(() => body.resume());
        }
      };
      body.on('data', onData);
      finished(body, (error) => (error ? reject(error) : resolve()));
    });
    await writer.flush();
  } catch (error) {
    // Every received byte reaches the file before a retry resumes after it; a disk error wins.
    await writer.flush();
    if (error instanceof ApiAudioError) {
      throw error;
    }
    throw transport.toClientError(error, lifetime, host);
  } finally {
    progress.flush();
  }
}

function checkComplete(host: string, received: number, expected: number | undefined): void {
  if (expected === undefined || received === expected) {
    return;
  }
  if (received < expected) {
    throw new NetworkError(l10n.t('The connection to {0} ended after {1} of {2} bytes.', host, received, expected));
  }
  throw new BadResponseError(l10n.t('{0} sent {1} bytes but announced {2}. Try the download again.', host, received, expected));
}

async function restartFromZero(part: PartFile): Promise<void> {
  try {
    await part.handle.truncate(0);
  } catch (error) {
    throw new LocalFileError(l10n.t('Cannot write {0}: {1}.', part.path, describeFsError(error, 'write')), part.path);
  }
  part.state.received = 0;
  part.state.total = undefined;
  part.state.version = undefined;
  part.report();
}

/** `Range` from `resumeFrom`, guarded by `If-Range` so only the same version is continued. */
function rangeHeaders(resumeFrom: number, version: ObjectVersion | undefined): Record<string, string> {
  const validator = ifRangeFor(version);
  return resumeFrom > 0 && validator ? { Range: `bytes=${resumeFrom}-`, 'If-Range': validator } : {};
}

/** A web page (captive portal, proxy login) is not the audio file: keep nothing. */
function refuseWebPage(response: WireResponse, host: string): void {
  const type = response.header('content-type') ?? '';
  if (/\b(text\/html|application\/xhtml\+xml)\b/i.test(type)) {
    discard(response);
    throw new BadResponseError(
      l10n.t(
        '{0} answered the download with a web page ({1}) instead of the audio file; nothing was saved. A captive portal or proxy may be in the way: sign in to the network or check your proxy settings, then try again.',
        host,
        type.split(';')[0].trim(),
      ),
      response.status,
    );
  }
}

/**
 * Opens the part file: to continue it (never through a link), or new. Under our lock what
 * lies there is ours to replace (removed first: never written through a planted link).
 */
async function openPartFile(partPath: string, resume: boolean, locked: boolean): Promise<fs.FileHandle> {
  if (resume) {
    return fs.open(partPath, fsConstants.O_RDWR | (fsConstants.O_NOFOLLOW ?? 0));
  }
  if (locked) {
    await fs.rm(partPath, { force: true });
  }
  return fs.open(partPath, 'wx');
}

/** Part files an earlier window left behind (reload, crash) in this folder are removed, but never `keep`. */
async function removeLeftovers(transport: Transport, dir: string, keep: readonly string[]): Promise<void> {
  const removed = await sweepStalePartFiles(dir, undefined, undefined, keep);
  if (removed.length > 0) {
    transport.log('info', `Removed ${removed.length} unfinished download file(s) left in ${dir} by an earlier session.`);
  }
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
      throw new LocalFileError(l10n.t('Too many files named like {0} in {1}. Tidy up the folder and try again.', fileName, dir), target);
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
      throw new LocalFileError(l10n.t('Cannot create {0}: {1}.', to, describeFsError(createError, 'write')), to);
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
    throw new LocalFileError(l10n.t('Cannot write {0}: {1}.', to, describeFsError(error, 'write')), to);
  }
}

async function askConflict(onConflict: DownloadOptions['onConflict'], existingPath: string): Promise<ConflictChoice> {
  const answer = typeof onConflict === 'function' ? await onConflict(existingPath) : (onConflict ?? 'fail');
  if (!CONFLICT_CHOICES.includes(answer)) {
    throw new InvalidInputError(l10n.t('Unknown conflict choice "{0}": use rename, overwrite, skip or fail.', String(answer)));
  }
  return answer;
}

function destinationExists(target: string): DestinationExistsError {
  return new DestinationExistsError(l10n.t('{0} already exists. Choose to overwrite it, keep both, or pick another folder.', target), target);
}

async function checkDestinationDir(dir: string): Promise<void> {
  if (typeof dir !== 'string' || dir === '') {
    throw new InvalidInputError(l10n.t('Choose a folder to download into.'));
  }
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch (error) {
    throw new InvalidInputError(l10n.t('Cannot download into {0}: {1}.', dir, describeFsError(error, 'write')));
  }
  if (!stat.isDirectory()) {
    throw new InvalidInputError(l10n.t('Cannot download into {0}: it is a file, not a folder.', dir));
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
