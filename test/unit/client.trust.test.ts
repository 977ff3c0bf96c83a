// A hostile or broken server (issue 8): resume only the same object, bounded reads,
// overall deadlines, local file errors first, redaction of echoes, sanitised server text,
// refused web pages and redirects, validated settings, leftover part files. Every case
// runs against the emulator's fault injection (or a small ad-hoc server) over real sockets.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs, truncateSync, appendFileSync, unlinkSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import {
  ApiAudioClient,
  BadRequestError,
  BadResponseError,
  DestinationExistsError,
  InvalidInputError,
  PresignedUrlError,
  RateLimitedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  BODY_LIMITS,
  redact,
  sanitizeServerText,
  validateAssumeOrgId,
} from '../../src/api';
import { resolveRedirect, parseS3Error } from '../../src/api/http';
import { RequestLifetime } from '../../src/api/lifetime';
import { isPartFileName, sweepStalePartFiles } from '../../src/api/partFiles';
import { secretsOfUrl } from '../../src/api/redact';
import {
  TEST_KEY,
  makeClient,
  makeTempDir,
  partFiles,
  recorded,
  rejection,
  startTestEmulator,
  writeTempFile,
  type TestEmulator,
} from './clientHarness';

const objectGets = (emulator: TestEmulator) => emulator.control.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/s3/'));
const objectPuts = (emulator: TestEmulator) => emulator.control.requests.filter((r) => r.method === 'PUT');

interface AdHoc {
  url: string;
  close(): Promise<void>;
}

