// What the AudioStack Files view shows, folder by folder: each folder is listed when it is
// first opened (its folders, then its files page by page) and kept until Refresh. Pure
// Node: no `vscode` import (the tree maps this to rows, the view chrome to context keys).
import { ApiAudioError, isCancellation, type Logger } from '../api';
import type { AudioStackFilesClient } from '../api/files/client';
import type { StackFile, StackFolder } from '../api/files/model';
import { NoApiKeyError } from '../util/errors';
import { Emitter, type Disposable } from './events';

/** The calls the browser makes (the Files client's). */
export type FilesApi = Pick<AudioStackFilesClient, 'listRoot' | 'listFolder' | 'listFolderFiles'>;

/**
 * Drives the welcome of the AudioStack Files view through the `apiAudio.filesState`
 * context key: `idle` before the first load, `noKey`, `authFailed` (the key was rejected),
 * `loading`, `ready`, `failed` (the root could not be listed; the tree shows why).
 */
export type FilesStateKind = 'idle' | 'noKey' | 'loading' | 'ready' | 'authFailed' | 'failed';

export interface FilesState {
  kind: FilesStateKind;
  /** Why the root could not be listed (cleaned). */
  errorMessage?: string;
}

/** The key of the root folder in the cache (a real folder's key is its id). */
export const ROOT_FOLDER_KEY = '';

/** One folder as far as it is loaded. */
export interface FolderContents {
  /** The folder's id; undefined when the service did not name the root. */
  readonly folderId: string | undefined;
  readonly folders: readonly StackFolder[];
  readonly files: readonly StackFile[];
  /** True while another page of files may follow (the last page was full). */
  readonly hasMore: boolean;
  /** Why listing this folder (or its next page) failed, cleaned; what is loaded stays. */
  readonly error?: string;
}

interface Entry {
  contents: FolderContents;
  /** Files asked for so far, skipped entries included: the next page's offset. */
  offset: number;
}

export interface FilesBrowserDeps {
  connect: () => Promise<FilesApi>;
  pageSize: () => number;
  logger: Logger;
  /** Cleans error text before the view shows it (the window's redactor). */
  cleanText: (text: string) => string;
}

export class FilesBrowser implements Disposable {
  private readonly changeEmitter = new Emitter<string | undefined>();
  /** Fires with the key of the folder that changed, or undefined for everything. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly stateEmitter = new Emitter<FilesState>();
  /** Fires when the state changes (what the view's welcome depends on). */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly folders = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<FolderContents>>();
  /** Bumped by refresh() and clear(): a load of an older generation changes nothing. */
  private generation = 0;
  private currentState: FilesState = { kind: 'idle' };

  constructor(private readonly deps: FilesBrowserDeps) {}

  get state(): FilesState {
    return this.currentState;
  }

  /** What is loaded of `key`'s folder (ROOT_FOLDER_KEY for the root), without a request. */
  contents(key: string): FolderContents | undefined {
    return this.folders.get(key)?.contents;
  }

  /** The folder's contents, listed on first use and cached until refresh(). Never throws. */
  load(key: string): Promise<FolderContents> {
    const cached = this.folders.get(key);
    if (cached) return Promise.resolve(cached.contents);
    let running = this.pending.get(key);
    if (!running) {
      const generation = this.generation;
      running = this.list(key, generation).finally(() => {
        if (this.pending.get(key) === running) this.pending.delete(key);
      });
      this.pending.set(key, running);
    }
    return running;
  }

  /** Lists the next page of a folder's files (Show more…). Never throws. */
  async loadMore(key: string): Promise<void> {
    const entry = this.folders.get(key);
    if (!entry?.contents.hasMore || entry.contents.folderId === undefined) return;
    const generation = this.generation;
    try {
      const api = await this.deps.connect();
      const limit = this.deps.pageSize();
      const page = await api.listFolderFiles(entry.contents.folderId, { limit, offset: entry.offset });
      if (generation !== this.generation || this.folders.get(key) !== entry) return;
      const received = page.files.length + page.skipped;
      entry.offset += received;
      // A file put in by putLoadedFile may come again in a later page.
      const known = new Set(entry.contents.files.map((file) => file.fileId));
      const fresh = page.files.filter((file) => !known.has(file.fileId));
      entry.contents = { ...entry.contents, files: [...entry.contents.files, ...fresh], hasMore: received >= limit, error: undefined };
    } catch (error) {
      if (generation !== this.generation || this.folders.get(key) !== entry) return;
      const message = this.failure(error, key);
      entry.contents = { ...entry.contents, error: message };
    }
    this.changeEmitter.fire(key);
  }

  /** Lists one folder again (Retry on its error row); the root's Retry is refresh(). */
  async retry(key: string): Promise<void> {
    if (key === ROOT_FOLDER_KEY) return this.refresh();
    this.folders.delete(key);
    this.pending.delete(key);
    this.changeEmitter.fire(key);
    await this.load(key);
  }

