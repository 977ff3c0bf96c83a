// The last listing a view showed, kept between sessions for one connection: shared by
// api.audio Media (MediaLibrary) and AudioStack Files (FilesBrowser). Pure Node: no
// `vscode` import.
import type { JsonFileCache } from './jsonFileCache';

/** Where a listing is kept (a JsonFileCache; tests pass an object of the same shape). */
export type CacheStore<T> = Pick<JsonFileCache<T>, 'read' | 'write' | 'clear'>;

/**
 * Changes to one cache file, one after another, so an older listing can never land last.
 * A write takes the value when its turn comes (undefined: nothing to write any more), and
 * a write queued while another is waiting is the same write: a burst of changes (folders
 * opened one after another) is written once, with what is current by then. Failures are
 * reported through `onError` and never reach the caller: the cache is a convenience.
 */
export class ListingCache<T> {
  private queue: Promise<void> = Promise.resolve();
  /** The write queued and not started yet, if any. */
  private waiting: { snapshot: () => T | undefined; done: Promise<void> } | undefined;

  constructor(
    private readonly store: CacheStore<T> | undefined,
    private readonly onError: (message: string) => void,
  ) {}

  /** What was kept, or undefined (no store, no file, or a file that cannot be read). Never throws. */
  async read(): Promise<T | undefined> {
    try {
      return await this.store?.read();
    } catch {
      return undefined;
    }
  }

  /**
   * Queues a write of what `snapshot` gives when the write's turn comes. A write already
   * waiting for its turn takes this newer snapshot instead of its own.
   */
  write(snapshot: () => T | undefined): Promise<void> {
    if (this.waiting) {
      this.waiting.snapshot = snapshot;
      return this.waiting.done;
    }
    const slot: { snapshot: () => T | undefined; done: Promise<void> } = { snapshot, done: Promise.resolve() };
    slot.done = this.enqueue(async (store) => {
      // From here on, a new change needs a new write.
      if (this.waiting === slot) this.waiting = undefined;
      const value = slot.snapshot();
      if (value !== undefined) await store.write(value);
    });
    this.waiting = slot;
    return slot.done;
  }

  /** Queues removing the file (a rejected key's listing must not come back at the next start). */
  clear(): Promise<void> {
    // A write waiting before the removal writes nothing; a later one comes after it.
    if (this.waiting) this.waiting.snapshot = () => undefined;
    this.waiting = undefined;
    return this.enqueue((store) => store.clear());
  }

  /** Resolves when every change queued so far has finished. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(change: (store: CacheStore<T>) => Promise<void>): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const run = this.queue.then(() => change(store)).catch((error: unknown) => {
      this.onError(error instanceof Error ? error.message : String(error));
    });
    this.queue = run;
    return run;
  }
}
