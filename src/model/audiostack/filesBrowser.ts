// What the AudioStack Files view shows, folder by folder: each folder is listed when it is
// first opened (its folders, then its files page by page) and kept until Refresh. Pure
// Node: no `vscode` import (the tree maps this to rows, the view chrome to context keys).
import { isCancellation, type Logger } from '../../api';
import type { AudioStackFilesClient } from '../../api/audiostack/client';
import type { StackFile, StackFolder } from '../../api/audiostack/model';
import { readFilesPage } from '../../api/audiostack/paging';
import { mapWithConcurrency } from '../../util/concurrency';
import { Emitter, type Disposable } from '../events';
import { ListingCache, type CacheStore } from '../listingCache';
import { failureKind, keepsListing, LoadGenerations, type FailureKind, type ListStateKind, type LoadOptions } from '../listState';

/** The calls the browser makes (the Files client's). */
export type FilesApi = Pick<AudioStackFilesClient, 'listRoot' | 'listFolder' | 'listFolderFiles'>;

/**
 * Drives the welcome of the AudioStack Files view through the `apiAudio.filesState`
 * context key: the states api.audio Media has (ListStateKind), `idle` before the view is
 * first shown, and `ready` for an empty root too (its welcome says so).
 */
export type FilesStateKind = Exclude<ListStateKind, 'empty'>;

export interface FilesState {
  kind: FilesStateKind;
  /** Why the root could not be listed (cleaned). */
  errorMessage?: string;
}

/** One loaded folder or file, with where it is (LoadedEntry of FilesBrowser.loadedEntries). */
export type LoadedEntry =
  | { readonly kind: 'folder'; readonly folder: StackFolder; readonly path: string; readonly parentKey: string; readonly parentPath: string }
  | { readonly kind: 'file'; readonly file: StackFile; readonly folderKey: string; readonly folderPath: string };

/** How deep a walk of the loaded folders goes (a chain of folders from a server has no other bound). */
export const MAX_FOLDER_DEPTH = 64;

/** The key of the root folder in the cache (a real folder's key is its id). */
export const ROOT_FOLDER_KEY = '';

/** One folder as far as it is loaded. */
export interface FolderContents {
  /** The folder's id; undefined when the service did not name the root. */
  readonly folderId: string | undefined;
  readonly folders: readonly StackFolder[];
  readonly files: readonly StackFile[];
  /** True while another page of files may follow (the last page was full: see readFilesPage). */
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
  /**
   * The client; `ask`: a person asked for this listing, so a server not confirmed yet may be
   * asked about (else it is a ServerNotTrustedError, and the welcome offers the question).
   */
  connect: (options: { ask: boolean }) => Promise<FilesApi>;
  pageSize: () => number;
  logger: Logger;
  /** Cleans error text before the view shows it (the window's redactor). */
  cleanText: (text: string) => string;
  /**
   * The id of the key and address connect() would use now (FilesClientProvider.connectionId:
   * the address and a fingerprint of the key, never the key), undefined without a key: what
   * the cached listing is kept under.
   */
  connectionId?: () => Promise<string | undefined>;
  /** Where what is loaded is kept between sessions (undefined: nowhere). */
  cache?: CacheStore<CachedFiles>;
  /** Wraps the listing again of what the cache showed in visible progress (the view's progress bar). */
  withProgress?: <T>(task: () => Promise<T>) => PromiseLike<T>;
}

/**
 * What the cache keeps at most: the root and the folders opened, in the order they were
 * listed, until MAX_CACHED_FOLDERS folders or MAX_CACHED_FILES files in all (about 2 MB of
 * JSON). A folder cut short is kept with its first files and Show more….
 */
export const MAX_CACHED_FOLDERS = 500;
export const MAX_CACHED_FILES = 5_000;
/** Folders listed again at once when the cached listing is refreshed. */
const REVALIDATE_CONCURRENCY = 4;

