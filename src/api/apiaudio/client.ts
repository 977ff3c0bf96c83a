// The api.audio (v1) Media client. Pure Node (no `vscode` import): runs in the extension,
// in plain mocha and in benchmarks.

import * as l10n from '@vscode/l10n';
import { downloadMedia } from '../download';
import { BadResponseError, NotFoundError } from '../errors';
import { sanitizeServerName } from '../serverText';
import type { Transport } from '../http';
import type { ClientOptions, DownloadOptions, ListMediaOptions, MediaItem, MediaListing, UploadOptions } from '../types';
import { uploadFile } from '../upload';
import { requireMediaId } from '../validate';
import { createTransport } from '../transportFactory';
import { BODY_LIMITS } from '../wire';

export const DEFAULT_BASE_URL = 'https://v1.api.audio';

const ITEM_FIELDS: readonly string[] = Object.freeze(['mediaId', 'filename', 'tags', 'downloadUrl']);
/** Shared by every item without extra fields: 100,000 empty objects cost megabytes. */
const NO_METADATA: Record<string, unknown> = Object.freeze(Object.create(null) as Record<string, unknown>);

export class ApiAudioClient {
  private readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = createTransport(options, { baseUrl: DEFAULT_BASE_URL, setting: 'apiAudio.baseUrl' });
  }

  get baseUrl(): string {
    return this.transport.options.baseUrl;
  }

  /**
   * Lists the organisation's media (or the public library). `mediaId` wins over `tags`,
   * as in the Python SDK; `downloadUrl` asks for presigned links (slow on the service).
   */
  async listMedia(options: ListMediaOptions = {}): Promise<MediaListing> {
    const mediaId = options.mediaId?.trim();
    const tags = (options.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== '');
    const body = await this.transport.api({
      method: 'GET',
      path: '/file/customaudio',
      query: {
        mediaId: mediaId || undefined,
        tags: !mediaId && tags.length ? tags.join(',') : undefined,
        target: options.downloadUrl ? 'download' : undefined,
        public: options.public === true ? 'true' : undefined,
      },
      signal: options.signal,
      retry: true,
      maxBodyBytes: BODY_LIMITS.listing,
    });
    return this.normaliseListing(body);
  }

  /** Every tag used in the organisation's library. */
  async listTags(options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const body = await this.transport.api({ method: 'GET', path: '/file/customaudio/tags', signal: options.signal, retry: true });
    const tags = (body as { uniqueTags?: unknown } | undefined)?.uniqueTags;
    if (tags === undefined && body !== undefined && typeof body === 'object' && body !== null && Object.keys(body).length === 0) {
      return [];
    }
    if (!Array.isArray(tags)) {
      throw this.unexpectedShape('GET /file/customaudio/tags', '"uniqueTags"');
    }
    return tags.filter((tag): tag is string => typeof tag === 'string');
  }

  /** A fresh presigned download link for one file. */
  async getDownloadUrl(mediaId: string, options: { signal?: AbortSignal } = {}): Promise<string> {
    const id = requireMediaId(mediaId);
    const listing = await this.listMedia({ mediaId: id, downloadUrl: true, signal: options.signal });
    const item = listing.items.find((candidate) => candidate.mediaId === id);
    if (!item) {
      throw new NotFoundError(this.transport.clean(l10n.t('No media with id "{0}" in this organisation. Refresh the list; it may have been deleted.', id)));
    }
    if (!item.downloadUrl) {
      throw this.unexpectedShape('GET /file/customaudio?target=download', l10n.t({ message: 'a "downloadUrl"', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    }
    // Handed out (a person may paste it anywhere): its secrets stay out of every later message.
    return this.checkDownloadLink(item.downloadUrl);
  }

  /** `url` when it may be used or handed to a person; throws for a link that carries a user name or password. */
  checkDownloadLink(url: string): string {
    return this.transport.checkStorageLink(url, 'download');
  }

  /** Uploads a local .wav or .mp3 file, streaming it from disk; resolves with its mediaId. */
  upload(filePath: string, options: UploadOptions = {}): Promise<{ mediaId: string }> {
    return uploadFile(this.transport, filePath, options);
  }

  /**
   * Downloads a file (by mediaId or presigned URL) into `destinationDir` and resolves with
   * the path written (or the existing path when the conflict choice is `skip`).
   */
  download(mediaIdOrUrl: string, destinationDir: string, options: DownloadOptions = {}): Promise<string> {
    return downloadMedia(
      this.transport,
      (mediaId, signal) => this.getDownloadUrl(mediaId, { signal }),
      mediaIdOrUrl,
      destinationDir,
      options,
    );
  }

  /** Deletes one file. Not retried: the caller decides whether to try again. */
  async deleteMedia(mediaId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const id = requireMediaId(mediaId);
    await this.transport.api({
      method: 'DELETE',
      path: '/file/customaudio',
      query: { mediaId: id },
      signal: options.signal,
      retry: false,
    });
  }

  private normaliseListing(body: unknown): MediaListing {
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw this.unexpectedShape('GET /file/customaudio', '"savedAudioFiles"');
    }
    const record = body as Record<string, unknown>;
    const raw = record.savedAudioFiles;
    if (raw === undefined) {
      // The README documents `{}` for an unknown mediaId.
      return { items: [], totalCount: 0 };
    }
    if (!Array.isArray(raw)) {
      throw this.unexpectedShape('GET /file/customaudio', l10n.t({ message: '"savedAudioFiles" as a list', comment: ['what an answer lacked: "… answered GET /x without a file"'] }));
    }
    const items: MediaItem[] = [];
    let skipped = 0;
    for (const entry of raw) {
      const item = normaliseItem(entry);
      if (item) {
        items.push(item);
      } else {
        skipped++;
      }
    }
    if (skipped > 0) {
      this.transport.log('warn', `Ignored ${skipped} list entries without a mediaId.`);
    }
    const totalCount = typeof record.totalCount === 'number' && Number.isFinite(record.totalCount) ? record.totalCount : items.length;
    return { items, totalCount };
  }

  /** `expected`: what the answer lacked, a JSON field name or words ("a file"). */
  private unexpectedShape(label: string, expected: string): BadResponseError {
    return new BadResponseError(
      l10n.t('api.audio answered {0} without {1}. Check the api.audio base URL ({2}).', label, expected, this.transport.options.baseUrl),
    );
  }
}

function normaliseItem(entry: unknown): MediaItem | undefined {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return undefined;
  }
  const record = entry as Record<string, unknown>;
  const mediaId = typeof record.mediaId === 'string' ? record.mediaId : typeof record.mediaId === 'number' ? String(record.mediaId) : '';
  if (mediaId === '') {
    return undefined;
  }
  // Names are shown in the tree, in messages and in the log: no escapes or forged line breaks.
  const cleanName = typeof record.filename === 'string' ? sanitizeServerName(record.filename) : '';
  const filename = cleanName !== '' ? cleanName : mediaId;
  // No prototype: a `__proto__` key from the server is just a key, not the record's prototype.
  let metadata = NO_METADATA;
  for (const key of Object.keys(record)) {
    if (!ITEM_FIELDS.includes(key)) {
      if (metadata === NO_METADATA) metadata = Object.create(null) as Record<string, unknown>;
      Object.defineProperty(metadata, key, { value: record[key], enumerable: true, writable: true, configurable: true });
    }
  }
  const item: MediaItem = { mediaId, filename, tags: normaliseTagList(record.tags), metadata };
  if (typeof record.downloadUrl === 'string' && record.downloadUrl !== '') {
    item.downloadUrl = record.downloadUrl;
  }
  return item;
}

function normaliseTagList(tags: unknown): string[] {
  if (Array.isArray(tags)) {
    // The parsed array itself when it holds only strings (the usual case): no copy.
    if (tags.every((tag) => typeof tag === 'string' && sanitizeServerName(tag) === tag)) return tags as string[];
    return tags.filter((tag): tag is string => typeof tag === 'string').map(sanitizeServerName).filter((tag) => tag !== '');
  }
  if (typeof tags === 'string') {
    return tags.split(',').map(sanitizeServerName).filter((tag) => tag !== '');
  }
  return [];
}
