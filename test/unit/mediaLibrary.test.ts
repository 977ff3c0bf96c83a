// The model's refresh controller in plain Node: loads that overlap, finish out of order, fail
// after being superseded, or race each other's cache writes. The connection and the cache are
// fakes whose every step the test releases by hand, so each interleaving is exact.

import * as assert from 'node:assert/strict';
import { AuthenticationError, NetworkError, Redactor, type ListMediaOptions, type Logger, type MediaItem, type MediaListing } from '../../src/api';
import {
  MediaLibrary,
  type CachedListing,
  type KeyValueStore,
  type LibraryConnection,
  type LibraryDependencies,
} from '../../src/model/apiaudio/mediaLibrary';
import { NoApiKeyError, ServerNotTrustedError } from '../../src/util/errors';

class Deferred<T> {
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<T>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

/** Waits until `condition` holds, turning by turn of the event loop (no fixed sleeps). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 1000; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`timed out waiting for ${what}`);
}

function item(mediaId: string, tags: string[] = []): MediaItem {
  return { mediaId, filename: `${mediaId}.wav`, tags, metadata: {} };
}

interface ListCall {
  connectionId: string;
  options: ListMediaOptions;
  answer: Deferred<MediaListing>;
}

/** A connection whose key (and so connectionId) the test switches; every listMedia waits. */
class FakeConnection {
  connectionId = 'server|org|key-A';
  readonly connects: Array<Deferred<void>> = [];
  readonly calls: ListCall[] = [];
  /** When set, connect() waits for the test to release it. */
  holdConnect = false;
  failConnectWith: unknown;
  /** Whether each connect() might ask the person about the server. */
  readonly asks: boolean[] = [];

  connect = async (options: { ask: boolean }): Promise<LibraryConnection> => {
    this.asks.push(options.ask);
    // The snapshot is taken once, when connect() is called.
    const connectionId = this.connectionId;
    const failure = this.failConnectWith;
    if (this.holdConnect) {
      const gate = new Deferred<void>();
      this.connects.push(gate);
      await gate.promise;
    }
    if (failure) throw failure;
    return {
      connectionId,
      client: {
        listMedia: (options: ListMediaOptions) => {
          const answer = new Deferred<MediaListing>();
          this.calls.push({ connectionId, options, answer });
          return answer.promise;
        },
      },
    };
  };

