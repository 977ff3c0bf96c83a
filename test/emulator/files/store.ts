// AudioStack Files state: folders and file records per organisation, in
// `<dataDir>/files.json` (rewritten atomically, like index.json). The bytes live in the
// v1 object store (MediaStore) under the library `@files:<org>`, so the emulator's one
// presigned-object route serves them with its signatures, Range/If-Range, drops,
// throttling and hostile answers.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaStore, StoredMedia } from '../store';
import { DEFAULT_ORG } from '../seed';
import { FILES_SEED, FILES_USER_ID, ROOT_FOLDER_NAME, rootFolderIdFor, seedAudioBytes } from './seed';

export interface FolderRecord {
  folderId: string;
  folderName: string;
  /** null for the root. */
  parentFolderId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt?: string;
  updatedBy?: string;
}

/**
 * `awaiting`: created, no bytes yet; `processing`: bytes stored, until `readyAt` (never
 * when absent); then `uploaded` or, when `fails`, `failed`.
 */
export type FilePhase = 'awaiting' | 'processing' | 'uploaded' | 'failed';

export interface FileRecord {
  fileId: string;
  fileName: string;
  folderId: string;
  createdBy: string;
  createdAt: string;
  updatedAt?: string;
  updatedBy?: string;
  mimeType: string;
  categoryId: string | null;
  accessControl: 'public' | 'private';
  phase: FilePhase;
  /** What happens once the bytes arrive: finish after the processing delay, never, or fail. */
  outcome: 'ok' | 'stuck' | 'failed';
  readyAt?: number;
  /** Seconds; known once processed. */
  duration?: number;
  /** The file name in the object URL: the name at creation (a rename keeps links working). */
  objectName: string;
}

interface OrgFiles {
  rootFolderId: string;
  folders: FolderRecord[];
  files: FileRecord[];
}

interface FilesIndex {
  version: 1;
  orgs: Record<string, OrgFiles>;
}

/**
 * A broken `PUT /files/copy`: `move-source` moves the original into the target folder and
 * answers with it (its own fileId: no copy exists); `renamed` makes a copy under another
 * name; `short` makes a copy whose bytes are cut to half (another size).
 */
export type CopyQuirk = 'move-source' | 'renamed' | 'short';

/**
 * How `GET /folders/{id}/files` pages under `control.files.capPageSize`: at most `max` files
 * whatever `limit` asked; `pagination.limit` says the page size used (`report` undefined),
 * another number, or nothing (`'none'`); `ignoreOffset` answers every offset with the first
 * files (and echoes the offset asked).
 */
export interface PageCap {
  max: number;
  report: number | 'none' | undefined;
  ignoreOffset: boolean;
}

/** The object-store library holding an organisation's Files bytes. */
export function filesLibrary(org: string): string {
  return `@files:${org}`;
}

/** The status the API reports for a phase. */
export function statusOf(phase: FilePhase): string {
  return phase === 'awaiting' ? 'pending' : phase;
}

export class FilesStore {
  private readonly orgs = new Map<string, OrgFiles>();
  private readonly indexPath: string;
  /** How long a fresh upload stays `processing`. */
  processingMs: number;
  /** List answers inside `{"data", "pagination"}` (default) or bare; the SDK takes both. */
  listShape: 'wrapped' | 'bare' = 'wrapped';
  /** A server that pages files its own way (capPageSize); undefined: as asked. */
  pageCap: PageCap | undefined;
  /** Outcomes for the next files created (processNext), consumed in order. */
  private readonly pendingOutcomes: Array<{ outcome: 'stuck' | 'failed'; remaining: number }> = [];
  /** How the next `PUT /files/copy` calls misbehave (copyMisbehaves), consumed in order. */
  private readonly copyQuirks: Array<{ quirk: CopyQuirk; remaining: number }> = [];

