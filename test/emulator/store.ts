// On-disk media store: one file per object under `objects/`, plus `index.json` rewritten
// atomically (temp file + rename) after every change, so a new emulator on the same
// dataDir serves the same library.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentTypeFor } from './audio';
import { DEFAULT_ORG, PUBLIC_LIBRARY, PUBLIC_SEED, SEED, seedBytes, type SeedItem } from './seed';

export interface StoredMedia {
  mediaId: string;
  filename: string;
  tags: string[];
  /** `pending` between uploadurl and the completed PUT: not listed, not downloadable. */
  state: 'pending' | 'ready';
  contentType?: string;
  /** The Content-Type its upload URL was signed for (AudioStack Files); default audio/mpeg. */
  signedContentType?: string;
  size?: number;
  /** md5 hex of the bytes, without quotes. */
  etag?: string;
  lastModified?: string;
  /** Extra wire fields returned with the item. */
  extra?: Record<string, unknown>;
}

interface IndexFile {
  version: 1;
  /** library (org id or PUBLIC_LIBRARY) → items in insertion order */
  libraries: Record<string, StoredMedia[]>;
}

export class MediaStore {
  private readonly libraries = new Map<string, StoredMedia[]>();
  private readonly indexPath: string;
  readonly objectsDir: string;

  constructor(readonly dataDir: string) {
    this.indexPath = path.join(dataDir, 'index.json');
    this.objectsDir = path.join(dataDir, 'objects');
    fs.mkdirSync(this.objectsDir, { recursive: true });
  }

  /** Loads index.json; returns false when there is none yet (a fresh dataDir). */
  load(): boolean {
    let text: string;
    try {
      text = fs.readFileSync(this.indexPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    const parsed = JSON.parse(text) as IndexFile;
    this.libraries.clear();
    for (const [library, items] of Object.entries(parsed.libraries ?? {})) {
      this.libraries.set(library, items);
    }
    return true;
  }

  /** Seeds the default organisation and the public library, then saves. */
  seed(): void {
    const add = (library: string, seeds: readonly SeedItem[]) => {
      for (const seed of seeds) {
        if (this.find(library, seed.mediaId)) continue;
        const bytes = seedBytes(seed);
        this.writeObjectSync(seed.mediaId, bytes);
        this.items(library).push({
          mediaId: seed.mediaId,
          filename: seed.filename,
          tags: [...seed.tags],
          state: 'ready',
          ...describeBytes(bytes, contentTypeFor(seed.filename)),
          ...(seed.extra ? { extra: { ...seed.extra } } : {}),
        });
      }
    };
    add(DEFAULT_ORG, SEED);
    add(PUBLIC_LIBRARY, PUBLIC_SEED);
    this.save();
  }

  save(): void {
    const index: IndexFile = { version: 1, libraries: Object.fromEntries(this.libraries) };
    const tmp = `${this.indexPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(index));
    fs.renameSync(tmp, this.indexPath);
  }

  /** The library's items, created empty on first use. */
  items(library: string): StoredMedia[] {
    let items = this.libraries.get(library);
    if (!items) {
      items = [];
      this.libraries.set(library, items);
    }
    return items;
  }

  ready(library: string): StoredMedia[] {
    return (this.libraries.get(library) ?? []).filter((m) => m.state === 'ready');
  }

  find(library: string, mediaId: string): StoredMedia | undefined {
    return this.libraries.get(library)?.find((m) => m.mediaId === mediaId);
  }

  /** A fresh 8-char lowercase hex id, unique across every library. */
  newMediaId(): string {
    for (;;) {
      const id = randomBytes(4).toString('hex');
      if (![...this.libraries.values()].some((items) => items.some((m) => m.mediaId === id))) return id;
    }
  }

  objectPath(mediaId: string): string {
    return path.join(this.objectsDir, mediaId);
  }

  writeObjectSync(mediaId: string, bytes: Buffer): void {
    const tmp = path.join(this.objectsDir, `.${mediaId}.${randomBytes(4).toString('hex')}.tmp`);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, this.objectPath(mediaId));
  }

  /** Adds a ready item with the given bytes, without saving (callers batch saves). */
  addReady(library: string, input: { mediaId?: string; filename: string; tags: string[]; bytes: Buffer; extra?: Record<string, unknown> }): StoredMedia {
    const mediaId = input.mediaId ?? this.newMediaId();
    this.writeObjectSync(mediaId, input.bytes);
    const media: StoredMedia = {
      mediaId,
      filename: input.filename,
      tags: [...input.tags],
      state: 'ready',
      ...describeBytes(input.bytes, contentTypeFor(input.filename)),
      ...(input.extra ? { extra: { ...input.extra } } : {}),
    };
    this.items(library).push(media);
    return media;
  }

  /** Removes the index entry and the object file; false when the id is unknown. */
  delete(library: string, mediaId: string): boolean {
    const items = this.libraries.get(library);
    const at = items?.findIndex((m) => m.mediaId === mediaId) ?? -1;
    if (!items || at < 0) return false;
    items.splice(at, 1);
    fs.rmSync(this.objectPath(mediaId), { force: true });
    this.save();
    return true;
  }

  /** A new version of a stored object: new bytes, ETag and Last-Modified (a second later at least). */
  replaceBytes(library: string, mediaId: string, bytes: Buffer): void {
    const media = this.find(library, mediaId);
    if (!media) throw new Error(`emulator: no stored media ${mediaId} in ${library}`);
    this.writeObjectSync(mediaId, bytes);
    const previous = Date.parse(media.lastModified ?? '') || 0;
    Object.assign(media, describeBytes(bytes, media.contentType ?? contentTypeFor(media.filename)), {
      lastModified: new Date(Math.max(Date.now(), previous + 1000)).toISOString(),
    });
    this.save();
  }

  readBytes(library: string, mediaId: string): Buffer | undefined {
    const media = this.find(library, mediaId);
    if (!media || media.state !== 'ready') return undefined;
    return fs.readFileSync(this.objectPath(mediaId));
  }
}

function describeBytes(bytes: Buffer, contentType: string): Pick<StoredMedia, 'contentType' | 'size' | 'etag' | 'lastModified'> {
  return {
    contentType,
    size: bytes.length,
    etag: createHash('md5').update(bytes).digest('hex'),
    lastModified: new Date().toISOString(),
  };
}
