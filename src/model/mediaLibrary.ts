import * as vscode from 'vscode';
import { ApiAudioError, isCancellation, type Logger, type MediaItem } from '../api';
import type { ClientProvider } from '../auth/clientProvider';
import { ContextKeys } from '../constants';
import { NoApiKeyError } from '../util/errors';
import { normaliseTags } from './grouping';
import type { JsonFileCache } from './jsonFileCache';

export type MediaScope = 'own' | 'public';

/** Drives the welcome views through the `apiAudio.state` context key. */
export type LibraryStateKind = 'noKey' | 'loading' | 'ready' | 'empty' | 'authFailed' | 'unreachable' | 'failed';

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

const FILTER_KEY = 'apiAudio.tagFilter';

export interface LibraryOptions {
  showPublicLibrary: () => boolean;
  /** Where the last listing is kept between sessions (undefined: nowhere). */
  cache?: JsonFileCache<CachedListing>;
  /** Wraps a refresh in visible progress (the view's progress bar). */
  withProgress?: <T>(task: () => Promise<T>) => Thenable<T>;
}

/**
 * The organisation's media as the UI sees it: the last listing (restored from storage at
 * start), the tag filter, the load state, and a change event the tree listens to.
 */
export class MediaLibrary implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  private currentListing: LibraryListing | undefined;
  private currentState: LibraryState = { kind: 'loading' };
  private filter: string[];
  private inFlight: { promise: Promise<void>; controller: AbortController } | undefined;

  constructor(
    private readonly clients: ClientProvider,
    private readonly storage: vscode.Memento,
    private readonly logger: Logger,
    private readonly options: LibraryOptions,
  ) {
    this.filter = normaliseTags(storage.get<string[]>(FILTER_KEY) ?? []);
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
    const connectionId = await this.clients.connectionId();
    const cached = await this.options.cache?.read();
    if (!connectionId || !cached?.listing || cached.listing.connectionId !== connectionId) return false;
    if (!sameTags(cached.listing.filterTags, this.filter)) return false;
    this.currentListing = { ...cached.listing, fromCache: true };
    this.setState(cached.listing.items.length > 0 || cached.listing.publicItems?.length ? 'ready' : 'empty');
    return true;
  }

  /**
   * Fetches the listing again. Concurrent calls share one request; a change of key or
   * settings while it runs cancels it and starts over.
   */
  refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight.promise;
    const controller = new AbortController();
    const run = this.options.withProgress ? () => this.options.withProgress!(() => this.load(controller.signal)) : () => this.load(controller.signal);
    const promise = Promise.resolve(run()).finally(() => {
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
    });
    this.inFlight = { promise, controller };
    return promise;
  }

  /** Cancels a running refresh (when the key or settings changed under it). */
  cancelRefresh(): void {
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
  }

  async setFilter(tags: readonly string[]): Promise<void> {
    this.filter = normaliseTags(tags);
    await this.storage.update(FILTER_KEY, this.filter.length ? this.filter : undefined);
    this.cancelRefresh();
    await this.refresh();
  }

  /** Every item the listing holds, with where it came from. */
  allItems(): Array<{ scope: MediaScope; item: MediaItem }> {
    const listing = this.currentListing;
    if (!listing) return [];
    return [
      ...listing.items.map((item) => ({ scope: 'own' as const, item })),
      ...(listing.publicItems ?? []).map((item) => ({ scope: 'public' as const, item })),
    ];
  }

  /** Drops items from the cached listing after they were deleted on the server. */
  forget(mediaIds: readonly string[]): void {
    if (!this.currentListing) return;
    const gone = new Set(mediaIds);
    const items = this.currentListing.items.filter((item) => !gone.has(item.mediaId));
    this.currentListing = { ...this.currentListing, items };
    this.setState(items.length > 0 || this.currentListing.publicItems?.length ? 'ready' : 'empty');
  }

  clear(kind: LibraryStateKind): void {
    this.cancelRefresh();
    this.currentListing = undefined;
    this.setState(kind);
  }

  private async load(signal: AbortSignal): Promise<void> {
    let client;
    let connectionId: string;
    const filterTags = [...this.filter];
    try {
      ({ client, connectionId } = await this.clients.connect());
    } catch (error) {
      if (error instanceof NoApiKeyError) return this.clear('noKey');
      return this.fail(error, undefined, filterTags);
    }
    if (!this.currentListing) this.setState('loading');
    const wantPublic = this.options.showPublicLibrary();
    const started = Date.now();
    try {
      const [own, publicResult] = await Promise.all([
        client.listMedia({ tags: filterTags.length ? filterTags : undefined, signal }),
        wantPublic
          ? client.listMedia({ public: true, signal }).then(
              (listing) => ({ items: listing.items, error: undefined }),
              (error: unknown) => {
                if (isCancellation(error)) throw error;
                this.logger.warn(`Could not load the public library: ${messageOf(error)}`);
                return { items: undefined, error: messageOf(error) };
              },
            )
          : Promise.resolve({ items: undefined, error: undefined }),
      ]);
      if (signal.aborted) return;
      const listing: LibraryListing = {
        connectionId,
        items: own.items,
        publicItems: publicResult.items,
        publicError: publicResult.error,
        filterTags,
        fetchedAt: Date.now(),
        fromCache: false,
      };
      this.currentListing = listing;
      this.logger.info(
        `Listed ${own.items.length} media item(s)` +
          (filterTags.length ? ` with tags ${filterTags.join(' + ')}` : '') +
          (publicResult.items ? ` and ${publicResult.items.length} public item(s)` : '') +
          ` in ${Date.now() - started} ms.`,
      );
      await this.saveToCache(listing);
      this.setState(own.items.length > 0 || publicResult.items?.length ? 'ready' : 'empty');
    } catch (error) {
      if (signal.aborted || isCancellation(error)) return;
      this.fail(error, connectionId, filterTags);
    }
  }

  /**
   * Records a failed refresh. The listing on screen stays only when it answers the same
   * question (same server, organisation, key and filter) and the key was not rejected:
   * otherwise it would pass off another organisation's or filter's files as current.
   */
  private fail(error: unknown, connectionId: string | undefined, filterTags: readonly string[]): void {
    const message = messageOf(error);
    this.logger.error(`Refreshing the media library failed: ${message}`);
    let kind: LibraryStateKind = 'failed';
    if (error instanceof ApiAudioError) {
      if (error.code === 'auth') kind = 'authFailed';
      else if (error.code === 'network' || error.code === 'timeout') kind = 'unreachable';
    }
    const listing = this.currentListing;
    if (kind === 'authFailed' || (listing && (listing.connectionId !== connectionId || !sameTags(listing.filterTags, filterTags)))) {
      this.currentListing = undefined;
    }
    this.setState(kind, message);
  }

  private async saveToCache(listing: LibraryListing): Promise<void> {
    // Presigned URLs expire and carry signatures: never persist them.
    const strip = (items: MediaItem[]) => items.map(({ downloadUrl: _drop, ...rest }) => rest);
    const { fromCache: _fromCache, ...rest } = listing;
    const cached: CachedListing = {
      listing: { ...rest, items: strip(listing.items), publicItems: listing.publicItems && strip(listing.publicItems) },
    };
    await this.options.cache?.write(cached).catch((error: unknown) => {
      this.logger.warn(`Could not keep the listing for the next start: ${messageOf(error)}`);
    });
  }

  private setState(kind: LibraryStateKind, errorMessage?: string): void {
    this.currentState = { kind, errorMessage };
    void vscode.commands.executeCommand('setContext', ContextKeys.state, kind);
    void vscode.commands.executeCommand('setContext', ContextKeys.filterActive, this.filter.length > 0);
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.cancelRefresh();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index]);
}
