// The organisation's media as the UI sees it. Pure Node: no `vscode` import; the view layer
// listens to onDidChange and maps the state to context keys, messages and the tree.
import { isCancellation, normaliseTags, type ListMediaOptions, type Logger, type MediaItem, type MediaListing } from '../../api';
import { NoApiKeyError } from '../../util/errors';
import { Emitter, type Disposable } from '../events';
import { ListingCache, type CacheStore } from '../listingCache';
import { failureKind, keepsListing, LoadGenerations, type ListStateKind, type LoadOptions } from '../listState';

/** Drives the welcome views through the `apiAudio.state` context key (never `idle`: it lists at once). */
export type LibraryStateKind = Exclude<ListStateKind, 'idle'>;

export interface LibraryState {
  kind: LibraryStateKind;
  /** The last refresh's failure, shown to the user (already free of secrets). */
  errorMessage?: string;
}

export interface LibraryListing {
  /** Server, organisation and key the listing came from (ClientProvider.connectionId). */
  connectionId: string;
  items: MediaItem[];
  /** Undefined when the public library is hidden or could not be loaded. */
  publicItems: MediaItem[] | undefined;
  publicError?: string;
  /** The tag filter this listing was fetched with (the server's AND filter). */
  filterTags: string[];
  fetchedAt: number;
  /** True while showing a listing restored from storage, before the first refresh. */
  fromCache: boolean;
}

export interface CachedListing {
  listing: Omit<LibraryListing, 'fromCache'>;
}

/** What a load needs from the client. */
export interface MediaLister {
  listMedia(options: ListMediaOptions): Promise<MediaListing>;
}

/**
 * One snapshot of the connection, taken once per load: a client for the key and settings
 * of that moment, and the id of the library they name (server, organisation, key identity).
 */
export interface LibraryConnection {
  client: MediaLister;
  connectionId: string;
}

/** A small key-value store (VS Code's Memento has this shape). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface LibraryDependencies {
  /**
   * Reads the key and settings once; throws NoApiKeyError when there is no key. `ask`: a
   * person asked for this load, so a server not confirmed yet may be asked about; else such
   * a server is a ServerNotTrustedError.
   */
  connect(options: { ask: boolean }): Promise<LibraryConnection>;
  /** The id connect() would return now, or undefined without a key. */
  connectionId(): Promise<string | undefined>;
  /** Where the tag filter is kept between sessions. */
  storage: KeyValueStore;
  logger: Logger;
  /** Cleans error text before it becomes state the view shows (the window's redactor). */
  cleanText?(text: string): string;
  showPublicLibrary(): boolean;
  /** Where the last listing is kept between sessions (undefined: nowhere). */
  cache?: CacheStore<CachedListing>;
  /** Wraps a load in visible progress (the view's progress bar). */
  withProgress?<T>(task: () => Promise<T>): PromiseLike<T>;
}

const FILTER_KEY = 'apiAudio.tagFilter';

interface Run {
  generation: number;
  /** Whether it may ask about a server not confirmed yet. */
  ask: boolean;
  promise: Promise<void>;
}

/**
 * The last listing (restored from storage at start), the tag filter, the load state and a
 * change event. Loads are numbered: only the newest generation may change the state, the
 * listing or the cache, so a superseded load can finish or fail in any order without effect.
 */
export class MediaLibrary implements Disposable {
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  private currentListing: LibraryListing | undefined;
  private currentState: LibraryState = { kind: 'loading' };
  private filter: string[];
  private readonly loads = new LoadGenerations();
  private running: Run | undefined;
  /** The listing kept for the next start (writes one after another: an older one never lands last). */
  private readonly cache: ListingCache<CachedListing>;
  private disposed = false;

  constructor(private readonly deps: LibraryDependencies) {
    this.filter = normaliseTags(deps.storage.get<string[]>(FILTER_KEY) ?? []);
    this.cache = new ListingCache(deps.cache, (message) => this.deps.logger.warn(`Could not keep the listing for the next start: ${message}`));
  }

