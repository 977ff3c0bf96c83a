// Upload in the official SDK's two steps: ask for a presigned URL (never retried: every
// call mints a new mediaId), then stream the file to it with a PUT (retried: S3 overwrites).

import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { Transform, TransformCallback, pipeline } from 'node:stream';
import { BadRequestError, BadResponseError, CancelledError, InvalidInputError, RateLimitedError, ServerError } from './errors';
import { Transport, hostOf, parseRetryAfter, parseS3Error } from './http';
import { RequestLifetime } from './lifetime';
import type { TransferProgress, UploadOptions } from './types';
import { checkUploadFile, describeFsError, normaliseTags } from './validate';

/** Every file goes up as audio/mpeg, wav included, exactly like the official SDK. */
export const UPLOAD_CONTENT_TYPE = 'audio/mpeg';

export async function uploadFile(
  transport: Transport,
  filePath: string,
  options: UploadOptions = {},
): Promise<{ mediaId: string }> {
  const size = await checkUploadFile(filePath);
  const tags = normaliseTags(options.tags);
  if (options.signal?.aborted) {
    throw new CancelledError();
  }

  const body = await transport.api({
    method: 'GET',
    path: '/file/customaudio/uploadurl',
    query: { filename: path.basename(filePath), tags: tags.length ? tags.join(',') : undefined },
    signal: options.signal,
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

  await transport.withRetries(`PUT ${transport.clean(uploadUrl)}`, options.signal, () =>
    putOnce(transport, filePath, size, uploadUrl, options),
  );
  return { mediaId };
}

async function putOnce(
  transport: Transport,
  filePath: string,
  size: number,
  uploadUrl: string,
  options: UploadOptions,
): Promise<void> {
  const lifetime = new RequestLifetime(options.signal, transport.timeoutMs, true);
  const started = Date.now();
  let transferred = 0;
  const report = (progress: TransferProgress): void => {
    try {
      options.onProgress?.(progress);
    } catch {
      // A failing progress callback must not fail the upload.
    }
  };
  report({ transferred: 0, total: size });

  // A fresh stream per attempt; `end` pins the length to the Content-Length sent.
  const file = size > 0 ? createReadStream(filePath, { start: 0, end: size - 1 }) : undefined;
  let fileError: Error | undefined;
  file?.once('error', (error) => {
    fileError = error;
  });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      transferred += chunk.length;
      lifetime.touch();
      report({ transferred, total: size });
      callback(null, chunk);
    },
  });
  // pipeline() destroys the file stream whenever node-fetch destroys the body (abort, error).
  if (file) {
    pipeline(file, counter, () => undefined);
  }

  try {
    const response = await transport.presigned(
      uploadUrl,
      {
        method: 'PUT',
        body: file ? counter : '',
        headers: { 'Content-Type': UPLOAD_CONTENT_TYPE, 'Content-Length': String(size) },
      },
      lifetime,
    );
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw transport.toClientError(error, lifetime, hostOf(uploadUrl));
    }
    transport.log(
      'debug',
      `PUT ${uploadUrl} → ${response.status} (${Date.now() - started} ms, ${transferred} of ${size} bytes)`,
    );
    if (response.status === 200) {
      return;
    }
    if (response.status === 403) {
      throw transport.presignedError(403, text, 'upload');
    }
    if (response.status === 429 || response.status === 503 && /SlowDown/i.test(text)) {
      throw new RateLimitedError(
        'Storage is limiting the upload rate. Wait a moment and try again.',
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    if (response.status >= 300 && response.status < 400) {
      // Not followed (a streamed body cannot be sent twice) and not retried: the same
      // link would be redirected again.
      throw new BadResponseError(
        `Storage redirected the upload (${response.status}) instead of storing it; the file was not stored. Try again later.`,
        response.status,
      );
    }
    if (response.status >= 500) {
      throw new ServerError(`Storage had a server error (${response.status}) during the upload. Try again later.`, response.status);
    }
    if (response.status >= 400) {
      const { code, message } = parseS3Error(text);
      const detail = [code, message].filter(Boolean).join(': ');
      throw new BadRequestError(
        transport.clean(`Storage refused the upload (${response.status}${detail ? ` ${detail}` : ''}). Try again.`),
        response.status,
      );
    }
    throw new BadResponseError(
      `Storage answered the upload with status ${response.status} instead of 200; the file may not have been stored. Try again.`,
      response.status,
    );
  } catch (error) {
    if (fileError && !lifetime.reason) {
      throw new InvalidInputError(`Cannot upload "${filePath}": ${describeFsError(fileError)} (it changed during the upload).`);
    }
    const mapped = transport.toClientError(error, lifetime, hostOf(uploadUrl));
    transport.log('debug', `PUT ${uploadUrl} → ${mapped.name} (${Date.now() - started} ms, ${transferred} of ${size} bytes)`);
    throw mapped;
  } finally {
    lifetime.dispose();
    file?.destroy();
    counter.destroy();
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
