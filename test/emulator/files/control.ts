// `control.files`: test hooks for the AudioStack Files side of the emulator.
import { randomUUID } from 'node:crypto';
import { defaultBytesFor, makeSilentMp3 } from '../audio';
import type { UrlSigner } from '../presign';
import { DEFAULT_ORG } from '../seed';
import { FILES_USER_ID, mimeTypeFor } from './seed';
import { filesLibrary, statusOf, type CopyQuirk, type FileRecord, type FilesStore } from './store';

export interface FilesListedFile {
  fileId: string;
  fileName: string;
  folderId: string;
  status: string;
  size: number;
}

export interface FilesControl {
  /** The organisation's root folder id (created on first use). */
  rootFolderId(org?: string): string;
  /** How long the next uploads stay `processing` after their bytes arrive (default 1000 ms). */
  setProcessingMs(ms: number): void;
  /**
   * The next `count` (default 1) files created (`POST /files`, `addFile`) never finish
   * processing (`stuck`) or end `failed` once the processing delay passed.
   */
  processNext(outcome: 'stuck' | 'failed', count?: number): void;
  /**
   * The next `count` (default 1) `PUT /files/copy` calls misbehave: `move-source` moves the
   * original into the target folder and answers with it (no copy exists), `renamed` copies
   * under another name, `short` copies only half the bytes.
   */
  copyMisbehaves(quirk: CopyQuirk, count?: number): void;
  /** Sets a file's status now: `processing` (stuck), `uploaded` or `failed`. */
  setStatus(fileId: string, status: 'processing' | 'uploaded' | 'failed', org?: string): void;
  /** List answers wrapped in `{"data", "pagination"}` (default) or bare (a JSON array / object). */
  setListShape(shape: 'wrapped' | 'bare'): void;
  /**
   * `GET /folders/{id}/files` answers at most `max` files a page, whatever `limit` asked (a
   * server whose pages are smaller than the client's), with `pagination.limit` the page
   * size it used. `report`: say another limit instead (a hostile `0`, a huge one) or none
   * (`'none'`: `pagination` without `limit`). `ignoreOffset`: every page starts at the
   * folder's first file, `pagination.offset` still echoing the offset asked (a server whose
   * pages never advance and never run short). `null` lifts it; reset() too.
   */
  capPageSize(max: number | null, options?: { report?: number | 'none'; ignoreOffset?: boolean }): void;
  /** Adds a folder (no name checks: hostile names welcome) and returns its id. */
  addFolder(input: { folderName: string; parentFolderId?: string; org?: string }): string;
  /** Adds a file with bytes (default: a short tone or silent mp3), `uploaded` unless told; returns its id. */
  addFile(input: { fileName: string; folderId?: string; bytes?: Buffer; mimeType?: string; status?: 'processing' | 'uploaded' | 'failed'; org?: string }): string;
  /** `count` tiny uploaded mp3 files `<prefix>-00001.mp3`… in one folder (benchmarks, paging). */
  addFilesBulk(count: number, opts?: { folderId?: string; prefix?: string; org?: string }): string[];
  /** Every file of the organisation, brought up to date. */
  listFiles(org?: string): FilesListedFile[];
  listFolders(org?: string): Array<{ folderId: string; folderName: string; parentFolderId: string | null }>;
  getStoredBytes(fileId: string, org?: string): Buffer | undefined;
  /** A presigned download URL for a stored file (throws for an unknown one). */
  signDownloadUrl(fileId: string, org?: string): string;
}

