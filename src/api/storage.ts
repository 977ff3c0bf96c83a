// What a storage (S3) status means for an upload or a download through a presigned URL:
// one mapping for both directions.

import * as l10n from '@vscode/l10n';
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
    return new NotFoundError(l10n.t('The download link points to a file that no longer exists (404). Refresh the list and try again.'), status);
  }
  if (status === 429 || (status === 503 && /SlowDown/i.test(body))) {
    const message =
      what === 'upload' ? l10n.t('Storage is limiting the upload rate. Wait a moment and try again.') : l10n.t('Storage is limiting the download rate. Wait a moment and try again.');
    return new RateLimitedError(message, parseRetryAfter(retryAfter));
  }
  if (status >= 300 && status < 400) {
    // An upload is not followed (a streamed body cannot be sent twice) and not retried: the
    // same link would be redirected again. A download reaches here only when not followable.
    const message =
      what === 'upload'
        ? l10n.t('Storage redirected the upload ({0}) instead of storing it; the file was not stored. Try again later.', status)
        : l10n.t('Storage redirected the download ({0}). Try again later.', status);
    return new BadResponseError(message, status);
  }
  if (status >= 500) {
    const message =
      what === 'upload'
        ? l10n.t('Storage had a server error ({0}) during the upload. Try again later.', status)
        : l10n.t('Storage had a server error ({0}) during the download. Try again later.', status);
    return new ServerError(message, status);
  }
  if (status >= 400) {
    const { code, message } = parseS3Error(body);
    const detail = [code, message].filter(Boolean).join(': ');
    // The status and S3's own words (code: message), as sent.
    const answer = `${status}${detail ? ` ${detail}` : ''}`;
    const text = what === 'upload' ? l10n.t('Storage refused the upload ({0}). Try again.', answer) : l10n.t('Storage refused the download ({0}). Try again.', answer);
    return new BadRequestError(transport.clean(text, url), status);
  }
  return new BadResponseError(
    what === 'upload'
      ? l10n.t('Storage answered the upload with status {0} instead of 200; the file may not have been stored. Try again.', status)
      : l10n.t('Storage answered the download with status {0} instead of 200 or 206. Try again.', status),
    status,
  );
}