  currentId = async (): Promise<string | undefined> => this.connectionId;
}

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

/** A cache whose writes the test completes one by one, in any order. */
class ManualCache {
  stored: CachedListing | undefined;
  readonly pending: Array<{ value: CachedListing; done: Deferred<void> }> = [];
  hold = false;
  async read(): Promise<CachedListing | undefined> {
    return this.stored;
  }
  async write(value: CachedListing): Promise<void> {
    if (!this.hold) {
      this.stored = value;
      return;
    }
    const done = new Deferred<void>();
    this.pending.push({ value, done });
    await done.promise;
    this.stored = value;
  }
  async clear(): Promise<void> {
    this.stored = undefined;
  }
  finish(index: number): void {
    this.pending[index].done.resolve();
  }
}

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function makeLibrary(connection: FakeConnection, extra: Partial<LibraryDependencies> = {}) {
  const cache = new ManualCache();
  const library = new MediaLibrary({
    connect: connection.connect,
    connectionId: connection.currentId,
    storage: new MemoryStore(),
    logger: quiet,
    showPublicLibrary: () => false,
    cache,
    ...extra,
  });
  const changes: string[] = [];
  library.onDidChange(() => changes.push(library.state.kind));
  return { library, cache, changes };
}

const fromCacheOf = (library: MediaLibrary): boolean | undefined => library.listing?.fromCache;
const ids = (listing: { items: MediaItem[] } | undefined): string[] => (listing?.items ?? []).map((entry) => entry.mediaId);

describe('MediaLibrary refresh controller', () => {
  it('two overlapping loads, the older finishing last: the newer listing stays', async () => {
    const connection = new FakeConnection();
    const { library } = makeLibrary(connection);
    const first = library.reload();
    await until(() => connection.calls.length === 1, 'the first request');
    const second = library.reload();
    await until(() => connection.calls.length === 2, 'the second request');
    assert.equal(connection.calls[0].options.signal?.aborted, true, 'the superseded request is cancelled');

    connection.calls[1].answer.resolve({ items: [item('new')], totalCount: 1 });
    await second;
    connection.calls[0].answer.resolve({ items: [item('old')], totalCount: 1 });
    await first;
    assert.deepEqual(ids(library.listing), ['new']);
    assert.equal(library.state.kind, 'ready');
  });

  it('two overlapping loads, the older finishing first: it changes nothing, the newer decides', async () => {
    const connection = new FakeConnection();
    const { library, changes } = makeLibrary(connection);
    const first = library.reload();
    await until(() => connection.calls.length === 1, 'the first request');
    const second = library.reload();
    await until(() => connection.calls.length === 2, 'the second request');

    connection.calls[0].answer.resolve({ items: [item('old')], totalCount: 1 });
    // Awaiting the superseded load waits for the newest one: it must not settle yet.
    let firstSettled = false;
    void first.then(() => (firstSettled = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(library.listing, undefined, 'the superseded answer was not shown');
    assert.equal(firstSettled, false, 'a superseded load settles with its successor');

    connection.calls[1].answer.resolve({ items: [], totalCount: 0 });
    await Promise.all([first, second]);
    assert.deepEqual(ids(library.listing), []);
    assert.equal(library.state.kind, 'empty');
    assert.ok(!changes.includes('ready'), `no state from the old load was shown: ${changes.join(', ')}`);
  });

  it('a key change mid-load: the old organisation never reaches the screen or the cache', async () => {
    const connection = new FakeConnection();
    const { library, cache } = makeLibrary(connection);
    const before = library.reload();
    await until(() => connection.calls.length === 1, 'the request with key A');
    connection.connectionId = 'server|org|key-B';
    const after = library.reload();
    await until(() => connection.calls.length === 2, 'the request with key B');
    assert.equal(connection.calls[1].connectionId, 'server|org|key-B');

    connection.calls[1].answer.resolve({ items: [item('b1')], totalCount: 1 });
    connection.calls[0].answer.resolve({ items: [item('a1')], totalCount: 1 });
    await Promise.all([before, after]);
    assert.equal(library.listing?.connectionId, 'server|org|key-B');
    assert.deepEqual(ids(library.listing), ['b1']);
    assert.equal(cache.stored?.listing.connectionId, 'server|org|key-B');
  });

  it('a superseded load that fails to connect does not cancel or overwrite the newer load', async () => {
    const connection = new FakeConnection();
    const { library } = makeLibrary(connection);
    connection.holdConnect = true;
    connection.failConnectWith = new NoApiKeyError();
    const stale = library.reload();
    await until(() => connection.connects.length === 1, 'the first connect');
    connection.failConnectWith = undefined;
    const fresh = library.reload();
    await until(() => connection.connects.length === 2, 'the second connect');
    connection.connects[1].resolve();
    await until(() => connection.calls.length === 1, 'the newer request');
    // The older connect now fails (the key it read is gone)…
    connection.connects[0].resolve();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(connection.calls[0].options.signal?.aborted, false, 'the newer request still runs');
    assert.notEqual(library.state.kind, 'noKey');

    connection.calls[0].answer.resolve({ items: [item('kept')], totalCount: 1 });
    await Promise.all([stale, fresh]);
    assert.equal(library.state.kind, 'ready');
    assert.deepEqual(ids(library.listing), ['kept']);
  });

  it('a superseded load that fails with a network error leaves the newer state alone', async () => {
    const connection = new FakeConnection();
    const { library } = makeLibrary(connection);
    const stale = library.reload();
    await until(() => connection.calls.length === 1, 'the first request');
    const fresh = library.reload();
    await until(() => connection.calls.length === 2, 'the second request');
    connection.calls[1].answer.resolve({ items: [item('x')], totalCount: 1 });
    await fresh;
    connection.calls[0].answer.reject(new NetworkError('Could not connect.'));
    await stale;
    assert.equal(library.state.kind, 'ready');
    assert.equal(library.state.errorMessage, undefined);
  });

  it('a cache write racing a newer one: the newest listing is what the file keeps', async () => {
    const connection = new FakeConnection();
    const { library, cache } = makeLibrary(connection);
    cache.hold = true;
    const first = library.reload();
    await until(() => connection.calls.length === 1, 'the first request');
    connection.calls[0].answer.resolve({ items: [item('older')], totalCount: 1 });
    await until(() => cache.pending.length === 1, 'the first cache write');

    const second = library.reload();
    await until(() => connection.calls.length === 2, 'the second request');
    connection.calls[1].answer.resolve({ items: [item('newer')], totalCount: 1 });
    await until(() => library.state.kind === 'ready' && ids(library.listing)[0] === 'newer', 'the newer listing');
    // The newer write must wait for the older one; if it started, finish it first.
    if (cache.pending.length === 2) cache.finish(1);
    await new Promise((resolve) => setImmediate(resolve));
    cache.finish(0);
    await until(() => cache.pending.length === 2, 'the second cache write, after the first');
    cache.finish(1);
    await Promise.all([first, second]);
    assert.deepEqual(ids(cache.stored?.listing), ['newer']);
  });

  it('a key rejected while the previous listing is being cached: the state stays authFailed', async () => {
    const connection = new FakeConnection();
    const { library, cache } = makeLibrary(connection);
    cache.hold = true;
    const first = library.reload();
    await until(() => connection.calls.length === 1, 'the first request');
    connection.calls[0].answer.resolve({ items: [item('a')], totalCount: 1 });
    await until(() => cache.pending.length === 1, 'the cache write');

    const second = library.reload();
    await until(() => connection.calls.length === 2, 'the second request');
    connection.calls[1].answer.reject(new AuthenticationError('api.audio rejected the API key (401).', 401));
    await until(() => library.state.kind === 'authFailed', 'the rejection');
    cache.finish(0);
    await Promise.all([first, second]);
    await until(() => cache.stored === undefined, 'the cached listing of the rejected key to be dropped');
    assert.equal(library.state.kind, 'authFailed');
    assert.equal(library.listing, undefined, 'a rejected key shows no listing');
  });

  it('a server the person did not confirm: the state says so (untrusted) and the listing on screen goes', async () => {
    const connection = new FakeConnection();
    const { library } = makeLibrary(connection);
    const first = library.reload();
    await until(() => connection.calls.length === 1, 'the first request');
    connection.calls[0].answer.resolve({ items: [item('from-the-old-server')], totalCount: 1 });
    await first;
    connection.failConnectWith = new ServerNotTrustedError('https://other.example');

    await library.reload();

    assert.equal(library.state.kind, 'untrusted');
    assert.match(library.state.errorMessage ?? '', /^Your API key was not sent to https:\/\/other\.example, which is not an api\.audio server\./);
    assert.equal(library.listing, undefined);
  });

  it('a load nobody asked for (background) never asks about the server; a person\'s refresh does not join it but asks', async () => {
    const connection = new FakeConnection();
    const { library } = makeLibrary(connection);
    connection.holdConnect = true;
    const background = library.reload({ background: true });
    await until(() => connection.connects.length === 1, 'the background connect');
    const person = library.refresh();
    await until(() => connection.connects.length === 2, 'the person\'s own connect');
    assert.deepEqual(connection.asks, [false, true]);
    connection.connects.forEach((gate) => gate.resolve());
    await until(() => connection.calls.length === 1, 'the person\'s request (the background load was superseded)');
    connection.calls[0].answer.resolve({ items: [item('one')], totalCount: 1 });
    await Promise.all([background, person]);
    assert.equal(library.state.kind, 'ready');
    // A background refresh joins whatever runs; a person's joins one that may ask.
    const asked = library.refresh();
    const joined = library.refresh({ background: true });
    await until(() => connection.connects.length === 3, 'one more connect');
    connection.connects[2].resolve();
    await until(() => connection.calls.length === 2, 'its request');
    connection.calls[1].answer.resolve({ items: [item('one')], totalCount: 1 });
    await Promise.all([asked, joined]);
    assert.deepEqual(connection.asks, [false, true, true]);
  });

  it('refresh() while a load runs joins it: one request, not two', async () => {
    const connection = new FakeConnection();
    const { library } = makeLibrary(connection);
    const first = library.refresh();
    const joined = library.refresh();
    await until(() => connection.calls.length === 1, 'the request');
    connection.calls[0].answer.resolve({ items: [item('one')], totalCount: 1 });
    await Promise.all([first, joined]);
    assert.equal(connection.calls.length, 1);
    assert.deepEqual(ids(library.listing), ['one']);
  });

  it('a filter change starts a new generation with the new tags; the old answer is ignored', async () => {
    const connection = new FakeConnection();
    const { library } = makeLibrary(connection);
    const unfiltered = library.reload();
    await until(() => connection.calls.length === 1, 'the unfiltered request');
    const filtered = library.setFilter([' music ', 'intro', 'music']);
    await until(() => connection.calls.length === 2, 'the filtered request');
    assert.deepEqual(connection.calls[1].options.tags, ['music', 'intro']);
    connection.calls[0].answer.resolve({ items: [item('all-1'), item('all-2')], totalCount: 2 });
    connection.calls[1].answer.resolve({ items: [item('m')], totalCount: 1 });
    await Promise.all([unfiltered, filtered]);
    assert.deepEqual(ids(library.listing), ['m']);
    assert.deepEqual(library.listing?.filterTags, ['music', 'intro']);
  });

  it('a listing restored from the cache never replaces one a load already showed', async () => {
    const connection = new FakeConnection();
    const slowCache = new ManualCache();
    slowCache.stored = {
      listing: { connectionId: connection.connectionId, items: [item('cached')], publicItems: undefined, filterTags: [], fetchedAt: 1 },
    };
    let releaseRead!: () => void;
    const readGate = new Promise<void>((resolve) => (releaseRead = resolve));
    const { library } = makeLibrary(connection, {
      cache: { read: async () => (await readGate, slowCache.stored), write: (value) => slowCache.write(value), clear: () => slowCache.clear() },
    });
    const restoring = library.restoreFromCache();
    const loading = library.reload();
    await until(() => connection.calls.length === 1, 'the request');
    connection.calls[0].answer.resolve({ items: [item('fresh')], totalCount: 1 });
    await loading;
    releaseRead();
    assert.equal(await restoring, false);
    assert.deepEqual(ids(library.listing), ['fresh']);
    assert.equal(fromCacheOf(library), false);
  });

  it('restores the cached listing of the same connection and filter, and not of another key', async () => {
    const connection = new FakeConnection();
    const { library, cache } = makeLibrary(connection);
    cache.stored = {
      listing: { connectionId: 'server|org|key-OTHER', items: [item('theirs')], publicItems: undefined, filterTags: [], fetchedAt: 1 },
    };
    assert.equal(await library.restoreFromCache(), false);
    assert.equal(library.listing, undefined);
    cache.stored = {
      listing: { connectionId: connection.connectionId, items: [item('mine')], publicItems: undefined, filterTags: [], fetchedAt: 1 },
    };
    assert.equal(await library.restoreFromCache(), true);
    assert.deepEqual(ids(library.listing), ['mine']);
    assert.equal(fromCacheOf(library), true);
  });

  it('never caches presigned download URLs', async () => {
    const connection = new FakeConnection();
    const { library, cache } = makeLibrary(connection);
    const loading = library.reload();
    await until(() => connection.calls.length === 1, 'the request');
    const signed = { ...item('s'), downloadUrl: 'https://s3/k.wav?Signature=abc' };
    connection.calls[0].answer.resolve({ items: [signed], totalCount: 1 });
    await loading;
    assert.equal(library.listing?.items[0].downloadUrl, signed.downloadUrl);
    assert.equal(JSON.stringify(cache.stored).includes('Signature'), false);
  });

  it('error text becomes state only after the window\'s redactor cleaned it', async () => {
    const connection = new FakeConnection();
    const secret = `leaked-key-${'k'.repeat(30)}`;
    const redactor = new Redactor([secret]);
    const { library } = makeLibrary(connection, { cleanText: (text) => redactor.redact(text) });
    const loading = library.reload();
    await until(() => connection.calls.length === 1, 'the request');
    connection.calls[0].answer.reject(new NetworkError(`Could not talk to host with ${secret}.`));
    await loading;
    assert.equal(library.state.kind, 'unreachable');
    assert.equal(library.state.errorMessage, 'Could not talk to host with REDACTED.');
  });

  it('after dispose, listeners hear nothing and no load starts', async () => {
    const connection = new FakeConnection();
    const { library, changes } = makeLibrary(connection);
    library.dispose();
    await library.reload();
    assert.equal(connection.calls.length, 0);
    assert.deepEqual(changes, []);
  });
});
