// The AudioStack Files client (`/files`, `/folders` on https://v2.api.audio), beside the
// api.audio Media client and on the same Transport: typed errors, one redactor, bounded
// bodies, deadlines, retries within a budget, cleaned server text, streamed uploads with
// progress and cancel, atomic resumable downloads. Pure Node (no `vscode` import).

import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { downloadMedia } from '../download';
import { BadResponseError, CancelledError, InvalidInputError, ProcessingError } from '../errors';
import type { ServiceWords, Transport } from '../http';
import { sleep } from '../lifetime';
import { createTransport } from '../transportFactory';
import type { ClientOptions, DownloadOptions, TransferProgress } from '../types';
import { putFile } from '../upload';
import { stackNameRuleProblem } from './names';
import { pageLimit } from './paging';
import { checkUploadFile } from '../validate';
import { BODY_LIMITS } from '../wire';
import {
  checkStackId,
  FILE_STATUS_UPLOADED,
  normaliseFile,
  normaliseFilesPage,
  normaliseFolder,
  normaliseFolderListing,
  stackFileState,
  type FilesPage,
  type FolderListing,
  type StackFile,
  type StackFolder,
} from './model';

export const DEFAULT_FILES_BASE_URL = 'https://v2.api.audio';

export const AUDIOSTACK_WORDS: ServiceWords = Object.freeze({
  name: 'AudioStack',
  get address(): string {
    return l10n.t('AudioStack Files base URL (apiAudio.filesBaseUrl)');
  },
  get narrow(): string {
    return l10n.t('open a smaller folder');
  },
});

/**
 * Audio the extension offers to upload to AudioStack Files, by extension, with the type
 * sent when the service names none. *Inferred*: the SDK sends whatever `mimeType` the
 * create call answers; these are the audio types AudioStack's guides name.
 */
export const FILES_UPLOAD_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
});

/** The SDK waits 300 s for processing; so does this client by default. */
export const DEFAULT_PROCESSING_TIMEOUT_MS = 300_000;
const FIRST_POLL_MS = 100;
/** How long deleting an abandoned upload's record may take (the upload was cancelled: no long wait). */
const DISCARD_TIMEOUT_MS = 10_000;
const MAX_POLL_MS = 2_000;

export interface FilesUploadOptions {
  /** The folder to upload into; the root when absent. */
  folderId?: string;
  /** Name to give the file; default the local file's name. */
  fileName?: string;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /** Called once the bytes are stored and AudioStack is processing the file (its ID and name). */
  onProcessing?: (file: { fileId: string; fileName: string }) => void;
  /** How long to wait for processing, ms (default 300 000, as the SDK). */
  processingTimeoutMs?: number;
}