  /** Forgets every folder and lists the root again (folders open again when shown). */
  async refresh(): Promise<void> {
    this.generation++;
    this.folders.clear();
    this.pending.clear();
    this.setState('loading');
    this.changeEmitter.fire(undefined);
    await this.load(ROOT_FOLDER_KEY);
  }

  /** Forgets everything and shows `kind` (no key, or before the view is first shown). */
  clear(kind: FilesStateKind): void {
    this.generation++;
    this.folders.clear();
    this.pending.clear();
    this.setState(kind);
    this.changeEmitter.fire(undefined);
  }

  /**
   * Shows a file the extension has just created or changed in its folder's loaded listing,
   * in name order (the row with the same file ID is replaced). Nothing when that folder is
   * not loaded: it will be listed when opened.
   */
  putLoadedFile(key: string, file: StackFile): void {
    const entry = this.folders.get(key);
    if (!entry) return;
    const files = entry.contents.files.filter((loaded) => loaded.fileId !== file.fileId);
    const added = files.length === entry.contents.files.length;
    const at = files.findIndex((loaded) => compareNames(loaded.fileName, file.fileName) > 0);
    files.splice(at < 0 ? files.length : at, 0, file);
    // The service's pages move by one: the next page starts one later.
    if (added) entry.offset++;
    entry.contents = { ...entry.contents, files };
    this.changeEmitter.fire(key);
  }

  /** Takes a file the extension has deleted out of its folder's loaded listing. */
  removeLoadedFile(key: string, fileId: string): void {
    const entry = this.folders.get(key);
    if (!entry) return;
    const files = entry.contents.files.filter((loaded) => loaded.fileId !== fileId);
    if (files.length === entry.contents.files.length) return;
    entry.offset = Math.max(0, entry.offset - 1);
    entry.contents = { ...entry.contents, files };
    this.changeEmitter.fire(key);
  }

  /** Every file loaded so far, with the folder it was listed in (the commands' lookups). */
  loadedFiles(): StackFile[] {
    return [...this.folders.values()].flatMap((entry) => entry.contents.files);
  }

  private async list(key: string, generation: number): Promise<FolderContents> {
    const isRoot = key === ROOT_FOLDER_KEY;
    if (isRoot && this.currentState.kind !== 'loading') this.setState('loading');
    let contents: FolderContents;
    let offset = 0;
    try {
      const api = await this.deps.connect();
      const listing = isRoot ? await api.listRoot() : await api.listFolder(key);
      const folderId = isRoot ? listing.folder?.folderId : key;
      let files = listing.files;
      let hasMore = false;
      if (folderId !== undefined) {
        const limit = this.deps.pageSize();
        const page = await api.listFolderFiles(folderId, { limit, offset: 0 });
        files = page.files;
        offset = page.files.length + page.skipped;
        hasMore = offset >= limit;
      }
      contents = { folderId, folders: listing.folders, files, hasMore };
    } catch (error) {
      if (generation !== this.generation) return { folderId: undefined, folders: [], files: [], hasMore: false };
      const message = this.failure(error, key);
      const failed = { folderId: isRoot ? undefined : key, folders: [], files: [], hasMore: false, error: message };
      // Kept until Retry or Refresh, so the row saying why stays while VS Code redraws.
      this.folders.set(key, { contents: failed, offset: 0 });
      if (isRoot && this.currentState.kind !== 'authFailed' && this.currentState.kind !== 'noKey') this.setState('failed', message);
      this.changeEmitter.fire(isRoot ? undefined : key);
      return failed;
    }
    if (generation !== this.generation) return contents;
    this.folders.set(key, { contents, offset });
    if (isRoot) this.setState('ready');
    return contents;
  }

  /** Logs a failure, moves to `noKey`/`authFailed` when it says so, and returns the text to show. */
  private failure(error: unknown, key: string): string {
    const message = this.deps.cleanText(error instanceof Error ? error.message : String(error));
    if (isCancellation(error)) return message;
    this.deps.logger.error(`Listing the AudioStack folder ${key === ROOT_FOLDER_KEY ? '(root)' : key} failed: ${message}`);
    if (error instanceof NoApiKeyError) this.setState('noKey');
    else if (error instanceof ApiAudioError && error.code === 'auth') this.setState('authFailed', message);
    return message;
  }

  private setState(kind: FilesStateKind, errorMessage?: string): void {
    const changed = kind !== this.currentState.kind || errorMessage !== this.currentState.errorMessage;
    this.currentState = { kind, errorMessage };
    if (changed) this.stateEmitter.fire(this.currentState);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.stateEmitter.dispose();
  }
}

/** The service's order of names: case-insensitive first. */
function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
