// Upload in the official SDK's two steps: ask for a presigned URL (never retried: every
// call mints a new mediaId), then stream the file to it with a PUT (retried: S3 overwrites).

import { createReadStream, promises as fs, type ReadStream } from 'node:fs';
import * as path from 'node:path';
import { Transform, TransformCallback, pipeline } from 'node:stream';
import * as l10n from '@vscode/l10n';
import { BadResponseError, CancelledError, InvalidInputError } from './errors';
import { describeFsError } from './fsErrors';
import { ProgressTimer, UPLOAD_READ_SIZE } from './fileWriter';
import { Transport, hostOf } from './http';
import { RequestLifetime } from './lifetime';
import { storageError } from './storage';
import { readBodyPrefix } from './wire';
import { requireValidTags } from './apiaudio/tags';
import type { TransferProgress, UploadOptions } from './types';
import { checkUploadFile } from './validate';

/** Every file goes up as audio/mpeg, wav included, exactly like the official SDK. */
export const UPLOAD_CONTENT_TYPE = 'audio/mpeg';

export async function uploadFile(
  transport: Transport,
  filePath: string,
  options: UploadOptions = {},
): Promise<{ mediaId: string }> {
  const size = await checkUploadFile(filePath);
  const tags = requireValidTags(options.tags);
  if (options.signal?.aborted) {
    throw new CancelledError();
  }
  const { mediaId, uploadUrl } = await requestUploadUrl(transport, path.basename(filePath), tags, options.signal);
  await putFile(transport, filePath, size, uploadUrl, UPLOAD_CONTENT_TYPE, options);
  return { mediaId };
}

/**
 * Streams a file to a presigned URL with a PUT (no API key), retried within the budget:
 * storage overwrites, so sending again is safe. `size` is what checkUploadFile measured.
 */
export async function putFile(
  transport: Transport,
  filePath: string,
  size: number,
  uploadUrl: string,
  contentType: string,
  options: Pick<UploadOptions, 'signal' | 'onProgress'>,
): Promise<void> {
  await transport.withRetries(`PUT ${transport.clean(uploadUrl)}`, options.signal, () =>
    putOnce(transport, filePath, size, uploadUrl, contentType, options),
  );
}

/** Step one: a new mediaId and the presigned PUT URL for it. */
async function requestUploadUrl(
  transport: Transport,
  fileName: string,
  tags: string[],
  signal: AbortSignal | undefined,
): Promise<{ mediaId: string; uploadUrl: string }> {
  const body = await transport.api({
    method: 'GET',
    path: '/file/customaudio/uploadurl',
    query: { filename: fileName, tags: tags.length ? tags.join(',') : undefined },
    signal,
    retry: false,
  });
  const record = (body ?? {}) as Record<string, unknown>;
  const mediaId = record.mediaId;
  const uploadUrl = record.fileUploadUrl;
  if (typeof mediaId !== 'string' || mediaId === '' || typeof uploadUrl !== 'string' || !isHttpUrl(uploadUrl)) {
    throw new BadResponseError(
      l10n.t('api.audio did not return an upload link (expected "mediaId" and "fileUploadUrl"). Check the api.audio base URL ({0}).', transport.options.baseUrl),
    );
  }
  transport.learnUrl(uploadUrl);
  return { mediaId, uploadUrl };
}

/** Step two, one attempt: streams the file to storage and maps the answer. */
async function putOnce(
  transport: Transport,
  filePath: string,
  size: number,
  uploadUrl: string,
  contentType: string,
  options: Pick<UploadOptions, 'signal' | 'onProgress'>,
): Promise<void> {
  const lifetime = new RequestLifetime(options.signal, transport.timeoutMs, true, transport.options.throughputFloor);
  const started = Date.now();
  const body = new FileBody(filePath, size, lifetime, options.onProgress);
  const outcome = (what: string): string => `PUT ${uploadUrl} → ${what} (${Date.now() - started} ms, ${body.transferred} of ${size} bytes)`;
  try {
    const response = await transport.presigned(
      uploadUrl,
      { method: 'PUT', body: body.stream, headers: { 'Content-Type': contentType, 'Content-Length': String(size) } },
      lifetime,
    );
    // Storage answers a PUT with an empty body, or a short XML error: never more than a few KB is read.
    const text = await readBodyPrefix(response);
    transport.log('debug', outcome(String(response.status)));
    if (response.status !== 200) {
      throw storageError(transport, 'upload', response.status, text, response.header('retry-after'), uploadUrl);
    }
  } catch (error) {
    const fileError = body.fileError;
    if (fileError && lifetime.reason !== 'cancelled') {
      throw new InvalidInputError(l10n.t('Cannot upload "{0}": {1} The file was not uploaded.', filePath, fileError.message));
    }
    const mapped = transport.toClientError(error, lifetime, hostOf(uploadUrl));
    transport.log('debug', outcome(mapped.name));
    throw mapped;
  } finally {
    lifetime.dispose();
    body.dispose();
  }
}

