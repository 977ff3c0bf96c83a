// Typed errors of the api.audio client. Every message says what happened and what to do,
// and never carries the API key or a presigned-URL signature (messages pass redact()).
// Messages are in the display language (l10n.t): a person reads them in notifications;
// the log quotes them too.

import * as l10n from '@vscode/l10n';

export type ApiAudioErrorCode =
  | 'auth'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'bad-request'
  | 'bad-response'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'presigned-url-rejected'
  | 'invalid-input'
  | 'destination-exists'
  | 'local-file'
  | 'processing';

export class ApiAudioError extends Error {
  constructor(
    readonly code: ApiAudioErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401/403 from the API: the key is missing, wrong or revoked. */
export class AuthenticationError extends ApiAudioError {
  constructor(message: string, status?: number) {
    super('auth', message, status);
  }
}

export class NotFoundError extends ApiAudioError {
  constructor(message: string, status?: number) {
    super('not-found', message, status);
  }
}

export class RateLimitedError extends ApiAudioError {
  constructor(
    message: string,
    /** From `Retry-After`, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super('rate-limited', message, 429);
  }
}

export class ServerError extends ApiAudioError {
  constructor(message: string, status?: number) {
    super('server', message, status);
  }
}

/** 400 and other 4xx the API explains with a `{"message"}` body. */
export class BadRequestError extends ApiAudioError {
  constructor(message: string, status?: number) {
    super('bad-request', message, status);
  }
}

/** The server answered with something that is not the JSON the protocol promises. */
export class BadResponseError extends ApiAudioError {
  constructor(message: string, status?: number) {
    super('bad-response', message, status);
  }
}

/** A body longer than the documented cap for it; nothing more was read. */
export class ResponseTooLargeError extends BadResponseError {
  constructor(
    message: string,
    /** The cap, bytes. */
    readonly limitBytes: number,
    status?: number,
  ) {
    super(message, status);
  }
}

export class NetworkError extends ApiAudioError {
  constructor(message: string) {
    super('network', message);
  }
}

export class TimeoutError extends ApiAudioError {
  constructor(message: string) {
    super('timeout', message);
  }
}

export class CancelledError extends ApiAudioError {
  constructor(message = l10n.t('Cancelled.')) {
    super('cancelled', message);
  }
}

/** S3 refused a presigned URL (expired or bad signature); `s3Code` is S3's `<Code>`. */
export class PresignedUrlError extends ApiAudioError {
  constructor(
    message: string,
    readonly s3Code?: string,
    status?: number,
  ) {
    super('presigned-url-rejected', message, status);
  }
}

/** AudioStack stored a file but did not (yet) finish processing it, or could not. */
export class ProcessingError extends ApiAudioError {
  /**
   * `fileId`: the file on the service, when it exists there; `stillProcessing`: the wait
   * ended but the file may still finish (not a failure of the file itself).
   */
  constructor(
    message: string,
    readonly detail: { fileId?: string; stillProcessing?: boolean } = {},
  ) {
    super('processing', message);
  }
}

/** Bad input caught before anything is sent: key format, local file, extension. */
export class InvalidInputError extends ApiAudioError {
  constructor(message: string) {
    super('invalid-input', message);
  }
}

/** Download destination exists and the conflict choice was `fail`. */
export class DestinationExistsError extends ApiAudioError {
  constructor(
    message: string,
    readonly existingPath: string,
  ) {
    super('destination-exists', message);
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof ApiAudioError && error.code === 'cancelled';
}

/**
 * A client error's code, read from the object rather than by `instanceof`: code bundled in
 * dist/language.js has its own copy of the classes, so `instanceof` fails across bundles.
 */
export function clientErrorCode(error: unknown): ApiAudioErrorCode | undefined {
  return error instanceof Error ? ((error as { code?: unknown }).code as ApiAudioErrorCode | undefined) : undefined;
}

/** The service answered that the file, item or folder does not exist (404). */
export function isNotFound(error: unknown): boolean {
  return clientErrorCode(error) === 'not-found';
}

/** Reading or writing a local file failed mid-operation (disk full, permission, …). */
export class LocalFileError extends ApiAudioError {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super('local-file', message);
  }
}
