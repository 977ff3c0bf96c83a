// What a storage (S3) status means for an upload or a download through a presigned URL:
// one mapping for both directions.

import {
  BadRequestError,
  BadResponseError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  type ApiAudioError,
} from './errors';
import { parseRetryAfter, parseS3Error, type Transport } from './http';

export type TransferDirection = 'upload' | 'download';

/** The typed, redacted error for a non-success storage answer (`body` is S3's XML, if any). */
export function storageError(
  transport: Transport,
  what: TransferDirection,
  status: number,
  body: string,
  retryAfter: string | null | undefined,
  url?: string,
): ApiAudioError {
  if (status === 403) {
    return transport.presignedError(status, body, what, url);
  }
  if (status === 404 && what === 'download') {
    return new NotFoundError('The download link points to a file that no longer exists (404). Refresh the list and try again.', status);
  }
  if (status === 429 || (status === 503 && /SlowDown/i.test(body))) {
    return new RateLimitedError(`Storage is limiting the ${what} rate. Wait a moment and try again.`, parseRetryAfter(retryAfter));
  }
  if (status >= 300 && status < 400) {
    // An upload is not followed (a streamed body cannot be sent twice) and not retried: the
    // same link would be redirected again. A download reaches here only when not followable.
    const lost = what === 'upload' ? ' instead of storing it; the file was not stored' : '';
    return new BadResponseError(`Storage redirected the ${what} (${status})${lost}. Try again later.`, status);
  }
  if (status >= 500) {
    return new ServerError(`Storage had a server error (${status}) during the ${what}. Try again later.`, status);
  }
  if (status >= 400) {
    const { code, message } = parseS3Error(body);
    const detail = [code, message].filter(Boolean).join(': ');
    return new BadRequestError(transport.clean(`Storage refused the ${what} (${status}${detail ? ` ${detail}` : ''}). Try again.`, url), status);
  }
  return new BadResponseError(
    `Storage answered the ${what} with status ${status} instead of ${what === 'upload' ? '200; the file may not have been stored' : '200 or 206'}. Try again.`,
    status,
  );
}