/**
 * The request body of one attempt: a fresh read of the file (`end` pins its length to the
 * Content-Length sent) through a counter that reports progress and keeps the idle timer alive.
 */
class FileBody {
  readonly stream: Transform | string;
  transferred = 0;
  /** The local file failed or changed: this wins over whatever the network then did. */
  fileError: Error | undefined;
  private readonly file: ReadStream | undefined;
  private readonly counter: Transform | undefined;
  private readonly progress: ProgressTimer | undefined;

  constructor(filePath: string, size: number, lifetime: RequestLifetime, onProgress: UploadOptions['onProgress']) {
    const report = (progress: TransferProgress): void => {
      try {
        onProgress?.(progress);
      } catch {
        // A failing progress callback must not fail the upload.
      }
    };
    report({ transferred: 0, total: size });
    if (size === 0) {
      this.stream = '';
      return;
    }
    this.file = createReadStream(filePath, { start: 0, end: size - 1, highWaterMark: UPLOAD_READ_SIZE });
    this.file.once('error', (error) => {
      this.fileError ??= new Error(l10n.t('{0} (it changed during the upload).', describeFsError(error, 'read')));
    });
    this.progress = new ProgressTimer(() => report({ transferred: this.transferred, total: size }));
    this.counter = new Transform({
      highWaterMark: UPLOAD_READ_SIZE,
      transform: (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) => {
        this.transferred += chunk.length;
        lifetime.touch(chunk.length);
        this.progress?.update();
        if (this.transferred < size) {
          callback(null, chunk);
          return;
        }
        // The last bytes go out only once the file is known unchanged: storage would
        // otherwise keep a file that changed under us.
        this.verify(filePath, size, callback, chunk);
      },
      // Fewer bytes than announced: storage would wait for the rest (and we would call it a timeout).
      flush: (callback: TransformCallback) => {
        if (this.transferred < size) {
          this.verify(filePath, size, callback);
        } else {
          callback();
        }
      },
    });
    // pipeline() destroys the file stream whenever the request destroys the body (abort, error).
    pipeline(this.file, this.counter, () => undefined);
    this.stream = this.counter;
  }

  private verify(filePath: string, size: number, callback: TransformCallback, chunk?: Buffer): void {
    checkUnchanged(filePath, size, this.transferred).then(
      () => callback(null, chunk),
      (error: Error) => {
        this.fileError ??= error;
        callback(error);
      },
    );
  }

  dispose(): void {
    this.progress?.flush();
    this.file?.destroy();
    this.counter?.destroy();
  }
}

/** Fails when the file was deleted, shrank or grew since its size was announced. */
async function checkUnchanged(filePath: string, size: number, read: number): Promise<void> {
  let now: number;
  try {
    now = (await fs.stat(filePath)).size;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(code === 'ENOENT' ? l10n.t('the file was deleted during the upload.') : l10n.t('{0} (it changed during the upload).', describeFsError(error, 'read')));
  }
  if (read < size || now < size) {
    throw new Error(l10n.t('the file shrank during the upload (from {0} to {1} bytes).', size, Math.min(now, read)));
  }
  if (now > size) {
    throw new Error(l10n.t('the file grew during the upload (from {0} to {1} bytes).', size, now));
  }
}

/** An absolute http(s) URL that Node can parse (a regex alone lets `https://exa mple.com` through). */
function isHttpUrl(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) {
    return false;
  }
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}
