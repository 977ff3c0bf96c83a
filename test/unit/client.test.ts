// ApiAudioClient against the in-process emulator over real HTTP: listing, tags, delete,
// headers, protocol quirks, and the typed error each fault produces.

import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiAudioClient,
  AuthenticationError,
  BadRequestError,
  BadResponseError,
  CancelledError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  validateApiKeyFormat,
} from '../../src/api';
import { PUBLIC_SEED, SEED } from '../emulator';
import { OTHER_KEY, TEST_KEY, makeClient, rejection, startTestEmulator, type TestEmulator } from './clientHarness';

const LIST_PATH = '/file/customaudio';

describe('ApiAudioClient API calls (emulator)', function () {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await startTestEmulator({ sdkLatest: '0.17.0', warning: 'This API version is deprecated' });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.control.reset();
  });

  const apiRequests = () => emulator.control.requests.filter((request) => request.path.startsWith('/file/'));

  describe('listMedia', () => {
    it('normalises every seeded item and keeps extra fields as metadata', async () => {
      const { client } = makeClient(emulator);
      const listing = await client.listMedia();
      assert.equal(listing.totalCount, SEED.length);
      assert.deepEqual(
        listing.items.map((item) => item.mediaId).sort(),
        SEED.map((seed) => seed.mediaId).sort(),
      );
      for (const seed of SEED) {
        const item = listing.items.find((candidate) => candidate.mediaId === seed.mediaId);
        assert.ok(item);
        assert.equal(item.filename, seed.filename);
        assert.deepEqual(item.tags, [...seed.tags]);
        assert.equal(item.downloadUrl, undefined);
        assert.deepEqual({ ...item.metadata }, { ...(seed.extra ?? {}) });
      }
      const query = apiRequests()[0].query;
      assert.deepEqual(query, {});
    });

    it('sends tags comma-joined and gets only files carrying all of them', async () => {
      const { client } = makeClient(emulator);
      const listing = await client.listMedia({ tags: ['music', 'intro'] });
      const expected = SEED.filter((seed) => seed.tags.includes('music') && seed.tags.includes('intro'));
      assert.deepEqual(listing.items.map((item) => item.filename).sort(), expected.map((seed) => seed.filename).sort());
      assert.equal(apiRequests()[0].query.tags, 'music,intro');
    });

    it('sends only mediaId when both mediaId and tags are given (mediaId wins)', async () => {
      const { client } = makeClient(emulator);
      const target = SEED[2];
      const listing = await client.listMedia({ mediaId: target.mediaId, tags: ['voice'] });
      assert.deepEqual(listing.items.map((item) => item.mediaId), [target.mediaId]);
      assert.deepEqual(apiRequests()[0].query, { mediaId: target.mediaId });
    });

    it('sends public=true only when asked, and lists the public library', async () => {
      const { client } = makeClient(emulator);
      const publicListing = await client.listMedia({ public: true });
      assert.deepEqual(publicListing.items.map((item) => item.filename).sort(), PUBLIC_SEED.map((seed) => seed.filename).sort());
      await client.listMedia({ public: false });
      const [first, second] = apiRequests();
      assert.equal(first.query.public, 'true');
      assert.equal('public' in second.query, false);
    });

    it('asks for download links with target=download', async () => {
      const { client } = makeClient(emulator);
      const listing = await client.listMedia({ downloadUrl: true, tags: ['voice'] });
      assert.equal(apiRequests()[0].query.target, 'download');
      assert.ok(listing.items.length > 0);
      for (const item of listing.items) {
        assert.match(item.downloadUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/s3\//);
        assert.equal('downloadUrl' in item.metadata, false);
      }
    });

    it('returns an empty listing for an unknown mediaId', async () => {
      const { client } = makeClient(emulator);
      assert.deepEqual(await client.listMedia({ mediaId: 'ffffffff' }), { items: [], totalCount: 0 });
    });

    it('tolerates an empty object body ({}) as an empty listing', async () => {
      const { client } = makeClient(emulator);
      emulator.control.failNext(1, 200, { path: LIST_PATH, body: '{}' });
      assert.deepEqual(await client.listMedia({ mediaId: SEED[0].mediaId }), { items: [], totalCount: 0 });
    });

    it('sends x-api-key, User-Agent and Accept, and no x-assume-org by default', async () => {
      const { client } = makeClient(emulator);
      await client.listMedia();
      const headers = apiRequests()[0].headers;
      assert.equal(headers['x-api-key'], TEST_KEY);
      assert.equal(headers['user-agent'], 'apiaudio-media-tests/1.0');
      assert.equal(headers.accept, 'application/json');
      assert.equal(headers['x-assume-org'], undefined);
      assert.equal(headers.authorization, undefined);
    });

    it('logs each request as "METHOD path?query → status (n ms)"', async () => {
      const { client, logger } = makeClient(emulator);
      await client.listMedia({ tags: ['music'] });
      assert.ok(
        logger.lines.some((line) => line.level === 'debug' && /^GET \/file\/customaudio\?tags=music → 200 \(\d+ ms\)$/.test(line.message)),
        logger.text(),
      );
    });
  });

  describe('assume-org', () => {
    it('sends x-assume-org and sees only that organisation’s library', async () => {
      const { client: child } = makeClient(emulator, { assumeOrgId: 'child-org-1' });
      const { client: parent } = makeClient(emulator);
      const childId = emulator.control.addMedia({ filename: 'child-only.mp3', tags: ['child'], org: 'child-org-1' });

      const childListing = await child.listMedia();
      assert.deepEqual(childListing.items.map((item) => item.mediaId), [childId]);
      assert.equal(apiRequests()[0].headers['x-assume-org'], 'child-org-1');

      const parentListing = await parent.listMedia();
      assert.equal(parentListing.items.some((item) => item.mediaId === childId), false);
      assert.deepEqual(await child.listTags(), ['child']);
    });
  });

  describe('listTags', () => {
    it('returns the unique tags', async () => {
      const { client } = makeClient(emulator);
      const expected = [...new Set(SEED.flatMap((seed) => seed.tags))].sort();
      assert.deepEqual((await client.listTags()).sort(), expected);
      assert.equal(apiRequests()[0].path.replace(/\/$/, ''), '/file/customaudio/tags');
    });
  });

  describe('getDownloadUrl', () => {
    it('returns a presigned link for one file, asked with mediaId and target=download', async () => {
      const { client } = makeClient(emulator);
      const url = await client.getDownloadUrl(SEED[0].mediaId);
      assert.match(url, /Signature=/);
      assert.deepEqual(apiRequests()[0].query, { mediaId: SEED[0].mediaId, target: 'download' });
    });

    it('throws NotFoundError naming the id when the file does not exist', async () => {
      const { client } = makeClient(emulator);
      const error = await rejection(client.getDownloadUrl('deadbeef'));
      assert.ok(error instanceof NotFoundError, String(error));
      assert.match(error.message, /No media with id "deadbeef" in this organisation\./);
    });
  });

  describe('deleteMedia', () => {
    it('deletes with DELETE /file/customaudio?mediaId=…', async () => {
      const { client } = makeClient(emulator);
      const id = emulator.control.addMedia({ filename: 'to-delete.mp3' });
      await client.deleteMedia(id);
      assert.equal(emulator.control.listStored().some((item) => item.mediaId === id), false);
      const request = apiRequests()[0];
      assert.equal(request.method, 'DELETE');
      assert.deepEqual(request.query, { mediaId: id });
    });

    it('reads the error text from a capital-M "Message" body', async () => {
      const { client } = makeClient(emulator);
      const error = await rejection(client.deleteMedia('0badc0de'));
      assert.ok(error instanceof NotFoundError, String(error));
      assert.match(error.message, /Media file 0badc0de not found/);
    });

    it('is not retried on a server error', async () => {
      const { client } = makeClient(emulator);
      const id = emulator.control.addMedia({ filename: 'kept.mp3' });
      emulator.control.failNext(1, 500, { path: LIST_PATH });
      const error = await rejection(client.deleteMedia(id));
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(apiRequests().filter((request) => request.method === 'DELETE').length, 1);
    });
  });

  describe('informational headers', () => {
    it('logs Warning and x-sdk-latest once per distinct value, and never fails on them', async () => {
      const { client, logger } = makeClient(emulator);
      await client.listMedia();
      await client.listTags();
      await client.listMedia();
      const warnings = () => logger.lines.filter((line) => line.level === 'warn' && line.message.includes('This API version is deprecated'));
      const latest = () => logger.lines.filter((line) => line.message.includes('0.17.0'));
      assert.equal(warnings().length, 1, logger.text());
      assert.equal(latest().length, 1, logger.text());

      emulator.control.setWarning('Maintenance tonight');
      emulator.control.setSdkLatest('0.18.0');
      await client.listTags();
      await client.listTags();
      assert.equal(logger.lines.filter((line) => line.message.includes('Maintenance tonight')).length, 1);
      assert.equal(logger.lines.filter((line) => line.message.includes('0.18.0')).length, 1);
      emulator.control.setWarning('This API version is deprecated');
      emulator.control.setSdkLatest('0.17.0');
    });

    it('treats each quoted string of a Warning header as one warning', async () => {
      const { client, logger } = makeClient(emulator);
      emulator.control.failNext(1, 200, {
        path: '/file/customaudio/tags',
        body: '{"uniqueTags":[]}',
        headers: { Warning: '299 - "first \\"quoted\\" warning", 299 - "second warning"' },
      });
      await client.listTags();
      const text = logger.text();
      assert.match(text, /warn: api\.audio warning: first "quoted" warning/);
      assert.match(text, /warn: api\.audio warning: second warning/);
    });
  });

  describe('errors', () => {
    it('wrong key → AuthenticationError telling how to fix it', async () => {
      const { client } = makeClient(emulator, { apiKey: OTHER_KEY });
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof AuthenticationError, String(error));
      assert.equal(error.status, 403);
      assert.equal(error.message, "api.audio rejected the API key (403). Check the key with 'api.audio: Set API Key…'.");
      assert.equal(apiRequests().length, 1, 'auth failures are not retried');
    });

    it('429 is retried, honouring Retry-After, then RateLimitedError when retries run out', async () => {
      const { client } = makeClient(emulator, { maxRetries: 2 });
      emulator.control.failNext(3, 429, { path: LIST_PATH, headers: { 'Retry-After': '0' } });
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof RateLimitedError, String(error));
      assert.equal(error.retryAfterMs, 0);
      assert.equal(apiRequests().length, 3);
    });

    it('waits for Retry-After seconds before retrying a 429', async () => {
      const { client } = makeClient(emulator, { maxRetries: 1 });
      emulator.control.failNext(1, 429, { path: LIST_PATH, headers: { 'Retry-After': '1' } });
      const started = Date.now();
      const listing = await client.listMedia();
      assert.equal(listing.totalCount, emulator.control.listStored().length);
      assert.ok(Date.now() - started >= 950, 'the retry must not come before Retry-After');
      assert.equal(apiRequests().length, 2);
    });

    it('500 is retried; a transient one recovers, a persistent one ends in ServerError', async () => {
      const { client } = makeClient(emulator, { maxRetries: 2 });
      emulator.control.failNext(1, 500, { path: LIST_PATH });
      assert.equal((await client.listMedia()).totalCount, emulator.control.listStored().length);
      assert.equal(apiRequests().length, 2);

      emulator.control.reset();
      emulator.control.failNext(5, 503, { path: LIST_PATH });
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(error.status, 503);
      assert.equal(apiRequests().length, 3);
    });

    it('400 → BadRequestError carrying the server’s message', async () => {
      const { client } = makeClient(emulator);
      emulator.control.failNext(1, 400, { path: LIST_PATH, body: '{"message":"tags must be a string"}' });
      const error = await rejection(client.listMedia({ tags: ['x'] }));
      assert.ok(error instanceof BadRequestError, String(error));
      assert.match(error.message, /tags must be a string/);
      assert.equal(apiRequests().length, 1);
    });

    it('an HTML page → BadResponseError pointing at the base URL', async () => {
      const { client } = makeClient(emulator);
      emulator.control.respondWith('html');
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /HTML page/);
      assert.ok(error.message.includes(emulator.url), error.message);
    });

    it('truncated JSON → BadResponseError pointing at the base URL', async () => {
      const { client } = makeClient(emulator);
      emulator.control.respondWith('truncated-json');
      const error = await rejection(client.listTags());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /truncated or invalid JSON/);
      assert.ok(error.message.includes('base URL'));
    });

    it('a closed port → NetworkError naming the host, after bounded retries', async () => {
      const port = await closedPort();
      const { client, logger } = makeClient({ url: `http://127.0.0.1:${port}` }, { maxRetries: 2, retryBaseDelayMs: 1 });
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.match(error.message, /ECONNREFUSED/);
      // One attempt plus exactly maxRetries retries, each logged.
      const attempts = logger.lines.filter((line) => /^GET \/file\/customaudio → NetworkError/.test(line.message));
      assert.equal(attempts.length, 3, logger.text());
      assert.equal(logger.lines.filter((line) => /retry \d of 2/.test(line.message)).length, 2, logger.text());
    });

    it('a server that drops every connection → NetworkError after exactly 1 + maxRetries attempts', async () => {
      let attempts = 0;
      const dropping = http.createServer((req) => {
        attempts++;
        req.socket.destroy();
      });
      await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
      try {
        const { client } = makeClient({ url: `http://127.0.0.1:${(dropping.address() as AddressInfo).port}` }, { maxRetries: 2, retryBaseDelayMs: 1 });
        const error = await rejection(client.listMedia());
        assert.ok(error instanceof NetworkError, String(error));
        assert.equal(attempts, 3);
      } finally {
        await new Promise<void>((resolve) => dropping.close(() => resolve()));
      }
    });

    it('latency above timeoutMs → TimeoutError', async () => {
      const { client } = makeClient(emulator, { timeoutMs: 200, maxRetries: 0 });
      emulator.control.setLatency(1_500);
      const error = await rejection(client.listTags());
      assert.ok(error instanceof TimeoutError, String(error));
    });

    it('an abort during the backoff wait → CancelledError promptly', async () => {
      const { client } = makeClient(emulator, { maxRetries: 3, retryBaseDelayMs: 20_000 });
      emulator.control.failNext(5, 500, { path: LIST_PATH });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      const error = await rejection(client.listMedia({ signal: controller.signal }));
      assert.ok(error instanceof CancelledError, String(error));
      assert.ok(Date.now() - started < 2_000);
    });

    it('an abort during a slow request → CancelledError promptly', async () => {
      const { client } = makeClient(emulator);
      emulator.control.setLatency(4_000);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const error = await rejection(client.listTags({ signal: controller.signal }));
      assert.ok(error instanceof CancelledError, String(error));
      assert.ok(Date.now() - started < 2_000);
    });
  });

  describe('input validation', () => {
    it('refuses malformed keys without echoing them', () => {
      const short = 'abc123abc123';
      const spaced = `${'k'.repeat(20)} ${'k'.repeat(20)}`;
      for (const apiKey of [short, spaced, '']) {
        let thrown: unknown;
        try {
          new ApiAudioClient({ apiKey, userAgent: 't' });
        } catch (error) {
          thrown = error;
        }
        assert.ok(thrown instanceof InvalidInputError, `${String(thrown)} for ${JSON.stringify(apiKey)}`);
        if (apiKey) {
          assert.equal(thrown.message.includes(apiKey), false);
        }
      }
      assert.match(validateApiKeyFormat(short) ?? '', /at least 32 characters/);
      assert.match(validateApiKeyFormat(spaced) ?? '', /spaces/);
      assert.equal(validateApiKeyFormat(TEST_KEY), undefined);
    });

    it('refuses an empty mediaId before sending anything', async () => {
      const { client } = makeClient(emulator);
      assert.ok((await rejection(client.deleteMedia('  '))) instanceof InvalidInputError);
      assert.ok((await rejection(client.getDownloadUrl(''))) instanceof InvalidInputError);
      assert.equal(apiRequests().length, 0);
    });
  });
});