export class AudioStackFilesClient {
  private readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = createTransport(options, { baseUrl: DEFAULT_FILES_BASE_URL, setting: 'apiAudio.filesBaseUrl', service: AUDIOSTACK_WORDS });
  }

  get baseUrl(): string {
    return this.transport.options.baseUrl;
  }

  /** The root folder's folders and files (`GET /folders`). */
  async listRoot(options: { signal?: AbortSignal } = {}): Promise<FolderListing> {
    return this.listing('GET /folders', { path: '/folders', signal: options.signal });
  }

  /** A folder's folders and files by its path from the root (`a/b/c`). */
  async listPath(folderPath: string, options: { signal?: AbortSignal } = {}): Promise<FolderListing> {
    const clean = folderPath
      .split('/')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join('/');
    if (clean === '') return this.listRoot(options);
    return this.listing('GET /folders?path=', { path: '/folders', query: { path: clean }, signal: options.signal });
  }

  /** A folder's folders and files by its id. */
  async listFolder(folderId: string, options: { signal?: AbortSignal } = {}): Promise<FolderListing> {
    const id = requireId(folderId, 'folder');
    return this.listing('GET /folders/{id}', { path: `/folders/${id}`, signal: options.signal });
  }

  /** One page of a folder's files (`limit` as pageLimit takes it: at most MAX_PAGE_SIZE); see paging.ts for reading it. */
  async listFolderFiles(folderId: string, page: { limit: number; offset: number; signal?: AbortSignal }): Promise<FilesPage> {
    const id = requireId(folderId, 'folder');
    const limit = pageLimit(page.limit);
    const offset = Math.max(0, Math.floor(page.offset));
    const body = await this.transport.api({
      method: 'GET',
      path: `/folders/${id}/files`,
      query: { limit: String(limit), offset: String(offset) },
      signal: page.signal,
      retry: true,
      maxBodyBytes: BODY_LIMITS.listing,
    });
    const read = normaliseFilesPage(body);
    if (!read) throw this.unexpectedShape('GET /folders/{id}/files', l10n.t({ message: 'a list of files', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    this.noteSkipped(read.skipped);
    return read;
  }

  async getFile(fileId: string, options: { signal?: AbortSignal } = {}): Promise<StackFile> {
    const id = requireId(fileId, 'file');
    const body = await this.transport.api({ method: 'GET', path: `/files/${id}`, signal: options.signal, retry: true });
    const file = normaliseFile(unwrap(body));
    if (!file) throw this.unexpectedShape('GET /files/{id}', l10n.t({ message: 'a file', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    if (file.url) this.transport.learnUrl(file.url);
    return file;
  }

  async createFolder(name: string, parentFolderId?: string, options: { signal?: AbortSignal } = {}): Promise<StackFolder> {
    const folderName = requireName(name, 'folder');
    const body = await this.transport.api({
      method: 'POST',
      path: '/folders',
      json: withoutEmpty({ folder_name: folderName, parent_folder_id: parentFolderId && requireId(parentFolderId, 'folder') }),
      signal: options.signal,
      retry: false,
    });
    return this.folderFrom(body, 'POST /folders');
  }

  async renameFolder(folderId: string, name: string, options: { signal?: AbortSignal } = {}): Promise<StackFolder> {
    const id = requireId(folderId, 'folder');
    const body = await this.transport.api({
      method: 'PATCH',
      path: `/folders/${id}`,
      json: { folder_name: requireName(name, 'folder') },
      signal: options.signal,
      retry: true,
    });
    return this.folderFrom(body, 'PATCH /folders/{id}');
  }

  /** Deletes a folder. Not retried. What the service does with a folder that is not empty is its own rule. */
  async deleteFolder(folderId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const id = requireId(folderId, 'folder');
    await this.transport.api({ method: 'DELETE', path: `/folders/${id}`, signal: options.signal, retry: false });
  }

  async renameFile(fileId: string, name: string, options: { signal?: AbortSignal } = {}): Promise<StackFile> {
    const id = requireId(fileId, 'file');
    const body = await this.transport.api({
      method: 'PATCH',
      path: `/files/${id}`,
      json: { file_name: requireName(name, 'file') },
      signal: options.signal,
      retry: true,
    });
    return this.fileFrom(body, 'PATCH /files/{id}');
  }

  /**
   * Copies a file into another folder; resolves with the copy, which must be a new file (a
   * new file ID). Not retried: each call makes a copy.
   */
  async copyFile(file: { fileId: string; folderId?: string }, toFolderId: string, options: { signal?: AbortSignal } = {}): Promise<StackFile> {
    const body = await this.transport.api({
      method: 'PUT',
      path: '/files/copy',
      json: withoutEmpty({
        file_id: requireId(file.fileId, 'file'),
        current_folder_id: file.folderId && requireId(file.folderId, 'folder'),
        new_folder_id: requireId(toFolderId, 'folder'),
      }),
      signal: options.signal,
      retry: false,
    });
    const copy = this.fileFrom(body, 'PUT /files/copy');
    if (copy.fileId === file.fileId) {
      throw new BadResponseError(
        this.transport.clean(
          l10n.t('AudioStack answered the copy of {0} with the original file itself, not a new file. Nothing was deleted; refresh both folders to see where the file is.', copy.fileName),
        ),
      );
    }
    return copy;
  }

  /**
   * Moves a file: reads the original (its name and size), copies it, and deletes the
   * original only once a *different* file with the same name and size is confirmed in the
   * target folder. Resolves with the copy. The SDK has no move. `onCopied` hears of the
   * copy as soon as it exists: when a later step fails (or is cancelled) the copy stays
   * beside the original, and the caller can say so.
   */
  async moveFile(
    file: { fileId: string; folderId?: string },
    toFolderId: string,
    options: { signal?: AbortSignal; onCopied?: (copy: StackFile) => void } = {},
  ): Promise<StackFile> {
    const original = await this.getFile(file.fileId, options);
    const copy = await this.copyFile({ fileId: original.fileId, folderId: file.folderId }, toFolderId, options);
    options.onCopied?.(copy);
    const confirmed = await this.getFile(copy.fileId, options);
    const mismatch = copyMismatch(original, confirmed, toFolderId);
    if (mismatch) throw new BadResponseError(this.transport.clean(mismatch));
    if (options.signal?.aborted) throw new CancelledError();
    await this.deleteFile(original.fileId, options);
    return confirmed;
  }

  /** `url` when it may be used or handed to a person; throws for a link that carries a user name or password. */
  checkDownloadLink(url: string): string {
    return this.transport.checkStorageLink(url, 'download');
  }

  /** Deletes a file. Not retried. */
  async deleteFile(fileId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const id = requireId(fileId, 'file');
    await this.transport.api({ method: 'DELETE', path: `/files/${id}`, signal: options.signal, retry: false });
  }

  /** The file types the service names (`GET /files/file-categories`). */
  async fileCategories(options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const body = await this.transport.api({ method: 'GET', path: '/files/file-categories', signal: options.signal, retry: true });
    const types = (unwrap(body) as { fileTypes?: unknown } | undefined)?.fileTypes;
    if (!Array.isArray(types)) throw this.unexpectedShape('GET /files/file-categories', '"fileTypes"');
    const names: string[] = [];
    for (const entry of types.slice(0, 200)) {
      const name = typeof entry === 'string' ? entry : entry && typeof entry === 'object' ? (entry as Record<string, unknown>).name : undefined;
      if (typeof name === 'string' && name.trim() !== '') names.push(this.transport.clean(name).slice(0, 100));
    }
    return names;
  }

  /**
   * Uploads a local audio file in the SDK's three steps: create (a file ID, a presigned
   * upload link and the type to send), PUT the bytes there (no API key), then wait until
   * AudioStack has processed it. Resolves with the processed file.
   */
  async upload(filePath: string, options: FilesUploadOptions = {}): Promise<StackFile> {
    const size = await checkUploadFile(filePath, { service: 'AudioStack', extensions: Object.keys(FILES_UPLOAD_TYPES) });
    const fileName = requireName(options.fileName ?? path.basename(filePath), 'file');
    if (options.signal?.aborted) throw new CancelledError();
    const body = await this.transport.api({
      method: 'POST',
      path: '/files',
      json: withoutEmpty({ file_name: fileName, folder_id: options.folderId && requireId(options.folderId, 'folder') }),
      signal: options.signal,
      retry: false,
    });
    const record = (unwrap(body) ?? {}) as Record<string, unknown>;
    const fileId = checkStackId(record.fileId);
    const uploadUrl = typeof record.uploadUrl === 'string' && /^https?:\/\//i.test(record.uploadUrl) ? record.uploadUrl : undefined;
    if (!fileId || !uploadUrl) throw this.unexpectedShape('POST /files', l10n.t({ message: '"fileId" and "uploadUrl"', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    this.transport.learnUrl(uploadUrl);
    const mimeType =
      typeof record.mimeType === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(record.mimeType)
        ? record.mimeType
        : (FILES_UPLOAD_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream');
    try {
      await putFile(this.transport, filePath, size, uploadUrl, mimeType, options);
    } catch (error) {
      // The protocol has no way to abandon a created file: deleting the record is the closest,
      // so a cancelled or failed PUT leaves no empty file behind.
      await this.discardCreated(fileId, fileName);
      throw error;
    }
    try {
      options.onProcessing?.({ fileId, fileName });
    } catch {
      // A failing callback must not fail the upload.
    }
    return this.waitUntilUploaded(fileId, fileName, options);
  }

  /** Deletes a file record whose bytes never arrived; its failure is logged, not thrown. */
  private async discardCreated(fileId: string, fileName: string): Promise<void> {
    try {
      await this.transport.api({ method: 'DELETE', path: `/files/${fileId}`, signal: AbortSignal.timeout(DISCARD_TIMEOUT_MS), retry: false });
    } catch (error) {
      this.transport.log(
        'warn',
        `The upload of ${fileName} stopped before its bytes arrived, and its empty file record ${fileId} could not be deleted: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Downloads a processed file into `destinationDir` (atomically; a cut download resumes
   * only from the same version). The link and the size the saved file must have come from
   * `GET /files/{id}`; the API key never goes to the storage host. Resolves with the path written.
   */
  async download(fileId: string, destinationDir: string, options: DownloadOptions = {}): Promise<string> {
    const id = requireId(fileId, 'file');
    let first: StackFile | undefined = await this.downloadable(id, options.signal);
    return downloadMedia(
      this.transport,
      // The link of the first look, then a fresh one whenever the download asks again.
      async (_id, signal) => {
        const file = first ?? (await this.downloadable(id, signal));
        first = undefined;
        return file.url as string;
      },
      id,
      destinationDir,
      // The saved file must have the size the record gives (storage may hold a cut copy).
      { ...options, fileName: options.fileName ?? first.fileName, expectedSize: options.expectedSize ?? first.size },
    );
  }

  /** The file, with its download link; a clear error while it is still processing. */
  private async downloadable(fileId: string, signal: AbortSignal | undefined): Promise<StackFile> {
    const file = await this.getFile(fileId, { signal });
    if (file.url) return file;
    throw new ProcessingError(
      this.transport.clean(
        file.status === FILE_STATUS_UPLOADED
          ? l10n.t('AudioStack gave no download link for {0}. Refresh and try again.', file.fileName)
          : stackFileState(file) === 'failed'
            ? l10n.t({
                message: 'AudioStack could not process {0} (status "{1}"), so it cannot be played or downloaded. Check that it is an audio file, then upload it again.',
                args: [file.fileName, file.status],
                comment: ['{1} is the status AudioStack sent, in its own words (e.g. failed)'],
              })
            : l10n.t({
              message: '{0} is still {1} on AudioStack; it can be downloaded once it is uploaded. Try again in a moment.',
              args: [file.fileName, file.status],
              comment: ['{1} is the status AudioStack sent, in its own words (e.g. processing)'],
            }),
      ),
    );
  }

  private async waitUntilUploaded(fileId: string, fileName: string, options: FilesUploadOptions): Promise<StackFile> {
    const timeoutMs = options.processingTimeoutMs && options.processingTimeoutMs > 0 ? options.processingTimeoutMs : DEFAULT_PROCESSING_TIMEOUT_MS;
    const started = Date.now();
    let wait = FIRST_POLL_MS;
    for (;;) {
      const file = await this.getFile(fileId, { signal: options.signal });
      const state = stackFileState(file);
      if (state === 'ready') return file;
      if (state === 'failed') {
        throw new ProcessingError(
          this.transport.clean(l10n.t('AudioStack could not process {0} (status "{1}"). Check that it is an audio file, then upload it again.', fileName, file.status)),
          { fileId },
        );
      }
      const elapsed = Date.now() - started;
      if (elapsed + wait > timeoutMs) {
        throw new ProcessingError(
          this.transport.clean(
            l10n.t(
              'AudioStack is still processing {0} after {1} s (status "{2}"). It was uploaded; refresh its folder later to see it.',
              fileName,
              Math.round(elapsed / 1000),
              file.status,
            ),
          ),
          { fileId, stillProcessing: true },
        );
      }
      await sleep(wait, options.signal, () => new CancelledError());
      wait = Math.min(MAX_POLL_MS, wait * 2);
    }
  }

  private async listing(label: string, request: { path: string; query?: Record<string, string>; signal?: AbortSignal }): Promise<FolderListing> {
    const body = await this.transport.api({ method: 'GET', ...request, retry: true, maxBodyBytes: BODY_LIMITS.listing });
    const read = normaliseFolderListing(body);
    if (!read) throw this.unexpectedShape(label, l10n.t({ message: '"folders", "files" and "currentPathChain"', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    this.noteSkipped(read.skipped);
    return read;
  }

  private folderFrom(body: unknown, label: string): StackFolder {
    const folder = normaliseFolder(unwrap(body));
    if (!folder) throw this.unexpectedShape(label, l10n.t({ message: 'a folder', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    return folder;
  }

  private fileFrom(body: unknown, label: string): StackFile {
    const file = normaliseFile(unwrap(body));
    if (!file) throw this.unexpectedShape(label, l10n.t({ message: 'a file', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    return file;
  }

  private noteSkipped(skipped: number): void {
    if (skipped > 0) this.transport.log('warn', `Ignored ${skipped} entries without a usable ID.`);
  }

  /** `expected`: what the answer lacked, JSON field names or words ("a file"). */
  private unexpectedShape(label: string, expected: string): BadResponseError {
    return new BadResponseError(
      l10n.t('AudioStack answered {0} without {1}. Check the AudioStack Files base URL ({2}).', label, expected, this.transport.options.baseUrl),
    );
  }
}

/**
 * Why `copy` does not prove that `original` arrived in `toFolderId` (so the original must
 * stay), or undefined when it does: another file, in that folder, with the same name and size.
 */
function copyMismatch(original: StackFile, copy: StackFile, toFolderId: string): string | undefined {
  if (copy.fileId === original.fileId) {
    return l10n.t('AudioStack answered the copy of {0} with the original file itself, not a new file. Nothing was deleted; refresh both folders to see where the file is.', original.fileName);
  }
  if (copy.folderId !== toFolderId) {
    return l10n.t('AudioStack put the copy of {0} in another folder than asked; the original was kept.', original.fileName);
  }
  if (copy.fileName !== original.fileName) {
    return l10n.t('AudioStack named the copy of {0} differently ({1}); the original was kept.', original.fileName, copy.fileName);
  }
  if (original.size === undefined || copy.size !== original.size) {
    return l10n.t('AudioStack could not confirm that the copy of {0} has all its bytes (the sizes differ or are missing); the original was kept.', original.fileName);
  }
  return undefined;
}

function unwrap(body: unknown): unknown {
  return body && typeof body === 'object' && !Array.isArray(body) && 'data' in body ? (body as { data: unknown }).data : body;
}

function requireId(value: string, what: 'file' | 'folder'): string {
  const id = checkStackId(typeof value === 'string' ? value.trim() : value);
  if (!id) throw new InvalidInputError(what === 'file' ? l10n.t('That is not an AudioStack file ID.') : l10n.t('That is not an AudioStack folder ID.'));
  return id;
}

/** A file or folder name the service takes (stackNameRuleProblem), trimmed. */
function requireName(value: string, what: 'file' | 'folder'): string {
  const problem = stackNameRuleProblem(value, what);
  if (problem) throw new InvalidInputError(problem);
  return value.trim();
}

/** The SDK drops empty fields before sending; so does this client. */
function withoutEmpty(record: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined && value !== '') result[key] = value;
  return result;
}
