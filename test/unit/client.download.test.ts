// Download against the emulator over real sockets: atomic placement under the final name,
// conflict choices, resume after a dropped connection only of the same version, part files
// a killed download leaves (resumed or started over), web pages refused, cancellation.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fsModule from 'node:fs';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import * as path from 'node:path';
import * as sinon from 'sinon';
import {
  BadResponseError,
  CancelledError,
  DestinationExistsError,
  InvalidInputError,
  LocalFileError,
  NetworkError,
  PresignedUrlError,
  type ConflictChoice,
} from '../../src/api';
import { isPartFileInUse, isPartFileName, removePartFile, sweepStalePartFiles } from '../../src/api/partFiles';
import type { RunningEmulator } from '../emulator';
import { adHocServer, partFiles, useClientSuite, writeTempFile } from './clientHarness';

describe('ApiAudioClient download and resume', function () {
  this.timeout(30_000);
  const env = useClientSuite();
  const requestsTo = (method: string, prefix: string) =>
    env.emulator.control.requests.filter((request) => request.method === method && request.path.startsWith(prefix));
  const objectGets = () => env.emulator.control.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/s3/'));

  describe('download', () => {
    it('downloads by mediaId under the server’s file name, byte-identical, without the key on the GET', async () => {
      const { client } = env.makeClient(env.emulator, { assumeOrgId: 'dl-org' });
      const bytes = randomBytes(250_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'Theme Song.mp3', bytes, org: 'dl-org' });
      const progress = sinon.spy();

      const result = await client.download(mediaId, env.dir, { onProgress: progress });

      assert.equal(result, path.join(env.dir, 'Theme Song.mp3'));
      assert.ok((await fs.readFile(result)).equals(bytes));
      assert.deepEqual(await partFiles(env.dir), []);
      assert.deepEqual(progress.lastCall.args[0], { transferred: bytes.length, total: bytes.length });
      const [get] = requestsTo('GET', '/s3/');
      assert.equal(get.headers['x-api-key'], undefined);
      assert.equal(get.headers['x-assume-org'], undefined);
    });

    it('downloads from a presigned URL and sanitises hostile names', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'CON.mp3', bytes: Buffer.from('device') });
      const byUrl = await client.download(env.emulator.control.signUrl(mediaId), env.dir);
      assert.equal(byUrl, path.join(env.dir, '_CON.mp3'));

      const renamed = await client.download(mediaId, env.dir, { fileName: '../../etc/passwd' });
      assert.equal(path.dirname(renamed), env.dir);
      assert.equal(path.basename(renamed), '_._etc_passwd');
      assert.equal(await fs.readFile(renamed, 'utf8'), 'device');
    });

    it('resumes with Range after a dropped connection and produces an identical file', async () => {
      const { client, logger } = env.makeClient(env.emulator);
      const bytes = randomBytes(600_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'resume.wav', bytes });
      env.emulator.control.dropConnectionAfter(200_000, { method: 'GET' });

      const result = await client.download(mediaId, env.dir);

      assert.ok((await fs.readFile(result)).equals(bytes));
      const gets = requestsTo('GET', '/s3/');
      assert.equal(gets.length, 2, logger.text());
      assert.equal(gets[0].headers.range, undefined);
      const resumedAt = Number(/^bytes=(\d+)-$/.exec(String(gets[1].headers.range))?.[1]);
      assert.ok(resumedAt > 0 && resumedAt <= 200_000, `resumed at ${gets[1].headers.range}`);
      assert.deepEqual(await partFiles(env.dir), []);
    });

    it('with retries exhausted: no file under the final name, no temp file, the existing file intact', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 1 });
      const mediaId = env.emulator.control.addMedia({ filename: 'fragile.mp3', bytes: randomBytes(300_000) });
      await fs.writeFile(path.join(env.dir, 'fragile.mp3'), 'original');
      env.emulator.control.dropConnectionAfter(50_000, { method: 'GET', count: 2 });

      const error = await env.rejection(client.download(mediaId, env.dir, { onConflict: 'overwrite' }));

      assert.ok(error instanceof NetworkError, String(error));
      assert.equal(await fs.readFile(path.join(env.dir, 'fragile.mp3'), 'utf8'), 'original');
      assert.deepEqual((await fs.readdir(env.dir)).sort(), ['fragile.mp3']);
    });

    it('with retries disabled: a dropped connection leaves nothing behind', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
      const mediaId = env.emulator.control.addMedia({ filename: 'nothing.mp3', bytes: randomBytes(300_000) });
      env.emulator.control.dropConnectionAfter(10_000, { method: 'GET' });
      const error = await env.rejection(client.download(mediaId, env.dir));
      assert.ok(error instanceof NetworkError, String(error));
      assert.deepEqual(await fs.readdir(env.dir), []);
    });

    describe('conflicts', () => {
      let mediaId: string;
      const fresh = Buffer.from('fresh bytes');
      beforeEach(async () => {
        mediaId = env.emulator.control.addMedia({ filename: 'clash.mp3', bytes: fresh });
        await fs.writeFile(path.join(env.dir, 'clash.mp3'), 'old');
      });

      it('fail (the default) → DestinationExistsError, nothing downloaded', async () => {
        const { client } = env.makeClient(env.emulator);
        const error = await env.rejection(client.download(mediaId, env.dir));
        assert.ok(error instanceof DestinationExistsError, String(error));
        assert.equal(error.existingPath, path.join(env.dir, 'clash.mp3'));
        assert.equal(await fs.readFile(path.join(env.dir, 'clash.mp3'), 'utf8'), 'old');
        assert.equal(requestsTo('GET', '/s3/').length, 0);
        assert.deepEqual(await fs.readdir(env.dir), ['clash.mp3']);
      });

      it('rename → "name (1).ext", then "name (2).ext"', async () => {
        const { client } = env.makeClient(env.emulator);
        const first = await client.download(mediaId, env.dir, { onConflict: 'rename' });
        const second = await client.download(mediaId, env.dir, { onConflict: 'rename' });
        assert.equal(first, path.join(env.dir, 'clash (1).mp3'));
        assert.equal(second, path.join(env.dir, 'clash (2).mp3'));
        assert.equal(await fs.readFile(path.join(env.dir, 'clash.mp3'), 'utf8'), 'old');
        assert.ok((await fs.readFile(second)).equals(fresh));
      });

      it('overwrite replaces the file', async () => {
        const { client } = env.makeClient(env.emulator);
        const result = await client.download(mediaId, env.dir, { onConflict: 'overwrite' });
        assert.ok((await fs.readFile(result)).equals(fresh));
        assert.deepEqual(await fs.readdir(env.dir), ['clash.mp3']);
      });

      it('skip returns the existing path without downloading', async () => {
        const { client } = env.makeClient(env.emulator);
        const result = await client.download(mediaId, env.dir, { onConflict: 'skip' });
        assert.equal(result, path.join(env.dir, 'clash.mp3'));
        assert.equal(await fs.readFile(result, 'utf8'), 'old');
        assert.equal(requestsTo('GET', '/s3/').length, 0);
      });

      it('asks an (async) callback with the existing path', async () => {
        const { client } = env.makeClient(env.emulator);
        const ask = sinon.stub().resolves('rename');
        const result = await client.download(mediaId, env.dir, { onConflict: ask });
        sinon.assert.calledOnceWithExactly(ask, path.join(env.dir, 'clash.mp3'));
        assert.equal(result, path.join(env.dir, 'clash (1).mp3'));
      });
    });

    it('never clobbers a file that appears while downloading', async () => {
      const { client } = env.makeClient(env.emulator);
      const bytes = randomBytes(200_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'late.mp3', bytes });
      env.emulator.control.throttle(1_000_000);
      let created = false;
      const ask = sinon.stub().returns('rename');
      const result = await client.download(mediaId, env.dir, {
        onConflict: ask,
        onProgress: (progress) => {
          if (!created && progress.transferred > 0) {
            created = true;
            void fs.writeFile(path.join(env.dir, 'late.mp3'), 'someone else');
          }
        },
      });
      assert.ok(created);
      sinon.assert.calledOnce(ask);
      assert.equal(result, path.join(env.dir, 'late (1).mp3'));
      assert.equal(await fs.readFile(path.join(env.dir, 'late.mp3'), 'utf8'), 'someone else');
      assert.ok((await fs.readFile(result)).equals(bytes));
      assert.deepEqual(await partFiles(env.dir), []);
    });

    it('an expired link → PresignedUrlError saying so', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'old-link.mp3' });
      const url = await client.getDownloadUrl(mediaId);
      env.emulator.control.expireUrlsNow();
      const error = await env.rejection(client.download(url, env.dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.equal(error.s3Code, 'AccessDenied');
      assert.match(error.message, /download link has expired.*Try again/);
      assert.deepEqual(await fs.readdir(env.dir), []);
    });

    it('a tampered signature → PresignedUrlError (SignatureDoesNotMatch)', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'tampered.mp3' });
      const url = (await client.getDownloadUrl(mediaId)).replace(/Signature=[^&]+/, 'Signature=AAAA');
      const error = await env.rejection(client.download(url, env.dir));
      assert.ok(error instanceof PresignedUrlError, String(error));
      assert.equal(error.s3Code, 'SignatureDoesNotMatch');
      assert.match(error.message, /rejected/);
    });

    it('refuses a destination that is not a folder', async () => {
      const { client } = env.makeClient(env.emulator);
      const file = await writeTempFile(env.dir, 'a-file', Buffer.from('x'));
      assert.ok((await env.rejection(client.download('abc', file))) instanceof InvalidInputError);
      assert.ok((await env.rejection(client.download('abc', path.join(env.dir, 'nope')))) instanceof InvalidInputError);
    });

    it('cancels mid-download promptly with CancelledError and removes the temp file', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'long.wav', bytes: randomBytes(2_000_000) });
      env.emulator.control.throttle(100_000); // 20 s for the whole file
      const controller = new AbortController();
      let abortedAt = 0;
      const error = await env.rejection(
        client.download(mediaId, env.dir, {
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
      assert.deepEqual(await fs.readdir(env.dir), []);
    });
  });

  it('restarts from zero when the server ignores Range (200), and still produces an identical file', async () => {
    const bytes = randomBytes(400_000);
    const server = await adHocServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(bytes.length), 'Content-Type': 'audio/mpeg', ETag: '"v1"' });
      if (server.requests.length === 1) {
        res.write(bytes.subarray(0, 150_000), () => res.socket?.destroy());
      } else {
        res.end(bytes);
      }
    });
    try {
      const { client } = env.makeClient({ url: 'http://127.0.0.1:9' });
      const result = await client.download(`${server.url}/bucket/restart.mp3?Signature=abc`, env.dir);
      const ranges = server.requests.map((request) => request.headers.range);
      assert.equal(ranges.length, 2);
      assert.equal(ranges[0], undefined);
      assert.match(ranges[1] ?? '', /^bytes=[1-9]\d*-$/, 'the second request must resume');
      assert.ok((await fs.readFile(result)).equals(bytes));
      assert.deepEqual(await fs.readdir(env.dir), ['restart.mp3']);
    } finally {
      await server.close();
    }
  });

  describe('resume only the same object', () => {
    it('a download broken half-way while the object is replaced yields the new file entire, never a splice', async () => {
      const { client } = env.makeClient(env.emulator, { retryBaseDelayMs: 1 });
      const oldBytes = randomBytes(600_000);
      const newBytes = randomBytes(500_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'replaced.mp3', bytes: oldBytes });
      env.emulator.control.dropConnectionAfter(300_000, { method: 'GET', replaceWith: newBytes });
      const result = await client.download(mediaId, env.dir);
      const saved = await fs.readFile(result);
      assert.ok(saved.equals(newBytes), `saved ${saved.length} bytes that are not the new version`);
      const gets = objectGets();
      assert.equal(gets.length, 2);
      assert.match(String(gets[1].headers['if-range']), /^"[0-9a-f]{32}"$/, 'the resume must name the first version');
      assert.deepEqual(await partFiles(env.dir), []);
    });

    it('a download broken half-way on an unchanged object resumes with Range and If-Range (206)', async () => {
      const { client } = env.makeClient(env.emulator, { retryBaseDelayMs: 1 });
      const bytes = randomBytes(600_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'same.mp3', bytes });
      env.emulator.control.dropConnectionAfter(250_000, { method: 'GET' });
      const result = await client.download(mediaId, env.dir);
      assert.ok((await fs.readFile(result)).equals(bytes));
      const gets = objectGets();
      assert.equal(gets.length, 2);
      assert.match(String(gets[1].headers.range), /^bytes=\d+-$/);
      assert.equal(gets[1].headers['if-range'], `"${gets.length && (await etagOf(env.emulator, mediaId))}"`);
    });

    it('the emulator honours If-Range like S3: another version answers 200 with the whole object', async () => {
      const bytes = randomBytes(10_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'ifrange.mp3', bytes });
      const url = env.emulator.control.signUrl(mediaId);
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
        const { client } = env.makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1 });
        const result = await client.download(`${server.url}/b/etag.mp3?Signature=x`, env.dir);
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
        const { client } = env.makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1 });
        const result = await client.download(`${server.url}/b/novalidator.mp3`, env.dir);
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
        const { client } = env.makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1 });
        const result = await client.download(`${server.url}/b/weak.mp3`, env.dir);
        assert.ok((await fs.readFile(result)).equals(bytes));
        assert.deepEqual(seen, [undefined, lastModified]);
      } finally {
        await server.close();
      }
    });
  });

  it('a 206 with the wrong Content-Range: the stalled connection is closed, not drained forever', async () => {
    const bytes = randomBytes(300_000);
    let stalled: Socket | undefined;
    let count = 0;
    const server = await adHocServer((req, res) => {
      count++;
      if (count === 1) {
        res.writeHead(200, { 'Content-Length': String(bytes.length), ETag: '"v1"' });
        res.write(bytes.subarray(0, 100_000), () => res.socket?.destroy());
      } else if (count === 2) {
        stalled = req.socket;
        res.writeHead(206, { 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}`, 'Content-Length': String(bytes.length), ETag: '"v1"' });
        res.write(bytes.subarray(0, 1_000)); // and never more
      } else {
        res.writeHead(200, { 'Content-Length': String(bytes.length) });
        res.end(bytes);
      }
    });
    try {
      const { client } = env.makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1, timeoutMs: 60_000 });
      const result = await client.download(`${server.url}/b/stall.mp3?Signature=x`, env.dir);
      assert.ok((await fs.readFile(result)).equals(bytes));
      assert.ok(stalled);
      const socket = stalled;
      const closed = socket.destroyed || (await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 1_000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      }));
      assert.ok(closed, 'the stalled 206 connection must be closed once the download is done');
    } finally {
      await server.close();
    }
  });

  describe('a size the caller knows (expectedSize)', () => {
    it('a copy of another length is refused: nothing kept, the message names both sizes and the service', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'sized.wav', bytes: randomBytes(2000) });
      env.emulator.control.serveShortObject(1000, { chunked: true });
      const error = await env.rejection(client.download(mediaId, env.dir, { expectedSize: 2000 }));
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /sent 1,000 bytes of sized\.wav, but api\.audio says the file has 2,000 bytes; nothing was saved\. Try again\.$/);
      assert.deepEqual(await fs.readdir(env.dir), []);
      const tooLong = await env.rejection(client.download(mediaId, env.dir, { expectedSize: 1999 }));
      assert.match(tooLong.message, /announced 2,000 bytes for sized\.wav, but api\.audio says the file has 1,999 bytes; nothing was saved/);
      assert.deepEqual(await fs.readdir(env.dir), []);
    });

    it('the right size is saved, also after a dropped connection resumed', async () => {
      const { client } = env.makeClient(env.emulator);
      const bytes = randomBytes(300_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'sized.wav', bytes });
      env.emulator.control.dropConnectionAfter(100_000, { method: 'GET' });
      const saved = await client.download(mediaId, env.dir, { expectedSize: bytes.length });
      assert.ok((await fs.readFile(saved)).equals(bytes));
      assert.equal(objectGets().length, 2);
      assert.deepEqual(await fs.readdir(env.dir), ['sized.wav']);
    });

    it('without one (api.audio Media items carry no size), a cut copy is saved as storage sent it', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'unsized.wav', bytes: randomBytes(2000) });
      env.emulator.control.serveShortObject(1000);
      const saved = await client.download(mediaId, env.dir);
      assert.equal((await fs.stat(saved)).size, 1000);
    });
  });

  it('a download answered 200 text/html (captive portal) is refused, nothing kept, not retried', async () => {
    const { client } = env.makeClient(env.emulator);
    const mediaId = env.emulator.control.addMedia({ filename: 'portal.mp3', bytes: randomBytes(1000) });
    env.emulator.control.objectHostile('html-200');
    const error = await env.rejection(client.download(mediaId, env.dir));
    assert.ok(error instanceof BadResponseError, String(error));
    assert.match(error.message, /web page \(text\/html\) instead of the audio file; nothing was saved/);
    assert.deepEqual(await fs.readdir(env.dir), []);
    assert.equal(objectGets().length, 1);
  });

  it('no hard links and the final rename fails → no 0-byte placeholder under the final name', async () => {
    const bytes = randomBytes(10_000);
    const server = await adHocServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(bytes.length) });
      res.end(bytes);
    });
    const target = path.join(env.dir, 'placeholder.mp3');
    const realLink = fsModule.promises.link;
    const realRename = fsModule.promises.rename;
    sinon.stub(fsModule.promises, 'link').callsFake(async (from, to) => {
      if (String(to).startsWith(env.dir)) {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      }
      return realLink(from, to);
    });
    sinon.stub(fsModule.promises, 'rename').callsFake(async (from, to) => {
      if (String(to) === target) {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      }
      return realRename(from, to);
    });
    try {
      const { client } = env.makeClient({ url: 'http://127.0.0.1:9' });
      const error = await env.rejection(client.download(`${server.url}/b/placeholder.mp3?Signature=x`, env.dir));
      assert.ok(error instanceof LocalFileError, String(error));
      assert.deepEqual(await fs.readdir(env.dir), [], 'neither the placeholder nor the temp file may remain');
    } finally {
      await server.close();
    }
  });

  it('a cancel during the late overwrite prompt → CancelledError, the existing file untouched', async () => {
    const { client } = env.makeClient(env.emulator);
    const mediaId = env.emulator.control.addMedia({ filename: 'late-cancel.mp3', bytes: randomBytes(200_000) });
    env.emulator.control.throttle(1_000_000);
    const existing = path.join(env.dir, 'late-cancel.mp3');
    const controller = new AbortController();
    let created: Promise<void> | undefined;
    let asked = 0;
    const error = await env.rejection(
      client.download(mediaId, env.dir, {
        signal: controller.signal,
        onConflict: async (): Promise<ConflictChoice> => {
          asked++;
          controller.abort();
          return 'overwrite';
        },
        onProgress: (progress) => {
          if (!created && progress.transferred > 0) {
            created = fs.writeFile(existing, 'someone else');
          }
        },
      }),
    );
    await created;
    assert.equal(asked, 1);
    assert.ok(error instanceof CancelledError, String(error));
    assert.equal(await fs.readFile(existing, 'utf8'), 'someone else');
    assert.deepEqual(await partFiles(env.dir), []);
  });

  describe('leftover part files', () => {
    it('the next download into a folder removes our part files older than an hour, and nothing else', async () => {
      const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
      const stale = '.song.wav.0123456789ab.part';
      const fresh = '.other.mp3.abcdefabcdef.part';
      const foreign = ['.notours.part', 'song.wav.0123456789ab.part', '.x.mp3.0123456789ab.partial'];
      for (const name of [stale, fresh, ...foreign]) await fs.writeFile(path.join(env.dir, name), 'leftover');
      await fs.mkdir(path.join(env.dir, '.folder.mp3.0123456789ab.part'));
      for (const name of [stale, ...foreign, '.folder.mp3.0123456789ab.part']) await fs.utimes(path.join(env.dir, name), old, old);
      const { client, logger } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({ filename: 'next.mp3', bytes: randomBytes(1000) });
      await client.download(mediaId, env.dir);
      const left = (await fs.readdir(env.dir)).sort();
      assert.deepEqual(left, ['.folder.mp3.0123456789ab.part', fresh, ...foreign, 'next.mp3'].sort());
      assert.match(logger.text(), /Removed 1 unfinished download file\(s\)/);
    });

    /**
     * A window reload mid-body: the process stops and runs no clean-up. The body is frozen
     * after `afterBytes`, the files the download has beside its target are copied, the
     * download is cancelled (which cleans up), and the copies are put back.
     */
    async function killedDownload(mediaId: string, afterBytes: number): Promise<string[]> {
      env.emulator.control.dropConnectionAfter(afterBytes, { method: 'GET', hold: true });
      const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
      const controller = new AbortController();
      let reached!: () => void;
      const written = new Promise<void>((resolve) => (reached = resolve));
      const download = client.download(mediaId, env.dir, {
        signal: controller.signal,
        onProgress: ({ transferred }) => transferred >= afterBytes && reached(),
      });
      await written;
      const left = new Map<string, Buffer>();
      for (const name of await fs.readdir(env.dir)) left.set(name, await fs.readFile(path.join(env.dir, name)));
      controller.abort();
      await env.rejection(download);
      for (const [name, bytes] of left) await fs.writeFile(path.join(env.dir, name), bytes);
      return [...left.keys()];
    }

    it('a download killed mid-body and repeated into the same folder resumes from its part file and leaves only the file', async () => {
      const bytes = randomBytes(300_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'huge-take.wav', bytes });
      const left = await killedDownload(mediaId, 100_000);
      assert.ok(left.some((name) => isPartFileName(name)), `a part file was left: ${left.join(', ')}`);
      env.emulator.control.reset();
      const { client, logger } = env.makeClient(env.emulator);
      const saved = await client.download(mediaId, env.dir);
      assert.equal(saved, path.join(env.dir, 'huge-take.wav'));
      assert.ok((await fs.readFile(saved)).equals(bytes));
      assert.deepEqual(await fs.readdir(env.dir), ['huge-take.wav']);
      const gets = objectGets();
      assert.equal(gets.length, 1);
      assert.equal(gets[0].headers.range, 'bytes=100000-');
      assert.ok(gets[0].headers['if-range'], 'the resume names the version it continues');
      assert.match(logger.text(), /Resuming the unfinished download of huge-take\.wav from byte 100000/);
    });

    it('a download killed mid-body is started over when the file changed meanwhile, leaving only the new file', async () => {
      const mediaId = env.emulator.control.addMedia({ filename: 'changed.wav', bytes: randomBytes(300_000) });
      await killedDownload(mediaId, 100_000);
      const replacement = randomBytes(250_000);
      env.emulator.control.replaceObject(mediaId, replacement);
      env.emulator.control.reset();
      const { client } = env.makeClient(env.emulator);
      const saved = await client.download(mediaId, env.dir);
      assert.ok((await fs.readFile(saved)).equals(replacement));
      assert.deepEqual(await fs.readdir(env.dir), ['changed.wav']);
      assert.equal(objectGets()[0].headers.range, 'bytes=100000-', 'it asked to resume, and was given the new file whole');
    });

    it('a part file whose resume record is damaged is started over, leaving only the file', async () => {
      const bytes = randomBytes(200_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'damaged.wav', bytes });
      const left = await killedDownload(mediaId, 50_000);
      const records = left.filter((name) => name.endsWith('.json'));
      assert.equal(records.length, 1, `one resume record: ${left.join(', ')}`);
      await fs.writeFile(path.join(env.dir, records[0]), `{"etag":${JSON.stringify('x'.repeat(100_000))}}`);
      env.emulator.control.reset();
      const { client } = env.makeClient(env.emulator);
      const saved = await client.download(mediaId, env.dir);
      assert.ok((await fs.readFile(saved)).equals(bytes));
      assert.deepEqual(await fs.readdir(env.dir), ['damaged.wav']);
      assert.equal(objectGets()[0].headers.range, undefined);
    });

    it('two downloads of the same item into the same folder at once both finish intact', async () => {
      const bytes = randomBytes(400_000);
      const mediaId = env.emulator.control.addMedia({ filename: 'twice.wav', bytes });
      env.emulator.control.throttle(2_000_000);
      const { client } = env.makeClient(env.emulator);
      const [first, second] = await Promise.all([
        client.download(mediaId, env.dir, { onConflict: 'rename' }),
        client.download(mediaId, env.dir, { onConflict: 'rename' }),
      ]);
      assert.deepEqual([first, second].map((p) => path.basename(p)).sort(), ['twice (1).wav', 'twice.wav']);
      for (const saved of [first, second]) assert.ok((await fs.readFile(saved)).equals(bytes), saved);
      assert.deepEqual((await fs.readdir(env.dir)).sort(), ['twice (1).wav', 'twice.wav']);
    });

    it("names its part file through onPartFile; a killed download's part file is no longer in use, and removePartFile removes its three files", async () => {
      const mediaId = env.emulator.control.addMedia({ filename: 'told.wav', bytes: randomBytes(200_000) });
      env.emulator.control.dropConnectionAfter(50_000, { method: 'GET', hold: true });
      const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
      const controller = new AbortController();
      const named: string[] = [];
      let reached!: () => void;
      const written = new Promise<void>((resolve) => (reached = resolve));
      const download = client.download(mediaId, env.dir, {
        signal: controller.signal,
        onPartFile: (partFile) => named.push(partFile),
        onProgress: ({ transferred }) => transferred >= 50_000 && reached(),
      });
      await written;
      assert.equal(named.length, 1);
      const partFile = named[0];
      assert.equal(path.dirname(partFile), env.dir);
      assert.ok(isPartFileName(path.basename(partFile)) && path.basename(partFile).startsWith('.told.wav.'), partFile);
      assert.equal(await isPartFileInUse(partFile), true, 'a running download holds it');
      assert.deepEqual(await removePartFile(partFile), [], 'never removed under a running download');
      const left = new Map<string, Buffer>();
      for (const name of await fs.readdir(env.dir)) left.set(name, await fs.readFile(path.join(env.dir, name)));
      controller.abort();
      await env.rejection(download);
      for (const [name, bytes] of left) await fs.writeFile(path.join(env.dir, name), bytes);
      const base = path.basename(partFile);
      assert.deepEqual([...left.keys()].sort(), [base, `${base}.json`, `${base}.lock`]);
      assert.equal(await isPartFileInUse(partFile), false, 'its lock names a download that is gone');
      assert.deepEqual((await removePartFile(partFile)).sort(), [base, `${base}.json`, `${base}.lock`]);
      assert.deepEqual(await fs.readdir(env.dir), []);
      await fs.writeFile(path.join(env.dir, 'keep.txt'), 'x');
      assert.deepEqual(await removePartFile(path.join(env.dir, 'keep.txt')), [], 'only names of our pattern');
      assert.deepEqual(await fs.readdir(env.dir), ['keep.txt']);
    });

    it('sweepStalePartFiles respects the age and only our pattern', async () => {
      const name = '.a.mp3.00112233aabb.part';
      await fs.writeFile(path.join(env.dir, name), 'x');
      assert.deepEqual(await sweepStalePartFiles(env.dir, 60_000), []);
      assert.deepEqual(await sweepStalePartFiles(env.dir, 60_000, Date.now() + 120_000), [name]);
      assert.equal(isPartFileName('.a.mp3.00112233aabb.part'), true);
      assert.equal(isPartFileName('.a.mp3.00112233AABB.part'), false);
      assert.equal(isPartFileName('a.mp3.00112233aabb.part'), false);
      assert.deepEqual(await sweepStalePartFiles(path.join(env.dir, 'missing')), []);
    });
  });
});

async function etagOf(emulator: RunningEmulator, mediaId: string): Promise<string> {
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