describe('ApiAudioClient listing normalisation (ad-hoc server)', () => {
  let server: http.Server;
  let body = '';
  before(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fills in missing tags, drops items without a mediaId, and keeps unknown fields', async () => {
    body = JSON.stringify({
      savedAudioFiles: [
        { mediaId: 'a1', filename: 'one.mp3' },
        { filename: 'no-id.mp3', tags: ['x'] },
        { mediaId: 'b2', filename: 'two.wav', tags: ['t'], lengthSeconds: 3, owner: { name: 'n' } },
      ],
      totalCount: 3,
    });
    const { client } = makeClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const listing = await client.listMedia();
    assert.deepEqual(listing.items.map((item) => ({ ...item, metadata: { ...item.metadata } })), [
      { mediaId: 'a1', filename: 'one.mp3', tags: [], metadata: {} },
      { mediaId: 'b2', filename: 'two.wav', tags: ['t'], metadata: { lengthSeconds: 3, owner: { name: 'n' } } },
    ]);
    assert.equal(listing.totalCount, 3);
  });

  it('answers {} with an empty listing and [] tags', async () => {
    body = '{}';
    const { client } = makeClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    assert.deepEqual(await client.listMedia(), { items: [], totalCount: 0 });
    assert.deepEqual(await client.listTags(), []);
  });

  it('rejects a body of the wrong shape with BadResponseError', async () => {
    body = '{"savedAudioFiles":"nope"}';
    const { client } = makeClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    assert.ok((await rejection(client.listMedia())) instanceof BadResponseError);
  });
});

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