async function adHocServer(handler: http.RequestListener): Promise<AdHoc> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('ApiAudioClient trust: hostile or broken server (issue 8)', function () {
  this.timeout(30_000);
  let emulator: TestEmulator;
  let dir: string;

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.control.reset();
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe('resume only the same object', () => {
    it('a download broken half-way while the object is replaced yields the new file entire, never a splice', async () => {
      const { client } = makeClient(emulator, { retryBaseDelayMs: 1 });
      const oldBytes = randomBytes(600_000);
      const newBytes = randomBytes(500_000);
      const mediaId = emulator.control.addMedia({ filename: 'replaced.mp3', bytes: oldBytes });
      emulator.control.dropConnectionAfter(300_000, { method: 'GET', replaceWith: newBytes });
      const result = await client.download(mediaId, dir);
      const saved = await fs.readFile(result);
      assert.ok(saved.equals(newBytes), `saved ${saved.length} bytes that are not the new version`);
      const gets = objectGets(emulator);
      assert.equal(gets.length, 2);
      assert.match(String(gets[1].headers['if-range']), /^"[0-9a-f]{32}"$/, 'the resume must name the first version');
      assert.deepEqual(await partFiles(dir), []);
    });

    it('a download broken half-way on an unchanged object resumes with Range and If-Range (206)', async () => {
      const { client } = makeClient(emulator, { retryBaseDelayMs: 1 });
      const bytes = randomBytes(600_000);
      const mediaId = emulator.control.addMedia({ filename: 'same.mp3', bytes });
      emulator.control.dropConnectionAfter(250_000, { method: 'GET' });
      const result = await client.download(mediaId, dir);
      assert.ok((await fs.readFile(result)).equals(bytes));
      const gets = objectGets(emulator);
      assert.equal(gets.length, 2);
      assert.match(String(gets[1].headers.range), /^bytes=\d+-$/);
      assert.equal(gets[1].headers['if-range'], `"${gets.length && (await etagOf(emulator, mediaId))}"`);
    });

    it('the emulator honours If-Range like S3: another version answers 200 with the whole object', async () => {
      const bytes = randomBytes(10_000);
      const mediaId = emulator.control.addMedia({ filename: 'ifrange.mp3', bytes });
      const url = emulator.control.signUrl(mediaId);
      const mismatch = await rawGet(url, { Range: 'bytes=100-', 'If-Range': '"not-this-version"' });
      assert.equal(mismatch.status, 200);
      assert.equal(mismatch.body.length, bytes.length);
      const match = await rawGet(url, { Range: 'bytes=100-', 'If-Range': mismatch.headers.etag as string });
      assert.equal(match.status, 206);
      assert.ok(match.body.equals(bytes.subarray(100)));
      const byDate = await rawGet(url, { Range: 'bytes=100-', 'If-Range': mismatch.headers['last-modified'] as string });
      assert.equal(byDate.status, 206);
    });

    it('a 206 carrying another ETag is not appended: the download restarts from zero', async () => {
      const v1 = randomBytes(300_000);
      const v2 = randomBytes(280_000);
      let count = 0;
      const server = await adHocServer((req, res) => {
        count++;
        if (count === 1) {
          res.writeHead(200, { 'Content-Length': String(v1.length), ETag: '"v1"' });
          res.write(v1.subarray(0, 100_000), () => res.socket?.destroy());
        } else if (count === 2) {
          // A broken server: ignores If-Range and sends a part of the new version.
          const from = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
          res.writeHead(206, { 'Content-Range': `bytes ${from}-${v2.length - 1}/${v2.length}`, 'Content-Length': String(v2.length - from), ETag: '"v2"' });
          res.end(v2.subarray(from));
        } else {
          res.writeHead(200, { 'Content-Length': String(v2.length), ETag: '"v2"' });
          res.end(v2);
        }
      });
      try {
        const { client } = makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1 });
        const result = await client.download(`${server.url}/b/etag.mp3?Signature=x`, dir);
        assert.ok((await fs.readFile(result)).equals(v2));
        assert.equal(count, 3);
      } finally {
        await server.close();
      }
    });

    it('without ETag or Last-Modified a broken download starts over instead of asking for a range', async () => {
      const bytes = randomBytes(200_000);
      const ranges: Array<string | undefined> = [];
      const server = await adHocServer((req, res) => {
        ranges.push(req.headers.range);
        res.writeHead(200, { 'Content-Length': String(bytes.length) });
        if (ranges.length === 1) res.write(bytes.subarray(0, 50_000), () => res.socket?.destroy());
        else res.end(bytes);
      });
      try {
        const { client } = makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1 });
        const result = await client.download(`${server.url}/b/novalidator.mp3`, dir);
        assert.ok((await fs.readFile(result)).equals(bytes));
        assert.deepEqual(ranges, [undefined, undefined]);
      } finally {
        await server.close();
      }
    });

    it('with a weak ETag the resume is guarded by Last-Modified', async () => {
      const bytes = randomBytes(200_000);
      const lastModified = new Date(Date.UTC(2024, 0, 2)).toUTCString();
      const seen: Array<string | undefined> = [];
      const server = await adHocServer((req, res) => {
        seen.push(req.headers['if-range'] as string | undefined);
        if (seen.length === 1) {
          res.writeHead(200, { 'Content-Length': String(bytes.length), ETag: 'W/"weak"', 'Last-Modified': lastModified });
          res.write(bytes.subarray(0, 80_000), () => res.socket?.destroy());
          return;
        }
        const from = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
        res.writeHead(206, { 'Content-Range': `bytes ${from}-${bytes.length - 1}/${bytes.length}`, 'Content-Length': String(bytes.length - from), 'Last-Modified': lastModified });
        res.end(bytes.subarray(from));
      });
      try {
        const { client } = makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1 });
        const result = await client.download(`${server.url}/b/weak.mp3`, dir);
        assert.ok((await fs.readFile(result)).equals(bytes));
        assert.deepEqual(seen, [undefined, lastModified]);
      } finally {
        await server.close();
      }
    });
  });

  describe('bounded reading', () => {
    it('asks the API and storage for uncompressed answers only', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'plain.mp3', bytes: randomBytes(1000) });
      await client.listTags();
      await client.download(mediaId, dir);
      const encodings = emulator.control.requests.map((r) => r.headers['accept-encoding']);
      assert.ok(encodings.length >= 3);
      for (const encoding of encodings) assert.equal(encoding, 'identity');
    });

    it('refuses a gzip bomb it never asked for, without inflating it', async () => {
      const { client } = makeClient(emulator, { maxRetries: 0 });
      emulator.control.respondHostile('gzip-bomb', { bytes: 64 * 1024 * 1024 });
      const started = Date.now();
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /compressed \(gzip\) body it was not asked for/);
      assert.ok(Date.now() - started < 5_000);
    });

    it('an endless JSON listing fails with ResponseTooLargeError at the listing cap', async () => {
      const { client } = makeClient(emulator, { maxRetries: 0, timeoutMs: 20_000 });
      emulator.control.respondHostile('endless-json');
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.equal(error.limitBytes, BODY_LIMITS.listing);
      assert.match(error.message, /more than 48 MB/);
    });

    it('a listing announced larger than the cap is refused before its body is read', async () => {
      const { client } = makeClient(emulator, { maxRetries: 0 });
      emulator.control.respondHostile('huge-listing', { bytes: 300 * 1024 * 1024, announceLength: true });
      const started = Date.now();
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.ok(Date.now() - started < 2_000, 'must not read 300 MB first');
    });

    it('other API answers are capped at 1 MiB, the listing is not', async () => {
      const { client } = makeClient(emulator, { maxRetries: 0 });
      emulator.control.respondHostile('huge-listing', { bytes: 2 * 1024 * 1024 });
      const tagsError = await rejection(client.listTags());
      assert.ok(tagsError instanceof ResponseTooLargeError, String(tagsError));
      assert.match(tagsError.message, /more than 1.0 MB/);
      emulator.control.respondHostile('huge-listing', { bytes: 2 * 1024 * 1024 });
      const listing = await client.listMedia();
      assert.ok(listing.items.length > 20_000);
    });

    for (const announceLength of [false, true]) {
      it(`a 10 MB error answer ${announceLength ? 'announced by Content-Length' : 'sent chunked'} reports its status and the start of its message`, async () => {
        const { client } = makeClient(emulator, { maxRetries: 0 });
        const bytes = 10 * 1024 * 1024;
        emulator.control.respondHostile('huge-error', { status: 400, message: 'Tag names may not contain a comma.', bytes, announceLength });
        const tagsError = await rejection(client.listTags());
        assert.ok(tagsError instanceof BadRequestError, String(tagsError));
        assert.equal(tagsError.status, 400);
        assert.match(tagsError.message, /refused GET \/file\/customaudio\/tags \(400\): Tag names may not contain a comma\. and so on and so on/);
        assert.ok(tagsError.message.length < 1_000, 'only the first part of the message is quoted');
        emulator.control.respondHostile('huge-error', { status: 503, message: 'Maintenance until 10:00 UTC.', bytes, announceLength });
        const listError = await rejection(client.listMedia());
        assert.ok(listError instanceof ServerError, String(listError));
        assert.match(listError.message, /server error \(503\): Maintenance until 10:00 UTC\./);
      });
    }

    it('a huge XML 403 on a download is quoted from its first few KB only', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'forbidden.mp3', bytes: randomBytes(1000) });
      emulator.control.objectHostile('huge-xml-403', { bytes: 1536 * 1024 * 1024 });
      const started = Date.now();
      const error = await rejection(client.download(mediaId, dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.ok(error.message.length < 1_000);
      assert.ok(Date.now() - started < 5_000);
      assert.deepEqual(await partFiles(dir), []);
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
        const { client } = makeClient(server, { maxRetries: 0 });
        const error = await rejection(client.listTags());
        assert.ok(error instanceof ResponseTooLargeError, String(error));
        assert.ok(closed);
        await closed;
      } finally {
        await server.close();
      }
    });

    it('an upload whose storage answer is a huge error body fails from its first KB', async () => {
      const file = await writeTempFile(dir, 'huge-error.mp3', randomBytes(10_000));
      const { client } = makeClient(emulator, { maxRetries: 0 });
      emulator.control.failNext(1, 400, { path: /^\/s3\//, body: `<Error><Code>InvalidArgument</Code><Message>${'x'.repeat(2_000_000)}</Message></Error>` });
      const error = await rejection(client.upload(file));
      assert.ok(error instanceof BadRequestError, String(error));
      assert.match(error.message, /InvalidArgument/);
      assert.ok(error.message.length < 1_000);
    });
  });

  describe('overall deadlines', () => {
    it('repeated 429 with Retry-After gives up within the retry budget and says how long it was asked to wait', async () => {
      const { client } = makeClient(emulator, { maxRetries: 10, retryBudgetMs: 1_500 });
      emulator.control.failNext(20, 429, { path: '/file/customaudio/tags', headers: { 'Retry-After': '1' } });
      const started = Date.now();
      const error = await rejection(client.listTags());
      const elapsed = Date.now() - started;
      assert.ok(error instanceof RateLimitedError, String(error));
      assert.match(error.message, /asks to wait 1 s/);
      assert.match(error.message, /Gave up after 2 attempts in 1(\.\d)? s/);
      assert.ok(elapsed < 2_500, `took ${elapsed} ms`);
    });

    it('a Retry-After longer than the budget is not waited for at all', async () => {
      const { client } = makeClient(emulator, { maxRetries: 5, retryBudgetMs: 5_000 });
      emulator.control.failNext(5, 429, { path: '/file/customaudio/tags', headers: { 'Retry-After': '59' } });
      const started = Date.now();
      const error = await rejection(client.listTags());
      assert.ok(error instanceof RateLimitedError);
      assert.match(error.message, /asks to wait 59 s/);
      assert.ok(Date.now() - started < 1_000);
      assert.equal(emulator.control.requests.length, 1);
    });

    it('backoff after server errors is bounded by the same budget', async () => {
      const { client } = makeClient(emulator, { maxRetries: 10, retryBaseDelayMs: 200, retryBudgetMs: 700 });
      emulator.control.failNext(20, 503, { path: '/file/customaudio/tags' });
      const started = Date.now();
      const error = await rejection(client.listTags());
      assert.ok(error instanceof ServerError, String(error));
      assert.match(error.message, /Gave up after \d+ attempts/);
      assert.ok(Date.now() - started < 1_500);
      assert.ok(emulator.control.requests.length < 5);
    });

    it('a trickling download fails once throughput stays under the floor, and leaves nothing behind', async () => {
      const { client } = makeClient(emulator, { maxRetries: 0, minThroughputBytesPerSecond: 1_000, throughputWindowMs: 400 });
      const mediaId = emulator.control.addMedia({ filename: 'trickle.mp3', bytes: randomBytes(50_000) });
      emulator.control.objectHostile('trickle', { intervalMs: 50 });
      const started = Date.now();
      const error = await rejection(client.download(mediaId, dir));
      assert.ok(error instanceof TimeoutError, String(error));
      assert.match(error.message, /slower than 1000 B\/s for 0\.4 s/);
      assert.ok(Date.now() - started < 3_000);
      assert.deepEqual(await fs.readdir(dir), []);
    });

    it('a slow download above the floor completes', async () => {
      const { client } = makeClient(emulator, { minThroughputBytesPerSecond: 1_000, throughputWindowMs: 300 });
      const bytes = randomBytes(150_000);
      const mediaId = emulator.control.addMedia({ filename: 'slow-ok.mp3', bytes });
      emulator.control.throttle(200_000);
      const result = await client.download(mediaId, dir);
      assert.ok((await fs.readFile(result)).equals(bytes));
    });

    it('an upload storage accepts too slowly fails on the floor', async () => {
      const file = await writeTempFile(dir, 'slow-up.mp3', randomBytes(3_000_000));
      const { client } = makeClient(emulator, { maxRetries: 0, minThroughputBytesPerSecond: 5_000_000, throughputWindowMs: 500 });
      emulator.control.throttle(50_000);
      const error = await rejection(client.upload(file));
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

  describe('local file errors win', () => {
    const cases: Array<[string, (file: string) => void, RegExp]> = [
      ['shrinks', (file) => truncateSync(file, 1_000), /shrank during the upload/],
      ['grows', (file) => appendFileSync(file, randomBytes(1_000)), /grew during the upload/],
      ['is deleted', (file) => unlinkSync(file), /deleted during the upload/],
    ];
    for (const [what, change, message] of cases) {
      it(`a file that ${what} during the upload is reported as such at once, and not stored`, async () => {
        const file = await writeTempFile(dir, `changing-${what.replace(/\s/g, '-')}.mp3`, randomBytes(4_000_000));
        const { client } = makeClient(emulator, { timeoutMs: 20_000 });
        let changed = false;
        const started = Date.now();
        const error = await rejection(
          client.upload(file, {
            onProgress: (progress) => {
              if (!changed && progress.transferred > 0) {
                changed = true;
                change(file);
              }
            },
          }),
        );
        assert.ok(error instanceof InvalidInputError, String(error));
        assert.match(error.message, message);
        assert.ok(Date.now() - started < 5_000, 'not a timeout');
        assert.equal(objectPuts(emulator).length, 1, 'a local file error is not retried');
        const uploadId = emulator.control.requests.find((r) => r.path.endsWith('/uploadurl'));
        assert.ok(uploadId);
        assert.equal(emulator.control.listStored().some((m) => m.filename === path.basename(file)), false);
      });
    }
  });

  describe('redaction of echoes, and server text', () => {
    it('an S3 403 that quotes the signature in <Message> and <StringToSign> leaks nothing', async () => {
      const { client, logger } = makeClient(emulator, { maxRetries: 0 });
      const mediaId = emulator.control.addMedia({ filename: 'echo.mp3', bytes: randomBytes(1000) });
      const url = emulator.control.signUrl(mediaId);
      const signature = new URL(url).searchParams.get('Signature') ?? '';
      const access = new URL(url).searchParams.get('AWSAccessKeyId') ?? '';
      assert.ok(signature.length > 10 && access.length > 4);
      emulator.control.objectHostile('echo-403');
      const error = await rejection(client.download(url, dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.match(error.message, /SignatureDoesNotMatch/);
      for (const text of [error.message, logger.text()]) {
        assert.equal(text.includes(signature), false, text);
        assert.equal(text.includes(encodeURIComponent(signature)), false, text);
        assert.equal(text.includes(access), false, text);
      }
    });

    it('a security token echoed in an XML message is redacted', async () => {
      const token = `IQoJb3JpZ2luX2VjE${randomBytes(40).toString('base64url')}`;
      recorded.secrets.add(token);
      const mediaId = emulator.control.addMedia({ filename: 'token.mp3', bytes: randomBytes(1000) });
      const url = `${emulator.control.signUrl(mediaId)}&X-Amz-Security-Token=${encodeURIComponent(token)}`;
      const { client, logger } = makeClient(emulator, { maxRetries: 0 });
      emulator.control.objectHostile('echo-403');
      const error = await rejection(client.download(url, dir));
      assert.ok(error instanceof PresignedUrlError);
      assert.equal(error.message.includes(token), false, error.message);
      assert.equal(logger.text().includes(token), false);
    });

    it('a signature the client has seen is redacted wherever it appears afterwards, not only in its query position', async () => {
      const { client, logger } = makeClient(emulator, { maxRetries: 0 });
      const mediaId = emulator.control.addMedia({ filename: 'path-signed.mp3', bytes: randomBytes(1000) });
      emulator.control.signatureInPath();
      const error = await rejection(client.download(mediaId, dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      const signature = objectGets(emulator)[0]?.query.Signature ?? '';
      assert.ok(signature.length >= 20, 'the emulator signed the link');
      recorded.secrets.add(signature);
      assert.match(logger.text(), /\/REDACTED-path-signed\.mp3\?.*Signature=REDACTED/, 'the link was logged, its path redacted');
      // Later text that quotes the signature (a server message about another request).
      emulator.control.failNext(1, 400, { path: '/file/customaudio/tags', body: JSON.stringify({ message: `Unknown signature ${signature}` }) });
      const later = await rejection(client.listTags());
      assert.match(later.message, /Unknown signature REDACTED/);
      for (const text of [error.message, later.message, logger.text()]) {
        assert.equal(text.includes(signature), false, text);
        assert.equal(text.includes(encodeURIComponent(signature)), false, text);
      }
    });

    it('a presigned URL whose path carries the signature is logged with the path segment redacted', async () => {
      const signature = `${randomBytes(24).toString('hex')}`;
      recorded.secrets.add(signature);
      const bytes = randomBytes(2_000);
      const server = await adHocServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': String(bytes.length), 'Content-Type': 'audio/mpeg' });
        res.end(bytes);
      });
      try {
        const { client, logger } = makeClient({ url: 'http://127.0.0.1:9' });
        await client.download(`${server.url}/sig/${signature}/path-signed.mp3`, dir);
        assert.match(logger.text(), /\/sig\/REDACTED\/path-signed\.mp3/);
        assert.equal(logger.text().includes(signature), false);
      } finally {
        await server.close();
      }
    });

    it('a file-exists error whose server-chosen name carries the signature does not quote it', async () => {
      const signature = `Sig${randomBytes(16).toString('hex')}`;
      recorded.secrets.add(signature);
      const server = await adHocServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': '3' });
        res.end('abc');
      });
      try {
        await fs.writeFile(path.join(dir, `${signature}.mp3`), 'existing');
        const { client } = makeClient({ url: 'http://127.0.0.1:9' });
        const error = await rejection(client.download(`${server.url}/b/${signature}.mp3?Signature=${signature}`, dir, { onConflict: 'fail' }));
        assert.ok(error instanceof DestinationExistsError, String(error));
        assert.match(error.message, /REDACTED\.mp3 already exists/);
        assert.equal(error.message.includes(signature), false);
        assert.equal(error.existingPath.includes(signature), false);
      } finally {
        await server.close();
      }
    });

    it('CR/LF and ANSI escapes in a server message cannot forge log lines or colour the output', async () => {
      const { client, logger } = makeClient(emulator, { maxRetries: 0 });
      const evil = 'bad tag\r\n[error] api.audio: your key was revoked, paste it at http://evil.example\u001b[31mRED\u001b[0m\u001b]0;title\u0007';
      emulator.control.failNext(1, 400, { path: '/file/customaudio/tags', body: JSON.stringify({ message: evil }) });
      const error = await rejection(client.listTags());
      assert.ok(error instanceof BadRequestError);
      assert.doesNotMatch(error.message, /[\r\n\u001b\u0007]/);
      assert.match(error.message, /bad tag \[error\]/);
      assert.doesNotMatch(logger.text(), /\u001b/);
    });

    it('a Warning header with 900 values logs a handful of lines, and a client a bounded number in all', async () => {
      const { client, logger } = makeClient(emulator);
      // 900 distinct values in one header (kept under Node's 16 KiB header limit).
      const many = (round: number) => Array.from({ length: 900 }, (_, i) => `299 - "${round}w${i}"`).join(',');
      for (let i = 0; i < 5; i++) {
        emulator.control.failNext(1, 200, { path: '/file/customaudio/tags', body: '{"uniqueTags":[]}', headers: { Warning: many(i) } });
        await client.listTags();
      }
      const warnings = logger.lines.filter((line) => line.level === 'warn');
      assert.ok(warnings.length <= 11, `${warnings.length} warning lines`);
      assert.ok(warnings.length >= 3);
      assert.equal(warnings.filter((line) => /more warnings than are logged/.test(line.message)).length, 1);
    });

    it('a Warning value is sanitised and cut before it is logged', async () => {
      const { client, logger } = makeClient(emulator);
      emulator.control.failNext(1, 200, { path: '/file/customaudio/tags', body: '{"uniqueTags":[]}', headers: { Warning: `299 - "deprecated\tsoon ${'word '.repeat(400)}"` } });
      await client.listTags();
      const line = logger.lines.find((entry) => /api\.audio warning/.test(entry.message));
      assert.ok(line);
      assert.match(line.message, /^api\.audio warning: deprecated soon (word ?)+$/);
      assert.ok(line.message.length < 600);
    });

    it('item metadata is a prototype-free record: a "__proto__" key is only a key', async () => {
      const { client } = makeClient(emulator);
      const server = await adHocServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"savedAudioFiles":[{"mediaId":"p1","filename":"p.mp3","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":1}}}]}');
      });
      try {
        const { client: adHoc } = makeClient(server);
        const { items } = await adHoc.listMedia();
        const metadata = items[0].metadata;
        assert.equal(Object.getPrototypeOf(metadata), null);
        assert.deepEqual(Object.keys(metadata).sort(), ['__proto__', 'constructor']);
        assert.equal((metadata as Record<string, unknown>).polluted, undefined);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.ok(client);
      } finally {
        await server.close();
      }
    });
  });

  describe('web pages and redirects', () => {
    it('a download answered 200 text/html (captive portal) is refused, nothing kept, not retried', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'portal.mp3', bytes: randomBytes(1000) });
      emulator.control.objectHostile('html-200');
      const error = await rejection(client.download(mediaId, dir));
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /web page \(text\/html\) instead of the audio file; nothing was saved/);
      assert.deepEqual(await fs.readdir(dir), []);
      assert.equal(objectGets(emulator).length, 1);
    });

    it('a storage redirect to plain http: on another host is not followed', async () => {
      let hits = 0;
      const server = await adHocServer((_req, res) => {
        hits++;
        res.writeHead(307, { Location: 'http://192.0.2.1:9/stolen.mp3' });
        res.end();
      });
      try {
        const { client } = makeClient({ url: 'http://127.0.0.1:9' }, { maxRetries: 0 });
        const error = await rejection(client.download(`${server.url}/b/redirect.mp3?Signature=x`, dir));
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, /http:\/\/192\.0\.2\.1:9\/stolen\.mp3, which is not an https: address; it was not followed/);
        assert.equal(hits, 1);
        assert.deepEqual(await fs.readdir(dir), []);
      } finally {
        await server.close();
      }
    });

    it('a storage redirect to loopback http: (the emulator) is followed', async () => {
      const bytes = randomBytes(5_000);
      const server = await adHocServer((req, res) => {
        if (req.url?.startsWith('/first')) {
          res.writeHead(302, { Location: '/second/followed.mp3' });
          res.end();
          return;
        }
        res.writeHead(200, { 'Content-Length': String(bytes.length), 'Content-Type': 'audio/mpeg' });
        res.end(bytes);
      });
      try {
        const { client } = makeClient({ url: 'http://127.0.0.1:9' });
        const result = await client.download(`${server.url}/first/followed.mp3`, dir);
        assert.ok((await fs.readFile(result)).equals(bytes));
      } finally {
        await server.close();
      }
    });

    it('resolveRedirect allows https: and loopback http: only', () => {
      assert.equal(resolveRedirect('https://a.example/x', 'https://b.example/y'), 'https://b.example/y');
      assert.equal(resolveRedirect('http://127.0.0.1:1/x', '/y'), 'http://127.0.0.1:1/y');
      assert.equal(resolveRedirect('https://a.example/x', 'http://[::1]:5/y'), 'http://[::1]:5/y');
      assert.equal(resolveRedirect('https://a.example/x', 'http://b.example/y'), undefined);
      assert.equal(resolveRedirect('https://a.example/x', 'file:///etc/passwd'), undefined);
      assert.equal(resolveRedirect('https://a.example/x', 'ftp://b.example/y'), undefined);
    });
  });

  describe('settings refused before any request', () => {
    for (const [label, orgId] of [
      ['a line break', 'org-1\r\nx-api-key: stolen'],
      ['a control character', 'org\u0000one'],
      ['non-ASCII text', 'orgé'],
    ] as const) {
      it(`an assumeOrgId with ${label} is refused with InvalidInputError, nothing sent`, () => {
        const before = emulator.control.requests.length;
        assert.throws(
          () => new ApiAudioClient({ apiKey: TEST_KEY, baseUrl: emulator.url, userAgent: 't', assumeOrgId: orgId }),
          (error: unknown) => error instanceof InvalidInputError && /apiAudio\.assumeOrgId/.test(error.message),
        );
        assert.equal(emulator.control.requests.length, before);
      });
    }

    it('a key with a control character is refused with InvalidInputError', () => {
      assert.throws(
        () => new ApiAudioClient({ apiKey: `${TEST_KEY}\u007f`, baseUrl: emulator.url, userAgent: 't' }),
        (error: unknown) => error instanceof InvalidInputError && /control characters/.test(error.message) && !error.message.includes(TEST_KEY),
      );
    });

    it('validateAssumeOrgId accepts ordinary ids and empty values', () => {
      assert.equal(validateAssumeOrgId('org-123_abc'), undefined);
      assert.equal(validateAssumeOrgId(''), undefined);
      assert.equal(validateAssumeOrgId(undefined), undefined);
      assert.match(validateAssumeOrgId('a\nb') ?? '', /line breaks/);
    });
  });

  describe('leftover part files', () => {
    it('the next download into a folder removes our part files older than an hour, and nothing else', async () => {
      const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
      const stale = '.song.wav.0123456789ab.part';
      const fresh = '.other.mp3.abcdefabcdef.part';
      const foreign = ['.notours.part', 'song.wav.0123456789ab.part', '.x.mp3.0123456789ab.partial'];
      for (const name of [stale, fresh, ...foreign]) await fs.writeFile(path.join(dir, name), 'leftover');
      await fs.mkdir(path.join(dir, '.folder.mp3.0123456789ab.part'));
      for (const name of [stale, ...foreign, '.folder.mp3.0123456789ab.part']) await fs.utimes(path.join(dir, name), old, old);
      const { client, logger } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'next.mp3', bytes: randomBytes(1000) });
      await client.download(mediaId, dir);
      const left = (await fs.readdir(dir)).sort();
      assert.deepEqual(left, ['.folder.mp3.0123456789ab.part', fresh, ...foreign, 'next.mp3'].sort());
      assert.match(logger.text(), /Removed 1 unfinished download file\(s\)/);
    });

    /**
     * A window reload mid-body: the process stops and runs no clean-up. The body is frozen
     * after `afterBytes`, the files the download has beside its target are copied, the
     * download is cancelled (which cleans up), and the copies are put back.
     */
    async function killedDownload(mediaId: string, afterBytes: number): Promise<string[]> {
      emulator.control.dropConnectionAfter(afterBytes, { method: 'GET', hold: true });
      const { client } = makeClient(emulator, { maxRetries: 0 });
      const controller = new AbortController();
      let reached!: () => void;
      const written = new Promise<void>((resolve) => (reached = resolve));
      const download = client.download(mediaId, dir, {
        signal: controller.signal,
        onProgress: ({ transferred }) => transferred >= afterBytes && reached(),
      });
      await written;
      const left = new Map<string, Buffer>();
      for (const name of await fs.readdir(dir)) left.set(name, await fs.readFile(path.join(dir, name)));
      controller.abort();
      await rejection(download);
      for (const [name, bytes] of left) await fs.writeFile(path.join(dir, name), bytes);
      return [...left.keys()];
    }

    it('a download killed mid-body and repeated into the same folder resumes from its part file and leaves only the file', async () => {
      const bytes = randomBytes(300_000);
      const mediaId = emulator.control.addMedia({ filename: 'huge-take.wav', bytes });
      const left = await killedDownload(mediaId, 100_000);
      assert.ok(left.some((name) => isPartFileName(name)), `a part file was left: ${left.join(', ')}`);
      emulator.control.reset();
      const { client, logger } = makeClient(emulator);
      const saved = await client.download(mediaId, dir);
      assert.equal(saved, path.join(dir, 'huge-take.wav'));
      assert.ok((await fs.readFile(saved)).equals(bytes));
      assert.deepEqual(await fs.readdir(dir), ['huge-take.wav']);
      const gets = objectGets(emulator);
      assert.equal(gets.length, 1);
      assert.equal(gets[0].headers.range, 'bytes=100000-');
      assert.ok(gets[0].headers['if-range'], 'the resume names the version it continues');
      assert.match(logger.text(), /Resuming the unfinished download of huge-take\.wav from byte 100000/);
    });

    it('a download killed mid-body is started over when the file changed meanwhile, leaving only the new file', async () => {
      const mediaId = emulator.control.addMedia({ filename: 'changed.wav', bytes: randomBytes(300_000) });
      await killedDownload(mediaId, 100_000);
      const replacement = randomBytes(250_000);
      emulator.control.replaceObject(mediaId, replacement);
      emulator.control.reset();
      const { client } = makeClient(emulator);
      const saved = await client.download(mediaId, dir);
      assert.ok((await fs.readFile(saved)).equals(replacement));
      assert.deepEqual(await fs.readdir(dir), ['changed.wav']);
      assert.equal(objectGets(emulator)[0].headers.range, 'bytes=100000-', 'it asked to resume, and was given the new file whole');
    });

    it('a part file whose resume record is damaged is started over, leaving only the file', async () => {
      const bytes = randomBytes(200_000);
      const mediaId = emulator.control.addMedia({ filename: 'damaged.wav', bytes });
      const left = await killedDownload(mediaId, 50_000);
      const records = left.filter((name) => name.endsWith('.json'));
      assert.equal(records.length, 1, `one resume record: ${left.join(', ')}`);
      await fs.writeFile(path.join(dir, records[0]), `{"etag":${JSON.stringify('x'.repeat(100_000))}}`);
      emulator.control.reset();
      const { client } = makeClient(emulator);
      const saved = await client.download(mediaId, dir);
      assert.ok((await fs.readFile(saved)).equals(bytes));
      assert.deepEqual(await fs.readdir(dir), ['damaged.wav']);
      assert.equal(objectGets(emulator)[0].headers.range, undefined);
    });

    it('two downloads of the same item into the same folder at once both finish intact', async () => {
      const bytes = randomBytes(400_000);
      const mediaId = emulator.control.addMedia({ filename: 'twice.wav', bytes });
      emulator.control.throttle(2_000_000);
      const { client } = makeClient(emulator);
      const [first, second] = await Promise.all([
        client.download(mediaId, dir, { onConflict: 'rename' }),
        client.download(mediaId, dir, { onConflict: 'rename' }),
      ]);
      assert.deepEqual([first, second].map((p) => path.basename(p)).sort(), ['twice (1).wav', 'twice.wav']);
      for (const saved of [first, second]) assert.ok((await fs.readFile(saved)).equals(bytes), saved);
      assert.deepEqual((await fs.readdir(dir)).sort(), ['twice (1).wav', 'twice.wav']);
    });

    it('sweepStalePartFiles respects the age and only our pattern', async () => {
      const name = '.a.mp3.00112233aabb.part';
      await fs.writeFile(path.join(dir, name), 'x');
      assert.deepEqual(await sweepStalePartFiles(dir, 60_000), []);
      assert.deepEqual(await sweepStalePartFiles(dir, 60_000, Date.now() + 120_000), [name]);
      assert.equal(isPartFileName('.a.mp3.00112233aabb.part'), true);
      assert.equal(isPartFileName('.a.mp3.00112233AABB.part'), false);
      assert.equal(isPartFileName('a.mp3.00112233aabb.part'), false);
      assert.deepEqual(await sweepStalePartFiles(path.join(dir, 'missing')), []);
    });
  });

  describe('connections', () => {
    it('sequential API calls reuse one kept-alive connection (no private per-request agent)', async () => {
      const { client } = makeClient(emulator);
      for (let i = 0; i < 4; i++) await client.listTags();
      assert.equal(emulator.control.requests.length, 4);
      // At most one new connection (an earlier test's may still be kept alive).
      assert.ok(emulator.control.connectionCount() <= 1, `${emulator.control.connectionCount()} connections`);
    });

    it('a connection dropped mid-body is still detected promptly (no agent hook needed)', async () => {
      const { client } = makeClient(emulator, { maxRetries: 0, timeoutMs: 20_000 });
      const mediaId = emulator.control.addMedia({ filename: 'drop.mp3', bytes: randomBytes(400_000) });
      emulator.control.dropConnectionAfter(100_000, { method: 'GET' });
      const started = Date.now();
      const error = await rejection(client.download(mediaId, dir));
      assert.match(error.message, /dropped|ended after/);
      assert.ok(Date.now() - started < 2_000);
    });
  });
});