  get listing(): LibraryListing | undefined {
    return this.currentListing;
  }

  get state(): LibraryState {
    return this.currentState;
  }

  get filterTags(): readonly string[] {
    return this.filter;
  }

  /** Shows the listing saved by the last session, if it belongs to the current connection. */
  async restoreFromCache(): Promise<boolean> {
    const { generation } = this.loads.latest;
    const [connectionId, cached] = await Promise.all([this.deps.connectionId(), this.cache.read()]);
    // A load that started meanwhile knows better than the file.
    if (!this.loads.isCurrent(generation) || this.currentListing) return false;
    if (!connectionId || !cached?.listing || cached.listing.connectionId !== connectionId) return false;
    if (!sameTags(cached.listing.filterTags, this.filter)) return false;
    this.currentListing = { ...cached.listing, fromCache: true };
    this.setState(hasItems(this.currentListing) ? 'ready' : 'empty');
    return true;
  }

  /**
   * Lists the media again, unless a load is already running: then it resolves with that
   * load. Resolves when the newest load has settled.
   */
  refresh(options: LoadOptions = {}): Promise<void> {
    const ask = !options.background;
    // A person's Refresh does not join a background load: that one would not ask them.
    if (this.running && (this.running.ask || !ask)) return this.running.promise;
    return this.startGeneration(options);
  }

  /**
   * Starts a new generation: the key, server, organisation, filter or public-library
   * setting changed, or the media changed on the server (upload, delete). A running load
   * is cancelled and whatever it finds is ignored.
   */
  reload(options: LoadOptions = {}): Promise<void> {
    return this.startGeneration(options);
  }

  async setFilter(tags: readonly string[]): Promise<void> {
    this.filter = normaliseTags(tags);
    await this.deps.storage.update(FILTER_KEY, this.filter.length ? this.filter : undefined);
    await this.reload();
  }

  /** Drops items from the listing on screen after they were deleted on the server. */
  forget(mediaIds: readonly string[]): void {
    if (!this.currentListing) return;
    const gone = new Set(mediaIds);
    const items = this.currentListing.items.filter((item) => !gone.has(item.mediaId));
    this.currentListing = { ...this.currentListing, items };
    this.setState(hasItems(this.currentListing) ? 'ready' : 'empty');
  }

  /** Forgets the listing and shows `kind` (e.g. no key): a newer generation than any load. */
  clear(kind: LibraryStateKind): void {
    this.supersede();
    this.currentListing = undefined;
    this.setState(kind);
  }

  dispose(): void {
    this.disposed = true;
    this.supersede();
    this.changeEmitter.dispose();
  }

  /** Ends the running load, if any, and makes every earlier generation stale. */
  private supersede(): { generation: number; signal: AbortSignal } {
    this.running = undefined;
    return this.loads.start();
  }

