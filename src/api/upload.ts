// Upload in the official SDK's two steps: ask for a presigned URL (never retried: every
// call mints a new mediaId), then stream the file to it with a PUT (retried: S3 overwrites).

import { createReadStream, type ReadStream } from 'node:fs';
import * as path from 'node:path';
import { Transform, TransformCallback, pipeline } from 'node:stream';
import { BadResponseError, CancelledError, InvalidInputError } from './errors';
import { describeFsError } from './fsErrors';
import { Transport, hostOf } from './http';
import { RequestLifetime } from './lifetime';
import { storageError } from './storage';
import { requireValidTags } from './tags';
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
  await transport.withRetries(`PUT ${transport.clean(uploadUrl)}`, options.signal, () =>
    putOnce(transport, filePath, size, uploadUrl, options),
  );
  return { mediaId };
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
      `api.audio did not return an upload link (expected "mediaId" and "fileUploadUrl"). Check the api.audio base URL (${transport.options.baseUrl}).`,
    );
  }
  return { mediaId, uploadUrl };
}

/** Step two, one attempt: streams the file to storage and maps the answer. */
async function putOnce(
  transport: Transport,
  filePath: string,
  size: number,
  uploadUrl: string,
  options: UploadOptions,
): Promise<void> {
  const lifetime = new RequestLifetime(options.signal, transport.timeoutMs, true);
  const started = Date.now();
  const body = new FileBody(filePath, size, lifetime, options.onProgress);
  const outcome = (what: string): string => `PUT ${uploadUrl} → ${what} (${Date.now() - started} ms, ${body.transferred} of ${size} bytes)`;
  try {
    const response = await transport.presigned(
      uploadUrl,
      { method: 'PUT', body: body.stream, headers: { 'Content-Type': UPLOAD_CONTENT_TYPE, 'Content-Length': String(size) } },
      lifetime,
    );
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw transport.toClientError(error, lifetime, hostOf(uploadUrl));
    }
    transport.log('debug', outcome(String(response.status)));
    if (response.status !== 200) {
      throw storageError(transport, 'upload', response.status, text, response.headers.get('retry-after'));
    }
  } catch (error) {
    const fileError = body.fileError;
    if (fileError && !lifetime.reason) {
      throw new InvalidInputError(`Cannot upload "${filePath}": ${describeFsError(fileError, 'read')} (it changed during the upload).`);
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
  fileError: Error | undefined;
  private readonly file: ReadStream | undefined;
  private readonly counter: Transform | undefined;

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
    this.file = createReadStream(filePath, { start: 0, end: size - 1 });
    this.file.once('error', (error) => {
      this.fileError = error;
    });
    this.counter = new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) => {
        this.transferred += chunk.length;
        lifetime.touch();
        report({ transferred: this.transferred, total: size });
        callback(null, chunk);
      },
    });
    // pipeline() destroys the file stream whenever node-fetch destroys the body (abort, error).
    pipeline(this.file, this.counter, () => undefined);
    this.stream = this.counter;
  }

  dispose(): void {
    this.file?.destroy();
    this.counter?.destroy();
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
