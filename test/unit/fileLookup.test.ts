// The lookup of AudioStack file IDs that are not loaded, against the emulator over real
// sockets: one request per ID once the typing stops (not one per keystroke), answers kept
// with a bound and an expiry, a few requests at a time, each with a deadline, and nothing
// kept across a change of key. The emulator's request log is the proof of what was sent.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { FileLookupCache, type FileLookupApi, type FileLookupOptions, type FileLookupResult } from '../../src/language/fileLookup';
import { filesSeedFileId } from '../emulator';
import { OTHER_KEY, useClientSuite } from './clientHarness';

const THEME = filesSeedFileId('Music/theme-song.mp3');
const JINGLE = filesSeedFileId('jingle.mp3');
const WELCOME = filesSeedFileId('Voice/welcome-en.mp3');

describe('AudioStack file lookup (code insight)', function () {
  this.timeout(20_000);
  const env = useClientSuite();
  const caches: FileLookupCache[] = [];
  afterEach(() => caches.splice(0).forEach((cache) => cache.dispose()));

  /** GET /files/{id} the emulator received, in order (the IDs). */
  const lookups = () => env.emulator.control.requests.filter((request) => request.method === 'GET' && /^\/files\/[^/]+$/.test(request.path)).map((request) => request.path.slice('/files/'.length));

  function makeCache(options: Partial<FileLookupOptions> = {}, api?: FileLookupApi): FileLookupCache {
    const client = api ?? env.makeFilesClient(env.emulator).client;
    const cache = new FileLookupCache({ connect: async () => client, debounceMs: 60, ...options });
    caches.push(cache);
    return cache;
  }

  /** Resolves once `fileId` has an answer (not pending), failing after `ms`. */
  function answer(cache: FileLookupCache, fileId: string, ms = 5_000): Promise<FileLookupResult> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const result = cache.result(fileId);
        if (result !== undefined && result !== 'pending') {
          clearTimeout(timer);
          subscription.dispose();
          resolve(result);
        }
      };
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`no answer for ${fileId} within ${ms} ms (now: ${JSON.stringify(cache.result(fileId))})`));
      }, ms);
      const subscription = cache.onDidChange(check);
      check();
    });
  }

  /** A person typing: one request() per keystroke, `delayMs` apart. */
  async function typeId(cache: FileLookupCache, fileId: string, delayMs: number): Promise<void> {
    for (let length = 1; length <= fileId.length; length++) {
      cache.request([fileId.slice(0, length)]);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  it('asks once, after the typing stops: not per keystroke, nothing before the quiet time', async () => {
    const cache = makeCache({ debounceMs: 150 });
    await typeId(cache, THEME, 5);
    // The person goes on editing the document for 400 ms (each check asks for the whole ID
    // again): every edit starts the quiet time again, so nothing is sent meanwhile.
    for (let edit = 0; edit < 20; edit++) {
      cache.request([THEME]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(lookups(), []);
    assert.equal(cache.result(THEME), 'pending');
    const result = await answer(cache, THEME);
    assert.equal(result.kind, 'found');
    assert.equal(result.kind === 'found' && result.file.fileName, 'theme-song.mp3');
    // One request in all: the prefixes typed on the way are no IDs and are never sent.
    assert.deepEqual(lookups(), [THEME]);
  });

  it('asks for each distinct ID once however often the documents are checked while it waits', async () => {
    const cache = makeCache({ debounceMs: 100 });
    const other = randomUUID();
    for (let pass = 0; pass < 20; pass++) cache.request([THEME, other, 'bed', 'a788990d', THEME]);
    await Promise.all([answer(cache, THEME), answer(cache, other)]);
    assert.deepEqual(lookups().sort(), [THEME, other].sort());
    assert.equal(cache.result('bed'), undefined);
  });

  it('keeps answers: the same ID again, or while it is asked, sends nothing more', async () => {
    const cache = makeCache();
    cache.request([JINGLE, JINGLE]);
    cache.request([JINGLE]);
    assert.equal((await answer(cache, JINGLE)).kind, 'found');
    cache.request([JINGLE]);
    cache.request([JINGLE]);
    const kept = cache.result(JINGLE);
    assert.ok(kept !== 'pending' && kept?.kind === 'found');
    assert.deepEqual(lookups(), [JINGLE]);
  });

  it('answers 404 with notFound, and a deleted file is unknown after its answer expires', async () => {
    let now = 1_000_000;
    const cache = makeCache({ now: () => now, notFoundTtlMs: 60_000, foundTtlMs: 120_000 });
    const missing = randomUUID();
    cache.request([missing, WELCOME]);
    assert.deepEqual(await answer(cache, missing), { kind: 'notFound' });
    assert.equal((await answer(cache, WELCOME)).kind, 'found');
    assert.equal(lookups().length, 2);
    // Within the expiry, nothing is asked again.
    now += 59_000;
    cache.request([missing, WELCOME]);
    assert.equal(lookups().length, 2);
    // The 404 expires first; after it, the ID is asked again (once).
    now += 2_000;
    assert.equal(cache.result(missing), undefined);
    assert.notEqual(cache.result(WELCOME), undefined);
    cache.request([missing, WELCOME]);
    assert.deepEqual(await answer(cache, missing), { kind: 'notFound' });
    assert.deepEqual(lookups().filter((id) => id === missing).length, 2);
    assert.deepEqual(lookups().filter((id) => id === WELCOME).length, 1);
  });

  it('keeps at most maxEntries answers, forgetting the oldest', async () => {
    const cache = makeCache({ maxEntries: 3, maxInFlight: 1 });
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    cache.request(ids);
    await answer(cache, ids[4]);
    assert.deepEqual(
      ids.map((id) => cache.result(id)),
      [undefined, undefined, { kind: 'notFound' }, { kind: 'notFound' }, { kind: 'notFound' }],
    );
  });

  it('runs at most maxInFlight requests at once, and bounds what waits', async () => {
    const client = env.makeFilesClient(env.emulator).client;
    let running = 0;
    let peak = 0;
    const counting: FileLookupApi = {
      getFile: async (fileId, options) => {
        running++;
        peak = Math.max(peak, running);
        try {
          return await client.getFile(fileId, options);
        } finally {
          running--;
        }
      },
    };
    env.emulator.control.setLatency(80);
    const cache = makeCache({ maxInFlight: 2, maxQueued: 6 }, counting);
    const ids = Array.from({ length: 10 }, () => randomUUID());
    cache.request(ids);
    // The four oldest were dropped from the wait: never asked.
    assert.deepEqual(
      ids.slice(0, 4).map((id) => cache.result(id)),
      [undefined, undefined, undefined, undefined],
    );
    await Promise.all(ids.slice(4).map((id) => answer(cache, id)));
    assert.equal(peak, 2);
    assert.deepEqual(lookups().sort(), ids.slice(4).sort());
  });

  it('gives up at the deadline (failed, kept briefly), aborting the request', async () => {
    env.emulator.control.setLatency(3_000);
    const started = Date.now();
    const cache = makeCache({ deadlineMs: 150, failedTtlMs: 60_000 });
    const logged: string[] = [];
    const withLog = makeCache({ deadlineMs: 150, log: (line) => logged.push(line) });
    cache.request([THEME]);
    withLog.request([JINGLE]);
    assert.deepEqual(await answer(cache, THEME), { kind: 'failed' });
    assert.deepEqual(await answer(withLog, JINGLE), { kind: 'failed' });
    assert.ok(Date.now() - started < 2_000, `answered after ${Date.now() - started} ms`);
    assert.equal(logged.length, 1);
    assert.match(logged[0], new RegExp(`Looking up the AudioStack file ${JINGLE} failed`));
    // A failed lookup is not repeated on the next edit.
    cache.request([THEME]);
    assert.deepEqual(cache.result(THEME), { kind: 'failed' });
  });

  it('says unavailable without a usable client (no request) and for a key AudioStack rejects', async () => {
    const noClient = new FileLookupCache({ connect: async () => undefined, debounceMs: 10 });
    caches.push(noClient);
    noClient.request([THEME]);
    assert.deepEqual(await answer(noClient, THEME), { kind: 'unavailable' });
    assert.deepEqual(lookups(), []);
    const rejected = makeCache({}, env.makeFilesClient(env.emulator, { apiKey: OTHER_KEY }).client);
    rejected.request([THEME]);
    assert.deepEqual(await answer(rejected, THEME), { kind: 'unavailable' });
    assert.deepEqual(lookups(), [THEME]);
  });

  it('forgets every answer and aborts what runs when the key changes (reset)', async () => {
    const cache = makeCache({ debounceMs: 10 });
    cache.request([JINGLE]);
    await answer(cache, JINGLE);
    env.emulator.control.setLatency(2_000);
    const waiting = cache.settle(THEME, 10_000);
    assert.equal(cache.inFlight, 1);
    cache.reset();
    assert.equal(cache.inFlight, 0);
    assert.equal(cache.result(JINGLE), undefined);
    assert.equal(cache.result(THEME), undefined);
    // Whoever waited for the aborted lookup hears at once that there is no answer.
    assert.equal(await waiting, undefined);
    // The aborted request's late answer is not stored.
    env.emulator.control.setLatency(0);
    cache.request([WELCOME]);
    await answer(cache, WELCOME);
    assert.equal(cache.result(THEME), undefined);
  });

  it('reads the client\'s error by its code, whichever copy of the error class made it (the two bundles)', async () => {
    // dist/language.js and dist/extension.js each bundle their own ApiAudioError.
    class OtherBundleError extends Error {
      constructor(readonly code: string) {
        super(code);
      }
    }
    const codes: Record<string, string> = {};
    const ids = { 'not-found': randomUUID(), auth: randomUUID(), server: randomUUID() };
    for (const [code, fileId] of Object.entries(ids)) codes[fileId] = code;
    const cache = makeCache({ debounceMs: 1, maxInFlight: 3 }, { getFile: async (fileId) => Promise.reject(new OtherBundleError(codes[fileId])) });
    cache.request(Object.values(ids));
    assert.deepEqual(await answer(cache, ids['not-found']), { kind: 'notFound' });
    assert.deepEqual(await answer(cache, ids.auth), { kind: 'unavailable' });
    assert.deepEqual(await answer(cache, ids.server), { kind: 'failed' });
  });

  it('a hover asks again at once when the kept answer is "no answer", not when it is one', async () => {
    // No usable client the first time (the key was being set): "unavailable", kept a minute.
    const client = env.makeFilesClient(env.emulator).client;
    let ready = false;
    const cache = new FileLookupCache({ connect: async () => (ready ? client : undefined), debounceMs: 1, failedTtlMs: 60_000 });
    caches.push(cache);
    cache.request([THEME]);
    assert.deepEqual(await answer(cache, THEME), { kind: 'unavailable' });
    ready = true;
    assert.equal((await cache.settle(THEME, 5_000))?.kind, 'found');
    assert.equal((await cache.settle(THEME, 5_000))?.kind, 'found');
    assert.deepEqual(lookups(), [THEME], 'asked once the client was there, then the answer was kept');
  });

  it('a hover asks at once (no quiet time) and waits for the answer', async () => {
    const cache = makeCache({ debounceMs: 60_000 });
    const result = await cache.settle(THEME, 5_000);
    assert.equal(result?.kind, 'found');
    assert.deepEqual(lookups(), [THEME]);
    assert.equal((await cache.settle(THEME, 5_000))?.kind, 'found');
    assert.deepEqual(lookups(), [THEME]);
  });
});