describe('redaction and sanitising helpers (issue 8)', () => {
  it('sanitizeServerText removes ANSI (CSI, OSC), control characters and bidi overrides', () => {
    assert.equal(sanitizeServerText('a\u001b[1;31mb\u001b[0m\u001b]8;;http://x\u0007c'), 'abc');
    assert.equal(sanitizeServerText('line1\r\nline2\tend\u0000'), 'line1 line2 end');
    assert.equal(sanitizeServerText('safe\u202egnp.exe'), 'safegnp.exe');
    assert.equal(sanitizeServerText('\u009b31mx'), 'x');
  });

  it('redact removes long tokens anywhere and signature-like URL path segments, keeping UUIDs and names', () => {
    const token = 'A'.repeat(60) + 'b1'.repeat(40);
    assert.equal(redact(`token ${token} end`), 'token REDACTED end');
    const sig = 'a1B2c3D4e5F6g7H8i9J0k1L2m3';
    assert.equal(redact(`GET https://cdn.example/x/${sig}/song-01.mp3`), 'GET https://cdn.example/x/REDACTED/song-01.mp3');
    const uuid = '123e4567-e89b-12d3-a456-426614174000';
    assert.equal(redact(`https://h.example/${uuid}/file.mp3`), `https://h.example/${uuid}/file.mp3`);
  });

  it('secretsOfUrl lists the secret query values and path signatures of one URL, not ordinary values', () => {
    const sig = 'Zx9'.repeat(10);
    const secrets = secretsOfUrl(`https://b.example/p/${sig}/a.mp3?AWSAccessKeyId=AKIAEXAMPLE&Signature=abc%2Bdef&Expires=1700000000&X-Amz-Security-Token=tok-123456789012345&name=song`);
    assert.ok(secrets.includes('AKIAEXAMPLE'));
    assert.ok(secrets.includes('abc+def'));
    assert.ok(secrets.includes('tok-123456789012345'));
    assert.ok(secrets.includes(sig));
    assert.equal(secrets.includes('1700000000'), false);
    assert.equal(secrets.includes('song'), false);
  });

  it('parseS3Error sanitises <Code> and <Message>', () => {
    const parsed = parseS3Error('<Error><Code>Access\u001b[31mDenied</Code><Message>line\r\nforged</Message></Error>');
    assert.deepEqual(parsed, { code: 'AccessDenied', message: 'line forged' });
  });
});

async function etagOf(emulator: TestEmulator, mediaId: string): Promise<string> {
  const response = await rawGet(emulator.control.signUrl(mediaId), {});
  return String(response.headers.etag).replace(/"/g, '');
}

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