  private startGeneration(options: LoadOptions = {}): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const { generation, signal } = this.supersede();
    const ask = !options.background;
    const task = (): Promise<void> => this.load(generation, signal, ask);
    const loaded = Promise.resolve(this.deps.withProgress ? this.deps.withProgress(task) : task());
    const promise = loaded.then(
      // A superseded load resolves with its successor, so awaiting any refresh waits for the newest.
      () => this.settleAfter(generation),
      (error: unknown) => {
        this.deps.logger.error(`Refreshing the media library failed unexpectedly: ${messageOf(error)}`);
        return this.settleAfter(generation);
      },
    );
    this.running = { generation, ask, promise };
    return promise;
  }

  private settleAfter(generation: number): Promise<void> | undefined {
    if (this.running?.generation === generation) {
      this.running = undefined;
      return undefined;
    }
    return this.running?.promise;
  }

  private async load(generation: number, signal: AbortSignal, ask: boolean): Promise<void> {
    const isCurrent = (): boolean => this.loads.isCurrent(generation);
    const filterTags = [...this.filter];
    let connection: LibraryConnection;
    try {
      connection = await this.deps.connect({ ask });
    } catch (error) {
      if (!isCurrent()) return;
      if (error instanceof NoApiKeyError) {
        this.currentListing = undefined;
        this.setState('noKey');
        return;
      }
      this.fail(error, undefined, filterTags);
      return;
    }
    if (!isCurrent()) return;
    if (!this.currentListing) this.setState('loading');

    const started = Date.now();
    let listing: LibraryListing;
    try {
      listing = await this.fetch(connection, filterTags, signal);
    } catch (error) {
      if (!isCurrent() || isCancellation(error)) return;
      this.fail(error, connection.connectionId, filterTags);
      return;
    }
    if (!isCurrent()) return;
    this.currentListing = listing;
    this.setState(hasItems(listing) ? 'ready' : 'empty');
    this.deps.logger.info(
      `Listed ${listing.items.length} media item(s)` +
        (filterTags.length ? ` with tags ${filterTags.join(' + ')}` : '') +
        (listing.publicItems ? ` and ${listing.publicItems.length} public item(s)` : '') +
        ` in ${Date.now() - started} ms.`,
    );
    await this.saveToCache(listing);
  }

  /** The organisation's listing and, when shown, the public library's (its failure is not fatal). */
  private async fetch({ client, connectionId }: LibraryConnection, filterTags: string[], signal: AbortSignal): Promise<LibraryListing> {
    const wantPublic = this.deps.showPublicLibrary();
    const [own, publicResult] = await Promise.all([
      client.listMedia({ tags: filterTags.length ? filterTags : undefined, signal }),
      wantPublic
        ? client.listMedia({ public: true, signal }).then(
            (listing) => ({ items: listing.items, error: undefined }),
            (error: unknown) => {
              if (isCancellation(error)) throw error;
              this.deps.logger.warn(`Could not load the public library: ${messageOf(error)}`);
              return { items: undefined, error: this.clean(messageOf(error)) };
            },
          )
        : Promise.resolve({ items: undefined, error: undefined }),
    ]);
    return {
      connectionId,
      items: own.items,
      publicItems: publicResult.items,
      publicError: publicResult.error,
      filterTags,
      fetchedAt: Date.now(),
      fromCache: false,
    };
  }

  /**
   * Records a failed load. The listing on screen stays only when it answers the same
   * question (same server, organisation, key and filter) and the key was not rejected:
   * otherwise it would pass off another organisation's or filter's files as current.
   */
  private fail(error: unknown, connectionId: string | undefined, filterTags: readonly string[]): void {
    const message = this.clean(messageOf(error));
    this.deps.logger.error(`Refreshing the media library failed: ${message}`);
    const kind = failureKind(error);
    const listing = this.currentListing;
    if (!keepsListing(kind) || (listing && (listing.connectionId !== connectionId || !sameTags(listing.filterTags, filterTags)))) {
      this.currentListing = undefined;
    }
    this.setState(kind, message);
    // A rejected key's listing must not come back at the next start.
    if (kind === 'authFailed') void this.cache.clear();
  }

  /** Queues a write of `listing`; skipped when a newer listing (or none) is on screen by then. */
  private saveToCache(listing: LibraryListing): Promise<void> {
    return this.cache.write(() => (listing === this.currentListing ? toCached(listing) : undefined));
  }

  private clean(text: string): string {
    return this.deps.cleanText ? this.deps.cleanText(text) : text;
  }

  private setState(kind: LibraryStateKind, errorMessage?: string): void {
    this.currentState = { kind, errorMessage };
    this.changeEmitter.fire();
  }
}

/** The listing as stored: presigned URLs expire and carry signatures, so they never are. */
function toCached(listing: LibraryListing): CachedListing {
  const strip = (items: MediaItem[]): MediaItem[] => items.map(({ downloadUrl: _drop, ...rest }) => rest);
  const { fromCache: _fromCache, ...rest } = listing;
  return { listing: { ...rest, items: strip(listing.items), publicItems: listing.publicItems && strip(listing.publicItems) } };
}

function hasItems(listing: LibraryListing): boolean {
  return listing.items.length > 0 || (listing.publicItems?.length ?? 0) > 0;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index]);
}