  constructor(
    readonly objects: MediaStore,
    dataDir: string,
    readonly defaultProcessingMs: number,
  ) {
    this.indexPath = path.join(dataDir, 'files.json');
    this.processingMs = defaultProcessingMs;
  }

  load(): boolean {
    let text: string;
    try {
      text = fs.readFileSync(this.indexPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    const parsed = JSON.parse(text) as FilesIndex;
    this.orgs.clear();
    for (const [org, files] of Object.entries(parsed.orgs ?? {})) this.orgs.set(org, files);
    return true;
  }

  save(): void {
    const index: FilesIndex = { version: 1, orgs: Object.fromEntries(this.orgs) };
    const tmp = `${this.indexPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(index));
    fs.renameSync(tmp, this.indexPath);
  }

  /** Writes FILES_SEED into the default organisation (and its bytes into the object store). */
  seed(): void {
    const org = this.org(DEFAULT_ORG);
    for (const folder of FILES_SEED.folders) {
      if (this.folder(DEFAULT_ORG, folder.folderId)) continue;
      org.folders.push({ folderId: folder.folderId, folderName: folder.folderName, parentFolderId: folder.parentFolderId, createdBy: FILES_USER_ID, createdAt: folder.createdAt });
    }
    for (const file of FILES_SEED.files) {
      if (this.file(DEFAULT_ORG, file.fileId)) continue;
      this.putObject(DEFAULT_ORG, file.fileId, file.fileName, seedAudioBytes(file.audio), file.mimeType);
      org.files.push({
        fileId: file.fileId,
        fileName: file.fileName,
        folderId: file.folderId,
        createdBy: FILES_USER_ID,
        createdAt: file.createdAt,
        mimeType: file.mimeType,
        categoryId: file.categoryId,
        accessControl: 'private',
        phase: file.status,
        outcome: file.status === 'uploaded' ? 'ok' : file.status === 'failed' ? 'failed' : 'stuck',
        ...(file.duration === undefined ? {} : { duration: file.duration }),
        objectName: file.fileName,
      });
    }
    this.objects.save();
    this.save();
  }

  /** The organisation's state, with an empty root on first use. */
  org(org: string): OrgFiles {
    let state = this.orgs.get(org);
    if (!state) {
      const rootFolderId = rootFolderIdFor(org);
      state = {
        rootFolderId,
        folders: [{ folderId: rootFolderId, folderName: ROOT_FOLDER_NAME, parentFolderId: null, createdBy: FILES_USER_ID, createdAt: new Date(0).toISOString() }],
        files: [],
      };
      this.orgs.set(org, state);
    }
    return state;
  }

  folder(org: string, folderId: string): FolderRecord | undefined {
    return this.org(org).folders.find((f) => f.folderId === folderId);
  }

  file(org: string, fileId: string): FileRecord | undefined {
    return this.org(org).files.find((f) => f.fileId === fileId);
  }

  childFolders(org: string, folderId: string): FolderRecord[] {
    return this.org(org)
      .folders.filter((f) => f.parentFolderId === folderId)
      .sort((a, b) => compareNames(a.folderName, b.folderName) || a.folderId.localeCompare(b.folderId));
  }

  /** The folder's files, by name (then id), each brought up to date. */
  filesIn(org: string, folderId: string): FileRecord[] {
    const files = this.org(org)
      .files.filter((f) => f.folderId === folderId)
      .sort((a, b) => compareNames(a.fileName, b.fileName) || a.fileId.localeCompare(b.fileId));
    let changed = false;
    for (const file of files) changed = this.advance(org, file) || changed;
    if (changed) this.save();
    return files;
  }

  /** The folder, then its ancestors up to and including the root. */
  pathChain(org: string, folderId: string): FolderRecord[] {
    const chain: FolderRecord[] = [];
    let current = this.folder(org, folderId);
    while (current && chain.length < 1000) {
      chain.push(current);
      current = current.parentFolderId === null ? undefined : this.folder(org, current.parentFolderId);
    }
    return chain;
  }

  /** `Music/Beds` (names, from the root) → the folder; empty segments are ignored. */
  folderByPath(org: string, folderPath: string): FolderRecord | undefined {
    let current = this.folder(org, this.org(org).rootFolderId);
    for (const name of folderPath.split('/').filter((s) => s !== '')) {
      if (!current) return undefined;
      const parentId: string = current.folderId;
      current = this.org(org).folders.find((f) => f.parentFolderId === parentId && f.folderName === name);
    }
    return current;
  }

  /** The next outcome queued by processNext, or 'ok'. */
  takeOutcome(): FileRecord['outcome'] {
    const next = this.pendingOutcomes[0];
    if (!next) return 'ok';
    next.remaining--;
    if (next.remaining <= 0) this.pendingOutcomes.shift();
    return next.outcome;
  }

  queueOutcome(outcome: 'stuck' | 'failed', count: number): void {
    if (count > 0) this.pendingOutcomes.push({ outcome, remaining: count });
  }

  queueCopyQuirk(quirk: CopyQuirk, count: number): void {
    if (count > 0) this.copyQuirks.push({ quirk, remaining: count });
  }

  /** The quirk the next copy has, consumed; undefined for an honest copy. */
  takeCopyQuirk(): CopyQuirk | undefined {
    const next = this.copyQuirks[0];
    if (!next) return undefined;
    next.remaining--;
    if (next.remaining <= 0) this.copyQuirks.shift();
    return next.quirk;
  }

  resetFaults(): void {
    this.copyQuirks.length = 0;
    this.pendingOutcomes.length = 0;
    this.processingMs = this.defaultProcessingMs;
    this.listShape = 'wrapped';
    this.pageCap = undefined;
  }

  newFileRecord(org: string, input: { fileName: string; folderId: string; mimeType: string; categoryId: string | null }): FileRecord {
    const record: FileRecord = {
      fileId: randomUUID(),
      fileName: input.fileName,
      folderId: input.folderId,
      createdBy: FILES_USER_ID,
      createdAt: new Date().toISOString(),
      mimeType: input.mimeType,
      categoryId: input.categoryId,
      accessControl: 'private',
      phase: 'awaiting',
      outcome: this.takeOutcome(),
      objectName: input.fileName,
    };
    this.org(org).files.push(record);
    // A pending object record: the upload URL is signed for the file's own type.
    this.objects.items(filesLibrary(org)).push({ mediaId: record.fileId, filename: record.objectName, tags: [], state: 'pending', signedContentType: input.mimeType });
    this.objects.save();
    this.save();
    return record;
  }

  /**
   * Moves a file along its phases: awaiting → processing once its bytes are stored (the
   * PUT's time starts the processing delay), processing → uploaded/failed once the delay
   * passed. Returns whether anything changed.
   */
  advance(org: string, file: FileRecord, now = Date.now()): boolean {
    let changed = false;
    if (file.phase === 'awaiting') {
      const media = this.objects.find(filesLibrary(org), file.fileId);
      if (!media || media.state !== 'ready') return false;
      const storedAt = Date.parse(media.lastModified ?? '') || now;
      file.phase = 'processing';
      if (file.outcome !== 'stuck') file.readyAt = storedAt + this.processingMs;
      changed = true;
    }
    if (file.phase === 'processing' && file.readyAt !== undefined && now >= file.readyAt) {
      file.phase = file.outcome === 'failed' ? 'failed' : 'uploaded';
      if (file.phase === 'uploaded') file.duration = this.durationOf(file);
      changed = true;
    }
    return changed;
  }

  /** Brings one file up to date (and saves when it moved on). */
  refresh(org: string, file: FileRecord): FileRecord {
    if (this.advance(org, file)) this.save();
    return file;
  }

  objectOf(org: string, fileId: string): StoredMedia | undefined {
    return this.objects.find(filesLibrary(org), fileId);
  }

  putObject(org: string, fileId: string, objectName: string, bytes: Buffer, mimeType: string): void {
    const media = this.objects.addReady(filesLibrary(org), { mediaId: fileId, filename: objectName, tags: [], bytes });
    media.contentType = mimeType;
    media.signedContentType = mimeType;
  }

  /** A byte-for-byte copy of a stored object under a new id (no buffering of the whole file). */
  copyObject(org: string, fromId: string, toId: string): void {
    const source = this.objectOf(org, fromId);
    if (!source) return;
    fs.copyFileSync(this.objects.objectPath(fromId), this.objects.objectPath(toId));
    this.objects.items(filesLibrary(org)).push({ ...source, mediaId: toId, tags: [], extra: undefined });
    this.objects.save();
  }

  /** Cuts a stored object to its first half (a copy that lost bytes). */
  truncateObject(org: string, fileId: string): void {
    const object = this.objectOf(org, fileId);
    if (!object) return;
    const half = Math.floor((object.size ?? 0) / 2);
    fs.truncateSync(this.objects.objectPath(fileId), half);
    object.size = half;
    object.etag = createHash('md5').update(fs.readFileSync(this.objects.objectPath(fileId))).digest('hex');
    this.objects.save();
  }

  removeFile(org: string, fileId: string): void {
    const state = this.org(org);
    state.files = state.files.filter((f) => f.fileId !== fileId);
    this.objects.delete(filesLibrary(org), fileId);
    this.save();
  }

  removeFolder(org: string, folderId: string): void {
    const state = this.org(org);
    state.folders = state.folders.filter((f) => f.folderId !== folderId);
    this.save();
  }

  /** Seconds of audio in the stored bytes: a WAV header, or an MP3's first frame header (CBR). */
  durationOf(file: FileRecord): number | undefined {
    let head: Buffer;
    let size: number;
    try {
      const fd = fs.openSync(this.objects.objectPath(file.fileId), 'r');
      try {
        size = fs.fstatSync(fd).size;
        head = Buffer.alloc(Math.min(64 * 1024, size));
        fs.readSync(fd, head, 0, head.length, 0);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return undefined;
    }
    const seconds = wavSeconds(head) ?? mp3Seconds(head, size);
    return seconds === undefined ? undefined : Math.round(seconds * 1000) / 1000;
  }
}

function wavSeconds(head: Buffer): number | undefined {
  if (head.length < 44 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  const byteRate = head.readUInt32LE(28);
  return byteRate > 0 ? head.readUInt32LE(40) / byteRate : undefined;
}

const MP3_KBPS = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

/** Skips an ID3v2 tag, reads the first Layer III frame header, assumes a constant bit rate. */
function mp3Seconds(head: Buffer, size: number): number | undefined {
  let at = 0;
  if (head.length >= 10 && head.toString('latin1', 0, 3) === 'ID3') {
    at = 10 + (((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f));
  }
  if (at + 4 > head.length || head[at] !== 0xff || (head[at + 1] & 0xe0) !== 0xe0) return undefined;
  const version = (head[at + 1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (head[at + 1] >> 1) & 3; // 1: Layer III
  const kbps = (version === 3 ? MP3_KBPS.v1 : MP3_KBPS.v2)[head[at + 2] >> 4];
  const rate = [44_100, 48_000, 32_000][(head[at + 2] >> 2) & 3];
  if (version === 1 || layer !== 1 || !kbps || !rate) return undefined;
  const sampleRate = version === 3 ? rate : version === 2 ? rate / 2 : rate / 4;
  const samples = version === 3 ? 1152 : 576;
  const frameBytes = Math.floor(((samples / 8) * kbps * 1000) / sampleRate);
  return (Math.floor((size - at) / frameBytes) * samples) / sampleRate;
}

function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
