// Wire DTOs and the public shapes of the api.audio client. Pure data: no `vscode` import.

import type { Redactor } from './redact';

/** One media file as the client hands it to callers (normalised from the wire). */
export interface MediaItem {
  mediaId: string;
  filename: string;
  /** Always an array; `[]` when untagged. */
  tags: string[];
  /** Presigned download URL, present only when asked for (`downloadUrl: true`). */
  downloadUrl?: string;
  /** Any further fields the server sent, kept as-is. */
  metadata: Record<string, unknown>;
}

export interface MediaListing {
  items: MediaItem[];
  totalCount: number;
}

export interface ListMediaOptions {
  mediaId?: string;
  /** Files that carry ALL of these tags (server-side AND filter). */
  tags?: string[];
  /** Ask for a presigned URL per item (slow on the real service). */
  downloadUrl?: boolean;
  /** List api.audio's public library instead of the organisation's files. */
  public?: boolean;
  signal?: AbortSignal;
}

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ClientOptions {
  apiKey: string;
  /**
   * Removes secrets from every log line and error message. The client adds its key to it;
   * pass the one your logger uses so both redact the same secrets. Default: a new one.
   */
  redactor?: Redactor;
  baseUrl?: string;
  assumeOrgId?: string;
  userAgent: string;
  logger?: Logger;
  /** Per-request timeout for API calls, ms (default 30 000). */
  timeoutMs?: number;
  /** Bounded retries for GETs and the upload PUT (default 3, at most 10: larger values are clamped to 10). */
  maxRetries?: number;
  /** Base delay for exponential backoff, ms (default 500). Tests set it low. */
  retryBaseDelayMs?: number;
  /**
   * Total time a retried call may take, attempts and waits (Retry-After included), ms
   * (default 90 000). A wait that would pass it is not started: the error is returned.
   */
  retryBudgetMs?: number;
  /** Transfers slower than this (bytes/s) over a whole `throughputWindowMs` fail (default 1024). */
  minThroughputBytesPerSecond?: number;
  /** The window for `minThroughputBytesPerSecond`, ms (default 60 000). */
  throughputWindowMs?: number;
}

/** Bytes moved so far and, when known, the total. */
export interface TransferProgress {
  transferred: number;
  total?: number;
}

export interface UploadOptions {
  tags?: string[];
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
}

export type ConflictChoice = 'rename' | 'overwrite' | 'skip' | 'fail';

export interface DownloadOptions {
  /** Local file name to use instead of the one derived from the URL (still sanitised). */
  fileName?: string;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /**
   * What to do when the destination exists. A fixed choice, or a callback asked with the
   * existing path (it may prompt a human). Default `fail`.
   */
  onConflict?: ConflictChoice | ((existingPath: string) => ConflictChoice | Promise<ConflictChoice>);
  /**
   * The file's size in bytes as the service's own record gives it (AudioStack Files:
   * `size`). When set, storage must deliver exactly that many bytes, else nothing is kept
   * under the final name. Ignored unless a whole number of bytes.
   */
  expectedSize?: number;
  /**
   * Called once the download holds its resumable part file (`.<name>.<hex>.part`, with its
   * `.json` record and `.lock` beside it), with the part file's path: what a window reload
   * or crash from here on leaves behind. Not called for a download that cannot take the
   * part file's lock (another download of the same item into the same place is running).
   */
  onPartFile?: (partFile: string) => void;
}

