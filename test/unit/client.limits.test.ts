// Limits that protect the window from a broken or hostile server: every body read with a
// cap (error answers only quoted), compressed answers refused, every retry and wait inside
// an overall budget, transfers slower than the floor stopped.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import {
  BODY_LIMITS,
  BadRequestError,
  BadResponseError,
  PresignedUrlError,
  RateLimitedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
} from '../../src/api';
import { RequestLifetime } from '../../src/api/lifetime';
import { adHocServer, partFiles, useClientSuite, writeTempFile } from './clientHarness';

describe('ApiAudioClient limits', function () {
  this.timeout(30_000);
  const env = useClientSuite();

  describe('bounded reading', () => {
    it('asks the API and storage for uncompressed answers only', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'plain.mp3', bytes: randomBytes(1000) });
      await client.listTags();
      await client.download(mediaId, env.dir);
      const encodings = env.emulator.control.requests.map((r) => r.headers['accept-encoding']);
      assert.ok(encodings.length >= 3);
      for (const encoding of encodings) assert.equal(encoding, 'identity');
    });

    it('refuses a gzip bomb it never asked for, without inflating it', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
      env.emulator.control.respondHostile('gzip-bomb', { bytes: 64 * 1024 * 1024 });
      const started = Date.now();
      const error = await env.rejection(client.listMedia());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /compressed \(gzip\) body it was not asked for/);
      assert.ok(Date.now() - started < 5_000);
    });

    it('an endless JSON listing fails with ResponseTooLargeError at the listing cap', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 0, timeoutMs: 20_000 });
      env.emulator.control.respondHostile('endless-json');
      const error = await env.rejection(client.listMedia());
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.equal(error.limitBytes, BODY_LIMITS.listing);
      assert.match(error.message, /more than 48 MB/);
    });

    it('a listing announced larger than the cap is refused before its body is read', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
      env.emulator.control.respondHostile('huge-listing', { bytes: 300 * 1024 * 1024, announceLength: true });
      const started = Date.now();
      const error = await env.rejection(client.listMedia());
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.ok(Date.now() - started < 2_000, 'must not read 300 MB first');
    });

    it('other API answers are capped at 1 MiB, the listing is not', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
      env.emulator.control.respondHostile('huge-listing', { bytes: 2 * 1024 * 1024 });
      const tagsError = await env.rejection(client.listTags());
      assert.ok(tagsError instanceof ResponseTooLargeError, String(tagsError));
      assert.match(tagsError.message, /more than 1.0 MB/);
      env.emulator.control.respondHostile('huge-listing', { bytes: 2 * 1024 * 1024 });
      const listing = await client.listMedia();
      assert.ok(listing.items.length > 20_000);
    });

    for (const announceLength of [false, true]) {
      it(`a 10 MB error answer ${announceLength ? 'announced by Content-Length' : 'sent chunked'} reports its status and the start of its message`, async () => {
        const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
        const bytes = 10 * 1024 * 1024;
        env.emulator.control.respondHostile('huge-error', { status: 400, message: 'Tag names may not contain a comma.', bytes, announceLength });
        const tagsError = await env.rejection(client.listTags());
        assert.ok(tagsError instanceof BadRequestError, String(tagsError));
        assert.equal(tagsError.status, 400);
        assert.match(tagsError.message, /refused GET \/file\/customaudio\/tags \(400\): Tag names may not contain a comma\. and so on and so on/);
        assert.ok(tagsError.message.length < 1_000, 'only the first part of the message is quoted');
        env.emulator.control.respondHostile('huge-error', { status: 503, message: 'Maintenance until 10:00 UTC.', bytes, announceLength });
        const listError = await env.rejection(client.listMedia());
        assert.ok(listError instanceof ServerError, String(listError));
        assert.match(listError.message, /server error \(503\): Maintenance until 10:00 UTC\./);
      });
    }

    it('a huge XML 403 on a download is quoted from its first few KB only', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'forbidden.mp3', bytes: randomBytes(1000) });
      env.emulator.control.objectHostile('huge-xml-403', { bytes: 1536 * 1024 * 1024 });
      const started = Date.now();
      const error = await env.rejection(client.download(mediaId, env.dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.ok(error.message.length < 1_000);
      assert.ok(Date.now() - started < 5_000);
      assert.deepEqual(await partFiles(env.dir), []);
    });

    it('closes the connection of a body over its cap (the socket is released)', async () => {
      let closed: Promise<void> | undefined;
      const server = await adHocServer((_req, res) => {
        closed = new Promise((resolve) => res.once('close', () => resolve()));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const block = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (!res.destroyed && res.write(block));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      });
      try {
        const { client } = env.makeClient(server, { maxRetries: 0 });
        const error = await env.rejection(client.listTags());
        assert.ok(error instanceof ResponseTooLargeError, String(error));
        assert.ok(closed);
        await closed;
      } finally {
        await server.close();
      }
    });

    it('an upload whose storage answer is a huge error body fails from its first KB', async () => {
      const file = await writeTempFile(env.dir, 'huge-error.mp3', randomBytes(10_000));
      const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
      env.emulator.control.failNext(1, 400, { path: /^\/s3\//, body: `<Error><Code>InvalidArgument</Code><Message>${'x'.repeat(2_000_000)}</Message></Error>` });
      const error = await env.rejection(client.upload(file));
      assert.ok(error instanceof BadRequestError, String(error));
      assert.match(error.message, /InvalidArgument/);
      assert.ok(error.message.length < 1_000);
    });
  });

  describe('overall deadlines', () => {
    it('repeated 429 with Retry-After gives up within the retry budget and says how long it was asked to wait', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 10, retryBudgetMs: 1_500 });
      env.emulator.control.failNext(20, 429, { path: '/file/customaudio/tags', headers: { 'Retry-After': '1' } });
      const started = Date.now();
      const error = await env.rejection(client.listTags());
      const elapsed = Date.now() - started;
      assert.ok(error instanceof RateLimitedError, String(error));
      assert.match(error.message, /asks to wait 1 s/);
      assert.match(error.message, /Gave up after 2 attempts in 1(\.\d)? s/);
      assert.ok(elapsed < 2_500, `took ${elapsed} ms`);
    });

    it('a Retry-After longer than the budget is not waited for at all', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 5, retryBudgetMs: 5_000 });
      env.emulator.control.failNext(5, 429, { path: '/file/customaudio/tags', headers: { 'Retry-After': '59' } });
      const started = Date.now();
      const error = await env.rejection(client.listTags());
      assert.ok(error instanceof RateLimitedError);
      assert.match(error.message, /asks to wait 59 s/);
      assert.ok(Date.now() - started < 1_000);
      assert.equal(env.emulator.control.requests.length, 1);
    });

    it('backoff after server errors is bounded by the same budget', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 10, retryBaseDelayMs: 200, retryBudgetMs: 700 });
      env.emulator.control.failNext(20, 503, { path: '/file/customaudio/tags' });
      const started = Date.now();
      const error = await env.rejection(client.listTags());
      assert.ok(error instanceof ServerError, String(error));
      assert.match(error.message, /Gave up after \d+ attempts/);
      assert.ok(Date.now() - started < 1_500);
      assert.ok(env.emulator.control.requests.length < 5);
    });

    it('a trickling download fails once throughput stays under the floor, and leaves nothing behind', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 0, minThroughputBytesPerSecond: 1_000, throughputWindowMs: 400 });
      const mediaId = env.emulator.control.addMedia({ filename: 'trickle.mp3', bytes: randomBytes(50_000) });
      env.emulator.control.objectHostile('trickle', { intervalMs: 50 });
      const started = Date.now();
      const error = await env.rejection(client.download(mediaId, env.dir));
      assert.ok(error instanceof TimeoutError, String(error));
      assert.match(error.message, /slower than 1000 B\/s for 0\.4 s/);
      assert.ok(Date.now() - started < 3_000);
      assert.deepEqual(await fs.readdir(env.dir), []);
    });

    it('a slow download above the floor completes', async () => {
      const { client } = env.makeClient(env.emulator, { minThroughputBytesPerSecond: 1_000, throughputWindowMs: 300 });
      const bytes = randomBytes(150_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'slow-ok.mp3', bytes });
      env.emulator.control.throttle(200_000);
      const result = await client.download(mediaId, env.dir);
      assert.ok((await fs.readFile(result)).equals(bytes));
    });

    it('an upload storage accepts too slowly fails on the floor', async () => {
      const file = await writeTempFile(env.dir, 'slow-up.mp3', randomBytes(3_000_000));
      const { client } = env.makeClient(env.emulator, { maxRetries: 0, minThroughputBytesPerSecond: 5_000_000, throughputWindowMs: 500 });
      env.emulator.control.throttle(50_000);
      const error = await env.rejection(client.upload(file));
      assert.ok(error instanceof TimeoutError, String(error));
      assert.match(error.message, /slower than/);
    });

    it('RequestLifetime aborts with reason "slow" when a window passes under the floor', async () => {
      const lifetime = new RequestLifetime(undefined, 60_000, true, { bytesPerSecond: 10_000, windowMs: 50 });
      lifetime.touch(100);
      await new Promise<void>((resolve) => lifetime.signal.addEventListener('abort', () => resolve()));
      assert.equal(lifetime.reason, 'slow');
      lifetime.dispose();
    });
  });
});
