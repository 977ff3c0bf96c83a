// Upload against the emulator over real sockets: a streamed PUT without the key, retries
// of the PUT (never of the upload link), storage's answers, bad input and local file
// changes reported first, cancellation.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs, appendFileSync, truncateSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import {
  BadResponseError,
  CancelledError,
  InvalidInputError,
  PresignedUrlError,
  ServerError,
  type TransferProgress,
} from '../../src/api';
import { adHocServer, sendJson, useClientSuite, writeTempFile, type AdHocServer } from './clientHarness';

describe('ApiAudioClient upload', function () {
  this.timeout(30_000);
  const env = useClientSuite({ strictContentType: true });
  const requestsTo = (method: string, prefix: string) =>
    env.emulator.control.requests.filter((request) => request.method === method && request.path.startsWith(prefix));
  const objectPuts = () => env.emulator.control.requests.filter((r) => r.method === 'PUT');

  describe('upload', () => {
    it('asks for an upload URL, then PUTs the bytes as audio/mpeg with Content-Length and no key', async () => {
      const { client } = env.makeClient(env.emulator, { assumeOrgId: 'upload-org' });
      const bytes = randomBytes(300_000);
      const file = await writeTempFile(env.dir, 'Voice Take.WAV', bytes);
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

      assert.ok(env.emulator.control.getStoredBytes(mediaId, 'upload-org')?.equals(bytes));
      assert.deepEqual(progress.at(-1), { transferred: bytes.length, total: bytes.length });
      const listing = await client.listMedia({ mediaId });
      assert.deepEqual(listing.items.map((item) => [item.filename, item.tags]), [['Voice Take.WAV', ['podcast', 'voice']]]);
    });

    it('uploads an empty file', async () => {
      const { client } = env.makeClient(env.emulator);
      const file = await writeTempFile(env.dir, 'empty.mp3', Buffer.alloc(0));
      const { mediaId } = await client.upload(file);
      assert.equal(env.emulator.control.getStoredBytes(mediaId)?.length, 0);
    });

    it('retries the PUT with a fresh stream after a dropped connection, never the upload URL', async () => {
      const { client } = env.makeClient(env.emulator);
      const bytes = randomBytes(500_000);
      const file = await writeTempFile(env.dir, 'retry.mp3', bytes);
      env.emulator.control.dropConnectionAfter(100_000, { method: 'PUT' });
      const { mediaId } = await client.upload(file);
      assert.equal(requestsTo('PUT', '/s3/').length, 2);
      assert.equal(requestsTo('GET', '/file/customaudio/uploadurl').length, 1);
      assert.ok(env.emulator.control.getStoredBytes(mediaId)?.equals(bytes));
    });

    it('retries the PUT on 5xx and gives up with ServerError after maxRetries', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 2 });
      const file = await writeTempFile(env.dir, 'fails.mp3', randomBytes(10_000));
      env.emulator.control.failNext(10, 500, { path: /^\/s3\//, body: '<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>' });
      const error = await env.rejection(client.upload(file));
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(requestsTo('PUT', '/s3/').length, 3);
      assert.equal(requestsTo('GET', '/file/customaudio/uploadurl').length, 1);
    });

    it('does not retry a failing upload-URL request (it mints a new mediaId each time)', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 3 });
      const file = await writeTempFile(env.dir, 'once.mp3', randomBytes(1_000));
      env.emulator.control.failNext(1, 503, { path: '/file/customaudio/uploadurl' });
      const error = await env.rejection(client.upload(file));
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(requestsTo('GET', '/file/customaudio/uploadurl').length, 1);
      assert.equal(requestsTo('PUT', '/s3/').length, 0);
    });

    it('an S3 XML 403 on the PUT → PresignedUrlError with S3’s code', async () => {
      const { client } = env.makeClient(env.emulator);
      const file = await writeTempFile(env.dir, 'denied.mp3', randomBytes(1_000));
      env.emulator.control.failNext(1, 403, {
        path: /^\/s3\//,
        body: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
        headers: { 'Content-Type': 'application/xml' },
      });
      const error = await env.rejection(client.upload(file));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.equal(error.s3Code, 'AccessDenied');
      assert.match(error.message, /expired/);
      assert.equal(requestsTo('PUT', '/s3/').length, 1);
    });

    it('refuses bad input with a message naming the file, before any request', async () => {
      const { client } = env.makeClient(env.emulator);
      const ok = await writeTempFile(env.dir, 'ok.mp3', Buffer.from('x'));
      const text = await writeTempFile(env.dir, 'notes.txt', Buffer.from('x'));
      await fs.mkdir(path.join(env.dir, 'folder.wav'));
      const cases: Array<[() => Promise<unknown>, RegExp]> = [
        [() => client.upload(path.join(env.dir, 'missing.wav')), /missing\.wav.*does not exist/],
        [() => client.upload(path.join(env.dir, 'folder.wav')), /folder\.wav.*folder/],
        [() => client.upload(text), /notes\.txt.*only \.wav and \.mp3/],
        [() => client.upload(ok, { tags: ['a,b'] }), /comma/],
        [() => client.upload(ok, { tags: ['  '] }), /empty/],
      ];
      for (const [start, message] of cases) {
        const error = await env.rejection(start());
        assert.ok(error instanceof InvalidInputError, String(error));
        assert.match(error.message, message);
      }
      assert.equal(env.emulator.control.requests.length, 0);
    });

    it('cancels mid-upload promptly with CancelledError and stores nothing', async () => {
      const { client } = env.makeClient(env.emulator);
      const file = await writeTempFile(env.dir, 'slow.wav', randomBytes(8_000_000));
      env.emulator.control.throttle(100_000); // 80 s for the whole file
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
      const before = env.emulator.control.listStored().length;
      const error = await env.rejection(client.upload(file, { signal: controller.signal, onProgress }));
      assert.ok(error instanceof CancelledError, String(error));
      assert.ok(abortedAt > 0 && Date.now() - abortedAt < 2_000, 'cancellation must be prompt');
      assert.equal(env.emulator.control.listStored().length, before);
      // On a loaded machine a stalled first attempt may have been retried before the
      // abort; what matters is that nothing is sent after it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(requestsTo('PUT', '/s3/').length, putsAtAbort, 'a cancelled PUT is not retried');
    });
  });

  it('an unparseable fileUploadUrl → BadResponseError without the URL’s secrets', async () => {
    const api = await adHocServer((_req, res) =>
      sendJson(res, 200, { mediaId: 'm1', fileUploadUrl: 'https://exa mple.com/k?X-Amz-Signature=secret' }),
    );
    try {
      const { client } = env.makeClient(api);
      const file = await writeTempFile(env.dir, 'bad-link.mp3', randomBytes(1_000));
      const error = await env.rejection(client.upload(file));
      assert.ok(error instanceof BadResponseError, String(error));
      assert.doesNotMatch(`${error.message}\n${error.stack ?? ''}`, /secret/);
      assert.equal(api.requests.length, 1);
    } finally {
      await api.close();
    }
  });

  it('a PUT answered 201 or 204 is not treated as stored', async () => {
    for (const status of [201, 204]) {
      const api: AdHocServer = await adHocServer((req, res) => {
        if (req.method === 'GET') {
          sendJson(res, 200, { mediaId: 'm3', fileUploadUrl: `${api.url}/bucket/k.mp3?X-Amz-Signature=s` });
          return;
        }
        req.resume();
        req.on('end', () => {
          res.writeHead(status);
          res.end();
        });
      });
      try {
        const { client } = env.makeClient(api, { maxRetries: 2 });
        const file = await writeTempFile(env.dir, `status-${status}.mp3`, randomBytes(1_000));
        const error = await env.rejection(client.upload(file));
        assert.ok(error instanceof BadResponseError, `${status}: ${String(error)}`);
        assert.match(error.message, new RegExp(`status ${status}`));
        assert.equal(api.requests.filter((request) => request.method === 'PUT').length, 1);
      } finally {
        await api.close();
      }
    }
  });

  describe('local file errors win', () => {
    const cases: Array<[string, (file: string) => void, RegExp]> = [
      ['shrinks', (file) => truncateSync(file, 1_000), /shrank during the upload/],
      ['grows', (file) => appendFileSync(file, randomBytes(1_000)), /grew during the upload/],
      ['is deleted', (file) => unlinkSync(file), /deleted during the upload/],
    ];
    for (const [what, change, message] of cases) {
      it(`a file that ${what} during the upload is reported as such at once, and not stored`, async () => {
        const file = await writeTempFile(env.dir, `changing-${what.replace(/\s/g, '-')}.mp3`, randomBytes(4_000_000));
        const { client } = env.makeClient(env.emulator, { timeoutMs: 20_000 });
        let changed = false;
        const started = Date.now();
        const error = await env.rejection(
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
        assert.equal(objectPuts().length, 1, 'a local file error is not retried');
        const uploadId = env.emulator.control.requests.find((r) => r.path.endsWith('/uploadurl'));
        assert.ok(uploadId);
        assert.equal(env.emulator.control.listStored().some((m) => m.filename === path.basename(file)), false);
      });
    }
  });
});