/** One folder as kept in the cache. */
export interface CachedFolder {
  key: string;
  folderId: string | undefined;
  folders: StackFolder[];
  /** Without their presigned download links (they expire and carry signatures). */
  files: StackFile[];
  hasMore: boolean;
  offset: number;
}

/** The cache file's content. */
export interface CachedFiles {
  version: 1;
  /** Whose listing this is (FilesBrowserDeps.connectionId). */
  connectionId: string;
  /** When the root was listed. */
  fetchedAt: number;
  /** The root first, then each opened folder after the folder that lists it. */
  folders: CachedFolder[];
}

export class FilesBrowser implements Disposable {
  private readonly changeEmitter = new Emitter<string | undefined>();
  /** Fires with the key of the folder that changed, or undefined for everything. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly loadEmitter = new Emitter<string>();
  /**
   * Fires with a folder's key after its contents (or another page) were stored: what
   * loadedFiles() returns changed. The tree needs no redraw for it (it asked for them).
   */
  readonly onDidLoad = this.loadEmitter.event;
  private readonly stateEmitter = new Emitter<FilesState>();
  /** Fires when the state changes (what the view's welcome depends on). */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly folders = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<FolderContents>>();
  /** Started by refresh() and clear(): a load of an older generation changes nothing, and its requests are aborted. */
  private readonly loads = new LoadGenerations();
  private currentState: FilesState = { kind: 'idle' };
  private readonly cache: ListingCache<CachedFiles>;
  /** Whose listing is loaded (read when a generation starts); undefined: not known, never cached. */
  private connectionId: string | undefined;
  /** When the root on screen was listed. */
  private fetchedAt: number | undefined;
  /** True while what is shown came from the cache and has not been listed again. */
  private restored = false;
  /** Whether the newest generation may ask about a server not confirmed yet (a person asked for it). */
  private asks = true;
  /** The running revalidate(), joined by a second call. */
  private revalidation: Promise<void> | undefined;

  /** The newest generation: loads of another one change nothing. */
  private get generation(): number {
    return this.loads.latest.generation;
  }

  constructor(private readonly deps: FilesBrowserDeps) {
    this.cache = new ListingCache(deps.cache, (message) => deps.logger.warn(`Could not keep the AudioStack Files listing for the next start: ${message}`));
  }

  get state(): FilesState {
    return this.currentState;
  }

  /** True while the rows shown are the last session's, before they are listed again. */
  get fromCache(): boolean {
    return this.restored;
  }

