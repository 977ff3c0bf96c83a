// The AudioStack Files listing kept between sessions (src/model/audiostack/filesBrowser.ts with the
// shared src/model/listingCache.ts), with the Files client against the emulator over real
// sockets and the cache in a real file.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { connectionIdOf } from '../../src/auth/connectionId';
import { FilesBrowser, MAX_CACHED_FILES, ROOT_FOLDER_KEY, type CachedFiles } from '../../src/model/audiostack/filesBrowser';
import { JsonFileCache } from '../../src/model/jsonFileCache';
import { ListingCache } from '../../src/model/listingCache';
import { filesSeedFolderId } from '../emulator';
import { OTHER_KEY, RecordingLogger, TEST_KEY, useClientSuite } from './clientHarness';

describe('The AudioStack Files listing kept between sessions', function () {
  this.timeout(60_000);
  const env = useClientSuite();
  let pageSize = 10;
  const cacheFile = () => path.join(env.dir, 'audiostack-files.json');
  /** A window's browser: the key and address of `key` (its connection id), the cache in the test's folder. */
  const session = (key = TEST_KEY, options: { connectionId?: string } = {}) => {
    const logger = new RecordingLogger();
    const browser = new FilesBrowser({
      connect: async () => env.makeFilesClient(env.emulator, { apiKey: key }).client,
      pageSize: () => pageSize,
      logger,
      cleanText: (text) => text,
      connectionId: async () => options.connectionId ?? connectionIdOf(key, env.emulator.url, undefined),
      cache: new JsonFileCache<CachedFiles>(cacheFile()),
    });
    return { browser, logger };
  };
  const requests = () => env.emulator.control.requests.map((request) => `${request.method} ${request.path}`);
  const readCache = async () => JSON.parse(await fs.readFile(cacheFile(), 'utf8')) as CachedFiles;
  const names = (browser: FilesBrowser, key: string) => {
    const contents = browser.contents(key);
    return [...(contents?.folders.map((folder) => folder.folderName) ?? []), ...(contents?.files.map((file) => file.fileName) ?? [])];
  };
  /** A session that listed the root and opened Music, Music/Beds and Music/Beds/Ambient, its cache written. */
  const browseAndKeep = async () => {
    const first = session();
    await first.browser.refresh();
    for (const folder of ['Music', 'Music/Beds', 'Music/Beds/Ambient']) await first.browser.load(filesSeedFolderId(folder));
    await first.browser.cacheSettled();
    return first.browser;
  };
  beforeEach(() => {
    pageSize = 10;
  });

  it('shows the root and the folders opened last time at start, without a request, marked as from the cache', async () => {
    const first = await browseAndKeep();
    const shown = names(first, filesSeedFolderId('Music/Beds/Ambient'));
    env.emulator.control.reset();

    const { browser } = session();
    assert.equal(await browser.restoreFromCache(), true);
    assert.deepEqual(requests(), [], 'nothing was asked of the server');
    assert.equal(browser.state.kind, 'ready');
    assert.equal(browser.fromCache, true);
    assert.deepEqual(names(browser, ROOT_FOLDER_KEY), ['Empty', 'Music', 'Sound Effects', 'Voice', 'jingle.mp3']);
    assert.deepEqual(names(browser, filesSeedFolderId('Music/Beds/Ambient')), shown);
    assert.equal(browser.folderPaths().get(filesSeedFolderId('Music/Beds/Ambient')), 'Music/Beds/Ambient');
    assert.equal(browser.contents(filesSeedFolderId('Voice')), undefined, 'a folder never opened is listed when opened');
  });

  it('keeps neither the key nor presigned links in the file', async () => {
    await browseAndKeep();
    const text = await fs.readFile(cacheFile(), 'utf8');
    assert.ok(!text.includes(TEST_KEY), 'the key');
    assert.ok(!/Signature|X-Amz|"url":"/i.test(text), 'a presigned link');
    assert.ok(text.includes('calm-pad.wav'));
  });

  it('lists the root and the opened folders again in the background and replaces what the cache showed', async () => {
    await browseAndKeep();
    // What changed on the server since the last session.
    const added = env.emulator.control.files.addFile({ fileName: 'new-since-last-time.wav', folderId: filesSeedFolderId('Music/Beds/Ambient') });
    env.emulator.control.reset();
    const { browser } = session();
    await browser.restoreFromCache();
    const changes: Array<string | undefined> = [];
    browser.onDidChange((key) => changes.push(key));
    assert.ok(!names(browser, filesSeedFolderId('Music/Beds/Ambient')).includes('new-since-last-time.wav'));

    await browser.start();

    assert.equal(browser.fromCache, false);
    assert.ok(names(browser, filesSeedFolderId('Music/Beds/Ambient')).includes('new-since-last-time.wav'));
    const listed = requests().filter((request) => request.startsWith('GET /folders'));
    for (const folder of ['Music', 'Music/Beds', 'Music/Beds/Ambient']) {
      assert.ok(listed.includes(`GET /folders/${filesSeedFolderId(folder)}`), `${folder} was listed again: ${listed.join(', ')}`);
    }
    assert.ok(!listed.includes(`GET /folders/${filesSeedFolderId('Voice')}`), 'a folder not opened is not listed');
    assert.ok(changes.includes(filesSeedFolderId('Music/Beds/Ambient')), 'each folder is redrawn as it is replaced');
    await browser.cacheSettled();
    assert.ok(JSON.stringify(await readCache()).includes(added), 'the new listing is kept for the next start');
  });

  it('never shows another key\'s (or another address\'s) listing', async () => {
    await browseAndKeep();
    env.emulator.control.reset();
    const otherKey = session(OTHER_KEY).browser;
    assert.equal(await otherKey.restoreFromCache(), false);
    assert.equal(otherKey.contents(ROOT_FOLDER_KEY), undefined);
    assert.equal(otherKey.state.kind, 'idle');
    const otherAddress = session(TEST_KEY, { connectionId: connectionIdOf(TEST_KEY, 'https://v2.api.audio', undefined) }).browser;
    assert.equal(await otherAddress.restoreFromCache(), false);
    assert.deepEqual(requests(), []);
    assert.notEqual(connectionIdOf(TEST_KEY, env.emulator.url, undefined), connectionIdOf(OTHER_KEY, env.emulator.url, undefined));
    assert.ok(!connectionIdOf(TEST_KEY, env.emulator.url, undefined).includes(TEST_KEY));
  });

  it('clears the rows and the file when the key is rejected on the background listing', async () => {
    await browseAndKeep();
    // Same connection id as the cache, but the server now rejects the key (revoked).
    const { browser } = session(OTHER_KEY, { connectionId: connectionIdOf(TEST_KEY, env.emulator.url, undefined) });
    assert.equal(await browser.restoreFromCache(), true);
    await browser.start();
    assert.equal(browser.state.kind, 'authFailed');
    assert.equal(browser.contents(ROOT_FOLDER_KEY), undefined, 'the rows are gone');
    await browser.cacheSettled();
    await assert.rejects(fs.stat(cacheFile()), { code: 'ENOENT' });
    assert.equal(await session().browser.restoreFromCache(), false, 'the next start shows nothing from the cache');

    // The same when a Refresh (not the background listing) hears that the key was rejected.
    await browseAndKeep();
    const refreshed = session(OTHER_KEY, { connectionId: connectionIdOf(TEST_KEY, env.emulator.url, undefined) }).browser;
    await refreshed.refresh();
    await refreshed.cacheSettled();
    await assert.rejects(fs.stat(cacheFile()), { code: 'ENOENT' });
  });

  it('keeps what the cache showed when the background listing fails otherwise, with the reason on the root', async () => {
    await browseAndKeep();
    env.emulator.control.reset();
    env.emulator.control.failNext(1, 400, { path: '/folders', body: JSON.stringify({ message: 'Validation failed' }) });
    const { browser } = session();
    await browser.restoreFromCache();
    await browser.start();
    assert.equal(browser.state.kind, 'failed');
    assert.equal(browser.fromCache, true, 'still the last session\'s rows');
    assert.deepEqual(names(browser, ROOT_FOLDER_KEY), ['Empty', 'Music', 'Sound Effects', 'Voice', 'jingle.mp3']);
    assert.match(browser.contents(ROOT_FOLDER_KEY)?.error ?? '', /Validation failed/);
    const kept = await readCache();
    assert.equal(kept.folders.length, 4, 'the file is unchanged: root and three folders');
  });

  it('keeps at most MAX_CACHED_FILES files: a folder cut short comes back with its first files and Show more…', async () => {
    const folderId = env.emulator.control.files.addFolder({ folderName: `Big ${Date.now()}` });
    env.emulator.control.files.addFilesBulk(MAX_CACHED_FILES + 50, { folderId, prefix: 'big' });
    pageSize = 1_000;
    const first = session();
    await first.browser.refresh();
    const rootFiles = first.browser.contents(ROOT_FOLDER_KEY)!.files.length;
    await first.browser.load(folderId);
    while (first.browser.contents(folderId)?.hasMore) await first.browser.loadMore(folderId);
    assert.equal(first.browser.contents(folderId)?.files.length, MAX_CACHED_FILES + 50);
    await first.browser.cacheSettled();

    const kept = await readCache();
    const total = kept.folders.reduce((sum, folder) => sum + folder.files.length, 0);
    assert.equal(total, MAX_CACHED_FILES);
    const big = kept.folders.find((folder) => folder.key === folderId)!;
    assert.equal(big.files.length, MAX_CACHED_FILES - rootFiles);
    assert.equal(big.hasMore, true);

    env.emulator.control.reset();
    const { browser } = session();
    await browser.restoreFromCache();
    assert.equal(browser.contents(folderId)?.files.length, MAX_CACHED_FILES - rootFiles);
    assert.equal(browser.contents(folderId)?.hasMore, true);
  });

  it('ignores a file that is not a listing this version wrote', async () => {
    await fs.writeFile(cacheFile(), JSON.stringify({ version: 1, connectionId: connectionIdOf(TEST_KEY, env.emulator.url, undefined), fetchedAt: 1, folders: [{ key: '', files: 'x' }] }));
    assert.equal(await session().browser.restoreFromCache(), false);
    await fs.writeFile(cacheFile(), '{"version": 1, "conn');
    assert.equal(await session().browser.restoreFromCache(), false);
  });

  it('a refresh started while the cache is read wins: the cache does not replace it', async () => {
    await browseAndKeep();
    const { browser } = session();
    const restoring = browser.restoreFromCache();
    const refreshing = browser.refresh();
    assert.equal(await restoring, false);
    await refreshing;
    assert.equal(browser.fromCache, false);
    assert.equal(browser.contents(filesSeedFolderId('Music')), undefined, 'only the root is listed');
    // The refresh writes the cache behind it: the test's folder goes only after that write.
    await browser.cacheSettled();
  });
});

describe('ListingCache', () => {
  const env = useClientSuite();
  const file = () => path.join(env.dir, 'listing.json');

  it('writes one after another, and a burst of writes behind a running one once, with the newest value', async () => {
    const store = new JsonFileCache<number>(file());
    const writes: number[] = [];
    const original = store.write.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const firstEntered = new Promise<void>((resolve) => (entered = resolve));
    store.write = async (value) => {
      writes.push(value);
      if (writes.length === 1) {
        entered();
        await gate;
      }
      await original(value);
    };
    const cache = new ListingCache(store, (message) => assert.fail(message));
    void cache.write(() => 1);
    await firstEntered;
    void cache.write(() => 2);
    void cache.write(() => 3);
    release();
    await cache.settled();
    assert.deepEqual(writes, [1, 3], 'the running write, then one for the burst behind it');
    assert.equal(await cache.read(), 3);
  });

  it('a clear after a write removes it; a write after a clear is kept', async () => {
    const cache = new ListingCache(new JsonFileCache<number>(file()), (message) => assert.fail(message));
    void cache.write(() => 1);
    void cache.clear();
    await cache.settled();
    assert.equal(await cache.read(), undefined);
    void cache.write(() => 2);
    void cache.clear();
    void cache.write(() => 3);
    await cache.settled();
    assert.equal(await cache.read(), 3);
  });

  it('reports a failed write and keeps going', async () => {
    const problems: string[] = [];
    const cache = new ListingCache(new JsonFileCache<unknown>(file()), (message) => problems.push(message));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await cache.write(() => circular);
    await cache.write(() => ({ ok: true }));
    assert.equal(problems.length, 1);
    assert.deepEqual(await cache.read(), { ok: true });
  });
});
