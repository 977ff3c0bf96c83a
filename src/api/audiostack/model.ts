// The AudioStack Files API's answers (see the Files protocol: /files, /folders on
// https://v2.api.audio), normalised as they arrive: ids checked before they go into a
// path, names cleaned before a person or a log sees them, numbers only when they are
// numbers, and the `{"data": …}` wrapper the service may or may not add taken off.
// Pure data: no `vscode` import.

import { shortenKeepingExtension } from '../fileName';
import { sanitizeServerName } from '../serverText';
import { MAX_STACK_NAME } from './names';

/** A file in AudioStack Files. */
export interface StackFile {
  readonly fileId: string;
  readonly fileName: string;
  /** The folder it lives in; undefined when the service did not say (the root, inferred). */
  readonly folderId: string | undefined;
  /** `uploaded` once it can be used; `processing` (or another word) before. */
  readonly status: string;
  readonly size: number | undefined;
  /** Seconds. */
  readonly duration: number | undefined;
  /** The file type's name or MIME type, as the service describes it (`fileType`). */
  readonly fileType: string | undefined;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  readonly category: string | undefined;
  readonly accessControl: 'public' | 'private' | undefined;
  /** A presigned download link; present once the file is processed. Needs no key. */
  readonly url: string | undefined;
}

export interface StackFolder {
  readonly folderId: string;
  readonly folderName: string;
  /** Undefined for the root. */
  readonly parentFolderId: string | undefined;
  readonly createdAt: string | undefined;
}

/** One folder's contents, as `GET /folders`, `/folders?path=` and `/folders/{id}` answer. */
export interface FolderListing {
  /** The folder listed (`currentPathChain[0]`); undefined when the service did not say. */
  readonly folder: StackFolder | undefined;
  /** The rest of `currentPathChain`, as sent (its order is inferred: nearest first). */
  readonly ancestors: readonly StackFolder[];
  readonly folders: readonly StackFolder[];
  readonly files: readonly StackFile[];
  /** Entries dropped because their id or shape was unusable. */
  readonly skipped: number;
}

/** One page of `GET /folders/{id}/files`. */
export interface FilesPage {
  readonly files: readonly StackFile[];
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  readonly skipped: number;
}

export const FILE_STATUS_UPLOADED = 'uploaded';

/** Where a file stands: ready to use, still being processed, or failed for good. */
export type StackFileState = 'ready' | 'processing' | 'failed';

/** Statuses after which a file will never become `uploaded` (*inferred*: the SDK only waits for `uploaded`). */
const FAILED_STATUSES: ReadonlySet<string> = new Set(['failed', 'error', 'rejected', 'invalid']);

/** The one reading of a file's `status`, for the client's wait and for what a person sees. */
export function stackFileState(file: Pick<StackFile, 'status'>): StackFileState {
  const status = file.status.toLowerCase();
  if (status === FILE_STATUS_UPLOADED) return 'ready';
  return FAILED_STATUSES.has(status) ? 'failed' : 'processing';
}

/** Ids go into request paths: letters, digits and `-_.:` only (AudioStack uses UUIDs). */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** `value` when it is an id this client may put into a path, else undefined. */
export function checkStackId(value: unknown): string | undefined {
  return typeof value === 'string' && ID_PATTERN.test(value) ? value : undefined;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer without the optional `{"data": …, "pagination": …}` wrapper. */
export function unwrapData(body: unknown): unknown {
  return isRecord(body) && 'data' in body ? body.data : body;
}

function text(value: unknown, maxLength = 1024): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = sanitizeServerName(value).slice(0, maxLength);
  return clean === '' ? undefined : clean;
}

/**
 * Most characters of a file name read from an answer before it is cleaned: generous, only
 * to bound the work on a hostile one.
 */
const MAX_RAW_FILE_NAME = 4096;

/**
 * A file name as a person sees it (tree, tooltip, messages) and as a download starts from:
 * cleaned, and at most as long as AudioStack allows (MAX_STACK_NAME). A longer, hostile
 * name is shortened before its extension, so the file keeps its type (icon, player, the
 * saved file's name, which sanitizeFileName shortens again the same way).
 */
function fileNameText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = sanitizeServerName(shortenKeepingExtension(value, MAX_RAW_FILE_NAME));
  const name = shortenKeepingExtension(clean, MAX_STACK_NAME);
  return name === '' ? undefined : name;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function normaliseFile(entry: unknown): StackFile | undefined {
  if (!isRecord(entry)) return undefined;
  const fileId = checkStackId(entry.fileId);
  if (!fileId) return undefined;
  const type = entry.fileType;
  const fileType = isRecord(type) ? (text(type.name) ?? text(type.fileTypeName) ?? text(type.mimeType) ?? text(type.type)) : text(type);
  const category = entry.fileCategory;
  const access = entry.accessControl;
  return {
    fileId,
    fileName: fileNameText(entry.fileName) ?? fileId,
    folderId: checkStackId(entry.folderId),
    status: text(entry.status, 64) ?? 'unknown',
    size: count(entry.size),
    duration: count(entry.duration),
    fileType,
    createdAt: text(entry.createdAt, 64),
    updatedAt: text(entry.updatedAt, 64),
    category: isRecord(category) ? (text(category.name) ?? text(category.categoryName)) : text(category),
    accessControl: access === 'public' || access === 'private' ? access : undefined,
    url: typeof entry.url === 'string' && /^https?:\/\//i.test(entry.url) ? entry.url : undefined,
  };
}

export function normaliseFolder(entry: unknown): StackFolder | undefined {
  if (!isRecord(entry)) return undefined;
  const folderId = checkStackId(entry.folderId);
  if (!folderId) return undefined;
  return {
    folderId,
    folderName: text(entry.folderName, 255) ?? folderId,
    parentFolderId: checkStackId(entry.parentFolderId),
    createdAt: text(entry.createdAt, 64),
  };
}

function normaliseAll<T>(raw: unknown, normalise: (entry: unknown) => T | undefined): { items: T[]; skipped: number } {
  const items: T[] = [];
  let skipped = 0;
  if (!Array.isArray(raw)) return { items, skipped };
  for (const entry of raw) {
    const item = normalise(entry);
    if (item) items.push(item);
    else skipped++;
  }
  return { items, skipped };
}

/** A folder listing, or undefined when the answer is not one (an error shape included). */
export function normaliseFolderListing(body: unknown): FolderListing | undefined {
  const record = unwrapData(body);
  if (!isRecord(record)) return undefined;
  if (!Array.isArray(record.folders) && !Array.isArray(record.files) && !Array.isArray(record.currentPathChain)) return undefined;
  const folders = normaliseAll(record.folders, normaliseFolder);
  const files = normaliseAll(record.files, normaliseFile);
  const chain = normaliseAll(record.currentPathChain, normaliseFolder);
  return {
    folder: chain.items[0],
    ancestors: chain.items.slice(1),
    folders: folders.items,
    files: files.items,
    skipped: folders.skipped + files.skipped,
  };
}

/** A page of files: `{"data": [File…], "pagination": {…}}`, or a bare list. */
export function normaliseFilesPage(body: unknown): FilesPage | undefined {
  const list = unwrapData(body);
  if (!Array.isArray(list)) return undefined;
  const { items, skipped } = normaliseAll(list, normaliseFile);
  const pagination = isRecord(body) && isRecord(body.pagination) ? body.pagination : {};
  return { files: items, limit: count(pagination.limit), offset: count(pagination.offset), skipped };
}