export function makeFilesControl(files: FilesStore, signer: () => UrlSigner): FilesControl {
  const requireFile = (fileId: string, org: string): FileRecord => {
    const file = files.file(org, fileId);
    if (!file) throw new Error(`emulator: no AudioStack file ${fileId} in ${org}`);
    return file;
  };
  const addOne = (org: string, input: { fileName: string; folderId: string; bytes: Buffer; mimeType: string; phase: FileRecord['phase']; outcome: FileRecord['outcome'] }): string => {
    const fileId = randomUUID();
    files.putObject(org, fileId, input.fileName, input.bytes, input.mimeType);
    const record: FileRecord = {
      fileId,
      fileName: input.fileName,
      folderId: input.folderId,
      createdBy: FILES_USER_ID,
      createdAt: new Date().toISOString(),
      mimeType: input.mimeType,
      categoryId: null,
      accessControl: 'private',
      phase: 'awaiting',
      outcome: input.outcome,
      objectName: input.fileName,
    };
    files.org(org).files.push(record);
    files.advance(org, record, Number.POSITIVE_INFINITY);
    if (input.phase === 'processing') {
      record.phase = 'processing';
      delete record.readyAt;
    }
    return fileId;
  };
  return {
    rootFolderId(org = DEFAULT_ORG) {
      return files.org(org).rootFolderId;
    },
    setProcessingMs(ms) {
      files.processingMs = Math.max(0, ms);
    },
    processNext(outcome, count = 1) {
      files.queueOutcome(outcome, count);
    },
    copyMisbehaves(quirk, count = 1) {
      files.queueCopyQuirk(quirk, count);
    },
    setStatus(fileId, status, org = DEFAULT_ORG) {
      const file = requireFile(fileId, org);
      files.refresh(org, file);
      if (file.phase === 'awaiting') throw new Error(`emulator: file ${fileId} has no bytes yet`);
      file.phase = status;
      file.outcome = status === 'failed' ? 'failed' : status === 'processing' ? 'stuck' : 'ok';
      delete file.readyAt;
      // Released by hand (a test held processing): known once processed, as when the delay passes.
      if (status === 'uploaded') file.duration = files.durationOf(file);
      files.save();
    },
    setListShape(shape) {
      files.listShape = shape;
    },
    capPageSize(max, { report, ignoreOffset = false } = {}) {
      if (max === null) {
        files.pageCap = undefined;
        return;
      }
      if (!Number.isInteger(max) || max < 1) throw new Error(`emulator: a page holds at least 1 file, not ${max}`);
      files.pageCap = { max, report, ignoreOffset };
    },
    addFolder({ folderName, parentFolderId, org = DEFAULT_ORG }) {
      const parent = parentFolderId ?? files.org(org).rootFolderId;
      if (!files.folder(org, parent)) throw new Error(`emulator: no AudioStack folder ${parent} in ${org}`);
      const folderId = randomUUID();
      files.org(org).folders.push({ folderId, folderName, parentFolderId: parent, createdBy: FILES_USER_ID, createdAt: new Date().toISOString() });
      files.save();
      return folderId;
    },
    addFile({ fileName, folderId, bytes, mimeType, status = 'uploaded', org = DEFAULT_ORG }) {
      const folder = folderId ?? files.org(org).rootFolderId;
      if (!files.folder(org, folder)) throw new Error(`emulator: no AudioStack folder ${folder} in ${org}`);
      const outcome = status === 'failed' ? 'failed' : status === 'processing' ? 'stuck' : 'ok';
      const id = addOne(org, { fileName, folderId: folder, bytes: bytes ?? defaultBytesFor(fileName), mimeType: mimeType ?? mimeTypeFor(fileName) ?? 'audio/mpeg', phase: status, outcome });
      files.objects.save();
      files.save();
      return id;
    },
    addFilesBulk(count, { folderId, prefix = 'bulk', org = DEFAULT_ORG } = {}) {
      const folder = folderId ?? files.org(org).rootFolderId;
      if (!files.folder(org, folder)) throw new Error(`emulator: no AudioStack folder ${folder} in ${org}`);
      const bytes = makeSilentMp3(1);
      const ids: string[] = [];
      for (let i = 1; i <= count; i++) {
        ids.push(addOne(org, { fileName: `${prefix}-${String(i).padStart(5, '0')}.mp3`, folderId: folder, bytes, mimeType: 'audio/mpeg', phase: 'uploaded', outcome: 'ok' }));
      }
      files.objects.save();
      files.save();
      return ids;
    },
    listFiles(org = DEFAULT_ORG) {
      return files.org(org).files.map((f) => {
        files.refresh(org, f);
        return { fileId: f.fileId, fileName: f.fileName, folderId: f.folderId, status: statusOf(f.phase), size: f.phase === 'awaiting' ? 0 : (files.objectOf(org, f.fileId)?.size ?? 0) };
      });
    },
    listFolders(org = DEFAULT_ORG) {
      return files.org(org).folders.map((f) => ({ folderId: f.folderId, folderName: f.folderName, parentFolderId: f.parentFolderId }));
    },
    getStoredBytes(fileId, org = DEFAULT_ORG) {
      return files.objects.readBytes(filesLibrary(org), fileId);
    },
    signDownloadUrl(fileId, org = DEFAULT_ORG) {
      const file = requireFile(fileId, org);
      if (files.objectOf(org, fileId)?.state !== 'ready') throw new Error(`emulator: file ${fileId} has no bytes`);
      return signer().sign('GET', { library: filesLibrary(org), mediaId: fileId, filename: file.objectName });
    },
  };
}