  /** When the root shown was listed (from the cache: in an earlier session); undefined before. */
  get listedAt(): number | undefined {
    return this.fetchedAt;
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
    const { generation, signal } = this.loads.latest;
    try {
      const api = await this.deps.connect({ ask: this.asks });
      const asked = { limit: this.deps.pageSize(), offset: entry.offset };
      const page = await api.listFolderFiles(entry.contents.folderId, { ...asked, signal });
      if (generation !== this.generation || this.folders.get(key) !== entry) return;
      // A file put in by putLoadedFile may come again in a later page: listed once.
      const read = readFilesPage(asked, page, new Set(entry.contents.files.map((file) => file.fileId)));
      entry.offset = read.nextOffset;
      entry.contents = { ...entry.contents, files: [...entry.contents.files, ...read.files], hasMore: read.hasMore, error: undefined };
      this.loadEmitter.fire(key);
      this.save();
    } catch (error) {
      if (generation !== this.generation || this.folders.get(key) !== entry) return;
      const { message, kind } = this.failure(error, key);
      if (!keepsListing(kind)) return this.dropListing(kind, message);
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

  /**
   * Lists again the folders a change touched (New Folder, Rename, Move, Delete), each on its
   * own: what is shown stays until its new listing arrives, other folders (and which are
   * expanded) are kept. A folder never listed is left for when it is opened. Never throws.
   */
  async invalidate(keys: Iterable<string>): Promise<void> {
    const generation = this.generation;
    await Promise.all(
      [...new Set(keys)].map(async (key) => {
        if (!this.folders.has(key) && !this.pending.has(key)) return;
        const running = this.list(key, generation, true).finally(() => {
          if (this.pending.get(key) === running) this.pending.delete(key);
        });
        this.pending.set(key, running);
        await running;
        if (generation === this.generation) this.changeEmitter.fire(key);
      }),
    );
  }

  /** Forgets deleted folders and what was loaded inside them (their rows are gone with their parent's listing). */
  forget(keys: Iterable<string>): void {
    for (const key of keys) {
      if (key === ROOT_FOLDER_KEY) continue;
      const entry = this.folders.get(key);
      this.folders.delete(key);
      this.pending.delete(key);
      if (entry) this.forget(entry.contents.folders.map((folder) => folder.folderId));
    }
  }

  /** The cache key of the folder with this id: ROOT_FOLDER_KEY for the root (or an unnamed folder), else the id. */
  keyOf(folderId: string | undefined): string {
    if (folderId === undefined) return ROOT_FOLDER_KEY;
    return folderId === this.folders.get(ROOT_FOLDER_KEY)?.contents.folderId ? ROOT_FOLDER_KEY : folderId;
  }

  /**
   * Lists again what is shown: the root, then every loaded folder reachable from it, each
   * kept on screen until its new listing arrives; when that fails, what was shown stays with
   * "Could not refresh" (a rejected key, a missing key or an unconfirmed server clear it).
   * Joins a refresh already running. Without a listing (or after the root failed), the root
   * is listed afresh.
   */
  async refresh(options: LoadOptions = {}): Promise<void> {
    // A person's Refresh does not join a background listing: that one would not ask them.
    if (this.revalidation && (this.asks || options.background)) return this.revalidation;
    const root = this.folders.get(ROOT_FOLDER_KEY)?.contents;
    const shown = root !== undefined && (root.error === undefined || root.folders.length > 0 || root.files.length > 0);
    if (shown && this.currentState.kind !== 'loading') return this.relistShown(false, options);
    return this.reload(options);
  }

  /**
   * Forgets every folder and lists the root again (folders open again when shown): the key
   * or the address changed, so nothing shown may pass for the new connection's.
   */
  async reload(options: LoadOptions = {}): Promise<void> {
    const generation = this.newGeneration(options);
    this.folders.clear();
    this.setState('loading');
    this.changeEmitter.fire(undefined);
    await this.readConnection(generation);
    if (generation !== this.generation) return this.latestWork();
    await this.load(ROOT_FOLDER_KEY);
    if (generation !== this.generation) return this.latestWork();
  }

  /** What the newest generation is doing (a relisting, or the root's listing), joined by a superseded call. */
  private latestWork(): Promise<void> {
    return this.revalidation ?? this.pending.get(ROOT_FOLDER_KEY)?.then(() => undefined) ?? Promise.resolve();
  }

  /** Forgets everything and shows `kind` (no key, or before the view is first shown). */
  clear(kind: FilesStateKind): void {
    this.newGeneration();
    this.folders.clear();
    this.setState(kind);
    this.changeEmitter.fire(undefined);
  }

  /**
   * What the view does when first shown: the last session's listing at once (when it is
   * this key's and address's; no request), then everything listed again; without a cached
   * listing, the root listed. Does nothing once something is loaded or loading.
   */
  async start(options: LoadOptions = {}): Promise<void> {
    if (this.currentState.kind === 'idle') await this.restoreFromCache();
    if (this.restored) return this.revalidate(options);
    if (this.currentState.kind === 'idle') return this.refresh(options);
  }

  /**
   * Shows the listing kept by the last session, if it belongs to the current key and
   * address and nothing was loaded meanwhile. Makes no request.
   */
  async restoreFromCache(): Promise<boolean> {
    if (this.currentState.kind !== 'idle' || !this.deps.cache || !this.deps.connectionId) return false;
    const generation = this.generation;
    const [connectionId, cached] = await Promise.all([this.deps.connectionId().catch(() => undefined), this.cache.read()]);
    // A load that started meanwhile knows better than the file.
    if (generation !== this.generation || this.currentState.kind !== 'idle') return false;
    if (!connectionId || !isCachedFiles(cached) || cached.connectionId !== connectionId) return false;
    const root = cached.folders.find((folder) => folder.key === ROOT_FOLDER_KEY);
    if (!root) return false;
    this.folders.clear();
    for (const folder of cached.folders) {
      this.folders.set(folder.key, {
        contents: { folderId: folder.folderId, folders: folder.folders, files: folder.files, hasMore: folder.hasMore },
        offset: folder.offset,
      });
    }
    this.connectionId = connectionId;
    this.fetchedAt = cached.fetchedAt;
    this.restored = true;
    this.setState('ready');
    this.changeEmitter.fire(undefined);
    return true;
  }

  /**
   * Lists again the root and every folder the cache showed, keeping each on screen until
   * its new listing replaces it. A rejected key clears everything (and the cache); any other
   * failure keeps what was shown, with the reason on the folder's row.
   */
  async revalidate(options: LoadOptions = {}): Promise<void> {
    if (this.revalidation) return this.revalidation;
    if (!this.restored) return this.refresh(options);
    return this.relistShown(true, options);
  }

  /** Lists again the root and the loaded folders under it (bounded concurrency), keeping each until replaced. */
  private relistShown(fromCache: boolean, options: LoadOptions): Promise<void> {
    const generation = this.newGeneration(options);
    // Still the last session's rows until the root is listed again.
    this.restored = fromCache;
    const task = async (): Promise<void> => {
      await this.readConnection(generation);
      if (generation !== this.generation) return;
      const rootOk = await this.relist(ROOT_FOLDER_KEY, generation);
      if (!rootOk || generation !== this.generation) return;
      this.restored = false;
      const keys = this.reachableKeys().filter((key) => key !== ROOT_FOLDER_KEY);
      // relist() never throws; the signal stops the pool once a newer generation starts.
      await mapWithConcurrency(keys, REVALIDATE_CONCURRENCY, (key) => this.relist(key, generation), this.loads.latest.signal);
    };
    const running: Promise<void> = Promise.resolve(this.deps.withProgress ? this.deps.withProgress(task) : task())
      .finally(() => {
        if (this.revalidation === running) this.revalidation = undefined;
      })
      // A superseded relisting resolves with its successor, so awaiting any refresh waits for the newest.
      .then(() => (generation === this.generation ? undefined : this.latestWork()));
    this.revalidation = running;
    return running;
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

  /**
   * The path of a folder from what is loaded: '/' for the root, `Music/Beds` for a folder
   * whose parents are all loaded, undefined when a link is missing.
   */
  folderPath(folderId: string | undefined): string | undefined {
    const rootId = this.folders.get(ROOT_FOLDER_KEY)?.contents.folderId;
    if (folderId === undefined || folderId === rootId) return '/';
    return this.folderPaths().get(folderId);
  }

  /**
   * Every loaded folder reachable from the root, by id, with its path from the root
   * ('Music/Beds'), in the order a person meets them (each folder's subfolders after it).
   * The root, when the service named it, is ''. Pickers name folders with this.
   */
  folderPaths(): Map<string, string> {
    const paths = new Map<string, string>();
    const rootId = this.folders.get(ROOT_FOLDER_KEY)?.contents.folderId;
    if (rootId !== undefined) paths.set(rootId, '');
    for (const entry of this.loadedEntries()) if (entry.kind === 'folder') paths.set(entry.folder.folderId, entry.path);
    return paths;
  }

  /**
   * Every loaded folder and file reachable from the root, in the order the tree shows them:
   * each folder, then what is loaded inside it (its folders, then its files), the root's
   * files last. The one walk over what is loaded: a folder met twice (a server may send a
   * cycle) is walked once, and no deeper than MAX_FOLDER_DEPTH.
   */
  loadedEntries(): LoadedEntry[] {
    const entries: LoadedEntry[] = [];
    const seen = new Set<string>([ROOT_FOLDER_KEY]);
    const rootId = this.folders.get(ROOT_FOLDER_KEY)?.contents.folderId;
    if (rootId !== undefined) seen.add(rootId);
    const walk = (key: string, path: string, depth: number): void => {
      const contents = this.folders.get(key)?.contents;
      if (!contents) return;
      for (const folder of contents.folders) {
        if (seen.has(folder.folderId)) continue;
        seen.add(folder.folderId);
        const folderPath = path ? `${path}/${folder.folderName}` : folder.folderName;
        entries.push({ kind: 'folder', folder, path: folderPath, parentKey: key, parentPath: path });
        if (depth < MAX_FOLDER_DEPTH) walk(folder.folderId, folderPath, depth + 1);
      }
      for (const file of contents.files) entries.push({ kind: 'file', file, folderKey: key, folderPath: path });
    };
    walk(ROOT_FOLDER_KEY, '', 1);
    return entries;
  }

  /**
   * The ids of the folders from the top level down to the folder `key` (itself last; none
   * for the root), from what is loaded; undefined when it is not reachable from the root.
   */
  folderChain(key: string): string[] | undefined {
    if (key === ROOT_FOLDER_KEY) return [];
    const parents = new Map<string, string>();
    for (const entry of this.loadedEntries()) if (entry.kind === 'folder') parents.set(entry.folder.folderId, entry.parentKey);
    if (!parents.has(key)) return undefined;
    const chain = [key];
    for (let at = parents.get(key); at !== undefined && at !== ROOT_FOLDER_KEY; at = parents.get(at)) chain.unshift(at);
    return chain;
  }

  /**
   * The key of the loaded folder that lists the folder `folderId` (ROOT_FOLDER_KEY for the
   * root's), or undefined when no loaded folder lists it: what the tree builds a row's
   * parents from.
   */
  parentKeyOf(folderId: string): string | undefined {
    for (const key of this.reachableKeys()) {
      if (this.folders.get(key)?.contents.folders.some((folder) => folder.folderId === folderId)) return key;
    }
    return undefined;
  }

  /** Resolves when every cache write so far has finished. */
  cacheSettled(): Promise<void> {
    return this.cache.settled();
  }

  /** The keys of the root and of the loaded folders reachable from it, parents first. */
  private reachableKeys(): string[] {
    if (!this.folders.has(ROOT_FOLDER_KEY)) return [];
    const keys = [ROOT_FOLDER_KEY];
    const seen = new Set(keys);
    for (let i = 0; i < keys.length; i++) {
      for (const folder of this.folders.get(keys[i])?.contents.folders ?? []) {
        if (seen.has(folder.folderId) || !this.folders.has(folder.folderId)) continue;
        seen.add(folder.folderId);
        keys.push(folder.folderId);
      }
    }
    return keys;
  }

  /** Starts a generation: loads of earlier ones change nothing, and their requests are aborted. */
  private newGeneration(options: LoadOptions = {}): number {
    this.asks = !options.background;
    this.pending.clear();
    this.revalidation = undefined;
    this.restored = false;
    this.connectionId = undefined;
    return this.loads.start().generation;
  }

  /** Records whose listing this generation loads (before its first request). */
  private async readConnection(generation: number): Promise<void> {
    const id = this.deps.connectionId ? await this.deps.connectionId().catch(() => undefined) : undefined;
    if (generation === this.generation) this.connectionId = id;
  }

  /** Lists `key` again for revalidate(); true when it was listed. */
  private async relist(key: string, generation: number): Promise<boolean> {
    const entry = this.folders.get(key);
    try {
      const { contents, offset } = await this.fetchFolder(key, this.loads.latest.signal);
      if (generation !== this.generation) return false;
      this.folders.set(key, { contents, offset });
      if (key === ROOT_FOLDER_KEY) {
        this.fetchedAt = Date.now();
        this.setState('ready');
      }
      this.changeEmitter.fire(key === ROOT_FOLDER_KEY ? undefined : key);
      this.save();
      return true;
    } catch (error) {
      if (generation !== this.generation || isCancellation(error)) return false;
      const { message, kind } = this.failure(error, key);
      if (!keepsListing(kind)) {
        this.dropListing(kind, message);
        return false;
      }
      if (entry) this.folders.set(key, { contents: { ...entry.contents, error: message }, offset: entry.offset });
      if (key === ROOT_FOLDER_KEY) this.setState(kind, message);
      this.changeEmitter.fire(key === ROOT_FOLDER_KEY ? undefined : key);
      return false;
    }
  }

  /** Queues a write of what is loaded now (bounded), for the next start. */
  private save(): void {
    if (!this.deps.cache) return;
    const generation = this.generation;
    void this.cache.write(() => (generation === this.generation ? this.snapshot() : undefined));
  }

  /** What is loaded, as kept: see MAX_CACHED_FOLDERS and MAX_CACHED_FILES. Undefined when it must not be kept. */
  private snapshot(): CachedFiles | undefined {
    const connectionId = this.connectionId;
    const root = this.folders.get(ROOT_FOLDER_KEY);
    if (!connectionId || !root || root.contents.error !== undefined || this.restored || this.fetchedAt === undefined) return undefined;
    const folders: CachedFolder[] = [];
    let files = 0;
    for (const key of this.reachableKeys()) {
      if (folders.length >= MAX_CACHED_FOLDERS) break;
      const entry = this.folders.get(key)!;
      // A folder that failed is listed again when opened; so is one beyond the bound.
      if (entry.contents.error !== undefined) continue;
      const room = MAX_CACHED_FILES - files;
      const kept = entry.contents.files.slice(0, Math.max(0, room)).map(({ url: _url, ...file }) => ({ ...file, url: undefined }));
      const cut = kept.length < entry.contents.files.length;
      files += kept.length;
      folders.push({
        key,
        folderId: entry.contents.folderId,
        folders: [...entry.contents.folders],
        files: kept,
        hasMore: entry.contents.hasMore || cut,
        offset: cut ? kept.length : entry.offset,
      });
    }
    return { version: 1, connectionId, fetchedAt: this.fetchedAt, folders };
  }

  /** Lists a folder: its folders, files and first page of files. Throws what the client throws. */
  private async fetchFolder(key: string, signal: AbortSignal): Promise<{ contents: FolderContents; offset: number }> {
    const isRoot = key === ROOT_FOLDER_KEY;
    const api = await this.deps.connect({ ask: this.asks });
    const listing = isRoot ? await api.listRoot({ signal }) : await api.listFolder(key, { signal });
    const folderId = isRoot ? listing.folder?.folderId : key;
    let files = listing.files;
    let hasMore = false;
    let offset = 0;
    if (folderId !== undefined) {
      const asked = { limit: this.deps.pageSize(), offset: 0 };
      const read = readFilesPage(asked, await api.listFolderFiles(folderId, { ...asked, signal }));
      files = read.files;
      offset = read.nextOffset;
      hasMore = read.hasMore;
    }
    return { contents: { folderId, folders: listing.folders, files, hasMore }, offset };
  }

  /** `quiet`: listing again after a change; the view keeps its state (no "loading" welcome). */
  private async list(key: string, generation: number, quiet = false): Promise<FolderContents> {
    const isRoot = key === ROOT_FOLDER_KEY;
    if (isRoot && !quiet && this.currentState.kind !== 'loading') this.setState('loading');
    let contents: FolderContents;
    let offset = 0;
    try {
      ({ contents, offset } = await this.fetchFolder(key, this.loads.latest.signal));
    } catch (error) {
      const nothing = { folderId: undefined, folders: [], files: [], hasMore: false };
      if (generation !== this.generation || isCancellation(error)) return nothing;
      const { message, kind } = this.failure(error, key);
      if (!keepsListing(kind)) {
        this.dropListing(kind, message);
        return nothing;
      }
      const failed = { folderId: isRoot ? undefined : key, folders: [], files: [], hasMore: false, error: message };
      // Kept until Retry or Refresh, so the row saying why stays while VS Code redraws.
      this.folders.set(key, { contents: failed, offset: 0 });
      if (isRoot) this.setState(kind, message);
      this.changeEmitter.fire(isRoot ? undefined : key);
      return failed;
    }
    if (generation !== this.generation) return contents;
    this.folders.set(key, { contents, offset });
    if (isRoot) {
      this.fetchedAt = Date.now();
      this.setState('ready');
    }
    this.loadEmitter.fire(key);
    this.save();
    return contents;
  }

  /** Logs a failure; returns the text to show and what kind of failure it is. */
  private failure(error: unknown, key: string): { message: string; kind: FailureKind } {
    const message = this.deps.cleanText(error instanceof Error ? error.message : String(error));
    this.deps.logger.error(`Listing the AudioStack folder ${key === ROOT_FOLDER_KEY ? '(root)' : key} failed: ${message}`);
    return { message, kind: failureKind(error) };
  }

  /**
   * No key, a rejected key or a server the person did not confirm: what is loaded belongs
   * to a connection no longer in use, so it goes, loads still running are stopped, and a
   * rejected key's listing does not come back at the next start.
   */
  private dropListing(kind: FailureKind, message: string): void {
    this.newGeneration();
    this.folders.clear();
    if (kind === 'authFailed') void this.cache.clear();
    this.setState(kind, kind === 'noKey' ? undefined : message);
    this.changeEmitter.fire(undefined);
  }

  private setState(kind: FilesStateKind, errorMessage?: string): void {
    const changed = kind !== this.currentState.kind || errorMessage !== this.currentState.errorMessage;
    this.currentState = { kind, errorMessage };
    if (changed) this.stateEmitter.fire(this.currentState);
  }

  dispose(): void {
    this.newGeneration();
    this.changeEmitter.dispose();
    this.loadEmitter.dispose();
    this.stateEmitter.dispose();
  }
}

/** A cache file's content as this version writes it (anything else is ignored). */
function isCachedFiles(value: unknown): value is CachedFiles {
  if (typeof value !== 'object' || value === null) return false;
  const cached = value as Partial<CachedFiles>;
  return (
    cached.version === 1 &&
    typeof cached.connectionId === 'string' &&
    typeof cached.fetchedAt === 'number' &&
    Array.isArray(cached.folders) &&
    cached.folders.length <= MAX_CACHED_FOLDERS &&
    cached.folders.every(
      (folder) =>
        typeof folder === 'object' &&
        folder !== null &&
        typeof folder.key === 'string' &&
        (folder.folderId === undefined || typeof folder.folderId === 'string') &&
        Array.isArray(folder.folders) &&
        folder.folders.every((f) => typeof f?.folderId === 'string' && typeof f.folderName === 'string') &&
        Array.isArray(folder.files) &&
        folder.files.every((f) => typeof f?.fileId === 'string' && typeof f.fileName === 'string' && typeof f.status === 'string') &&
        typeof folder.hasMore === 'boolean' &&
        typeof folder.offset === 'number',
    )
  );
}

/** The service's order of names: case-insensitive first. */
function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
