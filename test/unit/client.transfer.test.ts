// Upload and download against the emulator over real sockets: streaming PUT without the
// key, retries, atomic downloads with resume, conflict choices and cancellation.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as sinon from 'sinon';
import {
  CancelledError,
  DestinationExistsError,
  InvalidInputError,
  NetworkError,
  PresignedUrlError,
  ServerError,
  type TransferProgress,
} from '../../src/api';
import {
  makeClient,
  makeTempDir,
  partFiles,
  rejection,
  startTestEmulator,
  writeTempFile,
  type TestEmulator,
} from './clientHarness';

describe('ApiAudioClient transfers (emulator)', function () {
  let emulator: TestEmulator;
  let dir: string;

  before(async () => {
    emulator = await startTestEmulator({ strictContentType: true });
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

  const requestsTo = (method: string, prefix: string) =>
    emulator.control.requests.filter((request) => request.method === method && request.path.startsWith(prefix));

  describe('upload', () => {
    it('asks for an upload URL, then PUTs the bytes as audio/mpeg with Content-Length and no key', async () => {
      const { client } = makeClient(emulator, { assumeOrgId: 'upload-org' });
      const bytes = randomBytes(300_000);
      const file = await writeTempFile(dir, 'Voice Take.WAV', bytes);
      const progress: TransferProgress[] = [];

      const { mediaId } = await client.upload(file, { tags: [' podcast ', 'voice', 'podcast'], onProgress: (p) => progress.push(p) });

      const [urlRequest] = requestsTo('GET', '/file/customaudio/uploadurl');
      assert.deepEqual(urlRequest.query, { filename: 'Voice Take.WAV', tags: 'podcast,voice' });
      assert.equal(urlRequest.headers['x-assume-org'], 'upload-org');
      const puts = requestsTo('PUT', '/s3/');
      assert.equal(puts.length, 1);
      const put = puts[0].headers;
      assert.equal(put['content-type'], 'audio/mpeg');
      assert.equal(put['content-length'], String(bytes.length));
      assert.equal(put['x-api-key'], undefined);
      assert.equal(put['x-assume-org'], undefined);
      assert.equal(put.authorization, undefined);

      assert.ok(emulator.control.getStoredBytes(mediaId, 'upload-org')?.equals(bytes));
      assert.deepEqual(progress.at(-1), { transferred: bytes.length, total: bytes.length });
      const listing = await client.listMedia({ mediaId });
      assert.deepEqual(listing.items.map((item) => [item.filename, item.tags]), [['Voice Take.WAV', ['podcast', 'voice']]]);
    });

    it('uploads an empty file', async () => {
      const { client } = makeClient(emulator);
      const file = await writeTempFile(dir, 'empty.mp3', Buffer.alloc(0));
      const { mediaId } = await client.upload(file);
      assert.equal(emulator.control.getStoredBytes(mediaId)?.length, 0);
    });

    it('retries the PUT with a fresh stream after a dropped connection, never the upload URL', async () => {
      const { client } = makeClient(emulator);
      const bytes = randomBytes(500_000);
      const file = await writeTempFile(dir, 'retry.mp3', bytes);
      emulator.control.dropConnectionAfter(100_000, { method: 'PUT' });
      const { mediaId } = await client.upload(file);
      assert.equal(requestsTo('PUT', '/s3/').length, 2);
      assert.equal(requestsTo('GET', '/file/customaudio/uploadurl').length, 1);
      assert.ok(emulator.control.getStoredBytes(mediaId)?.equals(bytes));
    });

    it('retries the PUT on 5xx and gives up with ServerError after maxRetries', async () => {
      const { client } = makeClient(emulator, { maxRetries: 2 });
      const file = await writeTempFile(dir, 'fails.mp3', randomBytes(10_000));
      emulator.control.failNext(10, 500, { path: /^\/s3\//, body: '<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>' });
      const error = await rejection(client.upload(file));
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(requestsTo('PUT', '/s3/').length, 3);
      assert.equal(requestsTo('GET', '/file/customaudio/uploadurl').length, 1);
    });

    it('does not retry a failing upload-URL request (it mints a new mediaId each time)', async () => {
      const { client } = makeClient(emulator, { maxRetries: 3 });
      const file = await writeTempFile(dir, 'once.mp3', randomBytes(1_000));
      emulator.control.failNext(1, 503, { path: '/file/customaudio/uploadurl' });
      const error = await rejection(client.upload(file));
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(requestsTo('GET', '/file/customaudio/uploadurl').length, 1);
      assert.equal(requestsTo('PUT', '/s3/').length, 0);
    });

    it('an S3 XML 403 on the PUT → PresignedUrlError with S3’s code', async () => {
      const { client } = makeClient(emulator);
      const file = await writeTempFile(dir, 'denied.mp3', randomBytes(1_000));
      emulator.control.failNext(1, 403, {
        path: /^\/s3\//,
        body: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
        headers: { 'Content-Type': 'application/xml' },
      });
      const error = await rejection(client.upload(file));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.equal(error.s3Code, 'AccessDenied');
      assert.match(error.message, /expired/);
      assert.equal(requestsTo('PUT', '/s3/').length, 1);
    });

    it('refuses bad input with a message naming the file, before any request', async () => {
      const { client } = makeClient(emulator);
      const ok = await writeTempFile(dir, 'ok.mp3', Buffer.from('x'));
      const text = await writeTempFile(dir, 'notes.txt', Buffer.from('x'));
      await fs.mkdir(path.join(dir, 'folder.wav'));
      const cases: Array<[() => Promise<unknown>, RegExp]> = [
        [() => client.upload(path.join(dir, 'missing.wav')), /missing\.wav.*does not exist/],
        [() => client.upload(path.join(dir, 'folder.wav')), /folder\.wav.*folder/],
        [() => client.upload(text), /notes\.txt.*only \.wav and \.mp3/],
        [() => client.upload(ok, { tags: ['a,b'] }), /comma/],
        [() => client.upload(ok, { tags: ['  '] }), /empty/],
      ];
      for (const [start, message] of cases) {
        const error = await rejection(start());
        assert.ok(error instanceof InvalidInputError, String(error));
        assert.match(error.message, message);
      }
      assert.equal(emulator.control.requests.length, 0);
    });

    it('cancels mid-upload promptly with CancelledError and stores nothing', async () => {
      const { client } = makeClient(emulator);
      const file = await writeTempFile(dir, 'slow.wav', randomBytes(8_000_000));
      emulator.control.throttle(100_000); // 80 s for the whole file
      const controller = new AbortController();
      let abortedAt = 0;
      let putsAtAbort = 0;
      // Abort once the storage side is receiving the PUT: genuinely mid-upload.
      const onProgress = sinon.spy((progress: TransferProgress) => {
        if (progress.transferred > 0 && !abortedAt && requestsTo('PUT', '/s3/').length > 0) {
          abortedAt = Date.now();
          putsAtAbort = requestsTo('PUT', '/s3/').length;
          controller.abort();
        }
      });
      const before = emulator.control.listStored().length;
      const error = await rejection(client.upload(file, { signal: controller.signal, onProgress }));
      assert.ok(error instanceof CancelledError, String(error));
      assert.ok(abortedAt > 0 && Date.now() - abortedAt < 2_000, 'cancellation must be prompt');
      assert.equal(emulator.control.listStored().length, before);
      // On a loaded machine a stalled first attempt may have been retried before the
      // abort; what matters is that nothing is sent after it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(requestsTo('PUT', '/s3/').length, putsAtAbort, 'a cancelled PUT is not retried');
    });
  });

  describe('download', () => {
    it('downloads by mediaId under the server’s file name, byte-identical, without the key on the GET', async () => {
      const { client } = makeClient(emulator, { assumeOrgId: 'dl-org' });
      const bytes = randomBytes(250_000);
      const mediaId = emulator.control.addMedia({ filename: 'Theme Song.mp3', bytes, org: 'dl-org' });
      const progress = sinon.spy();

      const result = await client.download(mediaId, dir, { onProgress: progress });

      assert.equal(result, path.join(dir, 'Theme Song.mp3'));
      assert.ok((await fs.readFile(result)).equals(bytes));
      assert.deepEqual(await partFiles(dir), []);
      assert.deepEqual(progress.lastCall.args[0], { transferred: bytes.length, total: bytes.length });
      const [get] = requestsTo('GET', '/s3/');
      assert.equal(get.headers['x-api-key'], undefined);
      assert.equal(get.headers['x-assume-org'], undefined);
    });

    it('downloads from a presigned URL and sanitises hostile names', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'CON.mp3', bytes: Buffer.from('device') });
      const byUrl = await client.download(emulator.control.signUrl(mediaId), dir);
      assert.equal(byUrl, path.join(dir, '_CON.mp3'));

      const renamed = await client.download(mediaId, dir, { fileName: '../../etc/passwd' });
      assert.equal(path.dirname(renamed), dir);
      assert.equal(path.basename(renamed), '_._etc_passwd');
      assert.equal(await fs.readFile(renamed, 'utf8'), 'device');
    });

    it('resumes with Range after a dropped connection and produces an identical file', async () => {
      const { client, logger } = makeClient(emulator);
      const bytes = randomBytes(600_000);
      const mediaId = emulator.control.addMedia({ filename: 'resume.wav', bytes });
      emulator.control.dropConnectionAfter(200_000, { method: 'GET' });

      const result = await client.download(mediaId, dir);

      assert.ok((await fs.readFile(result)).equals(bytes));
      const gets = requestsTo('GET', '/s3/');
      assert.equal(gets.length, 2, logger.text());
      assert.equal(gets[0].headers.range, undefined);
      const resumedAt = Number(/^bytes=(\d+)-$/.exec(String(gets[1].headers.range))?.[1]);
      assert.ok(resumedAt > 0 && resumedAt <= 200_000, `resumed at ${gets[1].headers.range}`);
      assert.deepEqual(await partFiles(dir), []);
    });

    it('with retries exhausted: no file under the final name, no temp file, the existing file intact', async () => {
      const { client } = makeClient(emulator, { maxRetries: 1 });
      const mediaId = emulator.control.addMedia({ filename: 'fragile.mp3', bytes: randomBytes(300_000) });
      await fs.writeFile(path.join(dir, 'fragile.mp3'), 'original');
      emulator.control.dropConnectionAfter(50_000, { method: 'GET', count: 2 });

      const error = await rejection(client.download(mediaId, dir, { onConflict: 'overwrite' }));

      assert.ok(error instanceof NetworkError, String(error));
      assert.equal(await fs.readFile(path.join(dir, 'fragile.mp3'), 'utf8'), 'original');
      assert.deepEqual((await fs.readdir(dir)).sort(), ['fragile.mp3']);
    });

    it('with retries disabled: a dropped connection leaves nothing behind', async () => {
      const { client } = makeClient(emulator, { maxRetries: 0 });
      const mediaId = emulator.control.addMedia({ filename: 'nothing.mp3', bytes: randomBytes(300_000) });
      emulator.control.dropConnectionAfter(10_000, { method: 'GET' });
      const error = await rejection(client.download(mediaId, dir));
      assert.ok(error instanceof NetworkError, String(error));
      assert.deepEqual(await fs.readdir(dir), []);
    });

    describe('conflicts', () => {
      let mediaId: string;
      const fresh = Buffer.from('fresh bytes');
      beforeEach(async () => {
        mediaId = emulator.control.addMedia({ filename: 'clash.mp3', bytes: fresh });
        await fs.writeFile(path.join(dir, 'clash.mp3'), 'old');
      });

      it('fail (the default) → DestinationExistsError, nothing downloaded', async () => {
        const { client } = makeClient(emulator);
        const error = await rejection(client.download(mediaId, dir));
        assert.ok(error instanceof DestinationExistsError, String(error));
        assert.equal(error.existingPath, path.join(dir, 'clash.mp3'));
        assert.equal(await fs.readFile(path.join(dir, 'clash.mp3'), 'utf8'), 'old');
        assert.equal(requestsTo('GET', '/s3/').length, 0);
        assert.deepEqual(await fs.readdir(dir), ['clash.mp3']);
      });

      it('rename → "name (1).ext", then "name (2).ext"', async () => {
        const { client } = makeClient(emulator);
        const first = await client.download(mediaId, dir, { onConflict: 'rename' });
        const second = await client.download(mediaId, dir, { onConflict: 'rename' });
        assert.equal(first, path.join(dir, 'clash (1).mp3'));
        assert.equal(second, path.join(dir, 'clash (2).mp3'));
        assert.equal(await fs.readFile(path.join(dir, 'clash.mp3'), 'utf8'), 'old');
        assert.ok((await fs.readFile(second)).equals(fresh));
      });

      it('overwrite replaces the file', async () => {
        const { client } = makeClient(emulator);
        const result = await client.download(mediaId, dir, { onConflict: 'overwrite' });
        assert.ok((await fs.readFile(result)).equals(fresh));
        assert.deepEqual(await fs.readdir(dir), ['clash.mp3']);
      });

      it('skip returns the existing path without downloading', async () => {
        const { client } = makeClient(emulator);
        const result = await client.download(mediaId, dir, { onConflict: 'skip' });
        assert.equal(result, path.join(dir, 'clash.mp3'));
        assert.equal(await fs.readFile(result, 'utf8'), 'old');
        assert.equal(requestsTo('GET', '/s3/').length, 0);
      });

      it('asks an (async) callback with the existing path', async () => {
        const { client } = makeClient(emulator);
        const ask = sinon.stub().resolves('rename');
        const result = await client.download(mediaId, dir, { onConflict: ask });
        sinon.assert.calledOnceWithExactly(ask, path.join(dir, 'clash.mp3'));
        assert.equal(result, path.join(dir, 'clash (1).mp3'));
      });
    });

    it('never clobbers a file that appears while downloading', async () => {
      const { client } = makeClient(emulator);
      const bytes = randomBytes(200_000);
      const mediaId = emulator.control.addMedia({ filename: 'late.mp3', bytes });
      emulator.control.throttle(1_000_000);
      let created = false;
      const ask = sinon.stub().returns('rename');
      const result = await client.download(mediaId, dir, {
        onConflict: ask,
        onProgress: (progress) => {
          if (!created && progress.transferred > 0) {
            created = true;
            void fs.writeFile(path.join(dir, 'late.mp3'), 'someone else');
          }
        },
      });
      assert.ok(created);
      sinon.assert.calledOnce(ask);
      assert.equal(result, path.join(dir, 'late (1).mp3'));
      assert.equal(await fs.readFile(path.join(dir, 'late.mp3'), 'utf8'), 'someone else');
      assert.ok((await fs.readFile(result)).equals(bytes));
      assert.deepEqual(await partFiles(dir), []);
    });

    it('an expired link → PresignedUrlError saying so', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'old-link.mp3' });
      const url = await client.getDownloadUrl(mediaId);
      emulator.control.expireUrlsNow();
      const error = await rejection(client.download(url, dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.equal(error.s3Code, 'AccessDenied');
      assert.match(error.message, /download link has expired.*Try again/);
      assert.deepEqual(await fs.readdir(dir), []);
    });

    it('a tampered signature → PresignedUrlError (SignatureDoesNotMatch)', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'tampered.mp3' });
      const url = (await client.getDownloadUrl(mediaId)).replace(/Signature=[^&]+/, 'Signature=AAAA');
      const error = await rejection(client.download(url, dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.equal(error.s3Code, 'SignatureDoesNotMatch');
      assert.match(error.message, /rejected/);
    });

    it('refuses a destination that is not a folder', async () => {
      const { client } = makeClient(emulator);
      const file = await writeTempFile(dir, 'a-file', Buffer.from('x'));
      assert.ok((await rejection(client.download('abc', file))) instanceof InvalidInputError);
      assert.ok((await rejection(client.download('abc', path.join(dir, 'nope')))) instanceof InvalidInputError);
    });

    it('cancels mid-download promptly with CancelledError and removes the temp file', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'long.wav', bytes: randomBytes(2_000_000) });
      emulator.control.throttle(100_000); // 20 s for the whole file
      const controller = new AbortController();
      let abortedAt = 0;
      const error = await rejection(
        client.download(mediaId, dir, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.transferred > 0 && !abortedAt) {
              abortedAt = Date.now();
              controller.abort();
            }
          },
        }),
      );
      assert.ok(error instanceof CancelledError, String(error));
      assert.ok(abortedAt > 0 && Date.now() - abortedAt < 2_000, 'cancellation must be prompt');
      assert.deepEqual(await fs.readdir(dir), []);
    });
  });
});

describe('ApiAudioClient download resume when the server ignores Range (ad-hoc server)', () => {
  it('restarts from zero on a 200 and still produces an identical file', async () => {
    const bytes = randomBytes(400_000);
    const ranges: Array<string | undefined> = [];
    const server = http.createServer((req, res) => {
      ranges.push(req.headers.range);
      res.writeHead(200, { 'Content-Length': String(bytes.length), 'Content-Type': 'audio/mpeg', ETag: '"v1"' });
      if (ranges.length === 1) {
        res.write(bytes.subarray(0, 150_000), () => res.socket?.destroy());
      } else {
        res.end(bytes);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await makeTempDir();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bucket/restart.mp3?Signature=abc`;
      const { client } = makeClient({ url: 'http://127.0.0.1:9' });
      const result = await client.download(url, dir);
      assert.equal(ranges.length, 2);
      assert.equal(ranges[0], undefined);
      assert.match(ranges[1] ?? '', /^bytes=[1-9]\d*-$/, 'the second request must resume');
      assert.ok((await fs.readFile(result)).equals(bytes));
      assert.deepEqual(await fs.readdir(dir), ['restart.mp3']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
