// Reviewer findings on the client, each reproduced over real sockets: redirects, malformed
// upload links, stalled bodies, placeholder clean-up, redaction before truncation, the
// retry cap and cancellation during the late conflict prompt.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fsModule from 'node:fs';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import * as sinon from 'sinon';
import {
  BadRequestError,
  BadResponseError,
  CancelledError,
  LocalFileError,
  ServerError,
  type ConflictChoice,
} from '../../src/api';
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

interface AdHocServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** A throwaway local server that records every request and answers with `handler`. */
async function adHocServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<AdHocServer> {
  const requests: AdHocServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

describe('ApiAudioClient hardening (reviewer findings)', function () {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    sinon.restore();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('an API redirect to another host → BadResponseError, not followed, the key never sent there', async () => {
    const elsewhere = await adHocServer((_req, res) => sendJson(res, 200, { savedAudioFiles: [], totalCount: 0 }), '127.0.0.2');
    const api = await adHocServer((_req, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}/file/customaudio?token=abc`, 'Content-Length': '0' });
      res.end();
    });
    try {
      const { client } = makeClient(api, { assumeOrgId: 'child-org', maxRetries: 3 });
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /redirect/);
      assert.match(error.message, /127\.0\.0\.2/);
      assert.match(error.message, /base URL/);
      assert.doesNotMatch(error.message, /token=abc/);
      assert.equal(api.requests.length, 1, 'a redirect is not retried');
      assert.deepEqual(
        elsewhere.requests.filter((request) => request.headers['x-api-key'] !== undefined || request.headers['x-assume-org'] !== undefined),
        [],
      );
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await api.close();
      await elsewhere.close();
    }
  });

  it('an unparseable fileUploadUrl → BadResponseError without the URL’s secrets', async () => {
    const api = await adHocServer((_req, res) =>
      sendJson(res, 200, { mediaId: 'm1', fileUploadUrl: 'https://exa mple.com/k?X-Amz-Signature=secret' }),
    );
    try {
      const { client } = makeClient(api);
      const file = await writeTempFile(dir, 'bad-link.mp3', randomBytes(1_000));
      const error = await rejection(client.upload(file));
      assert.ok(error instanceof BadResponseError, String(error));
      assert.doesNotMatch(`${error.message}\n${error.stack ?? ''}`, /secret/);
      assert.equal(api.requests.length, 1);
    } finally {
      await api.close();
    }
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
      const { client } = makeClient({ url: 'http://127.0.0.1:9' }, { retryBaseDelayMs: 1, timeoutMs: 60_000 });
      const result = await client.download(`${server.url}/b/stall.mp3?Signature=x`, dir);
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

  it('no hard links and the final rename fails → no 0-byte placeholder under the final name', async () => {
    const bytes = randomBytes(10_000);
    const server = await adHocServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(bytes.length) });
      res.end(bytes);
    });
    const target = path.join(dir, 'placeholder.mp3');
    const realLink = fsModule.promises.link;
    const realRename = fsModule.promises.rename;
    sinon.stub(fsModule.promises, 'link').callsFake(async (from, to) => {
      if (String(to).startsWith(dir)) {
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
      const { client } = makeClient({ url: 'http://127.0.0.1:9' });
      const error = await rejection(client.download(`${server.url}/b/placeholder.mp3?Signature=x`, dir));
      assert.ok(error instanceof LocalFileError, String(error));
      assert.deepEqual(await fs.readdir(dir), [], 'neither the placeholder nor the temp file may remain');
    } finally {
      await server.close();
    }
  });

  it('a PUT redirected by storage → one PUT only, a clear non-retried error', async () => {
    const api: AdHocServer = await adHocServer((req, res) => {
      if (req.method === 'GET') {
        sendJson(res, 200, { mediaId: 'm2', fileUploadUrl: `${api.url}/bucket/k.mp3?X-Amz-Signature=putsecret` });
        return;
      }
      req.resume();
      req.on('end', () => {
        res.writeHead(307, { Location: `${api.url}/elsewhere/k.mp3`, 'Content-Length': '0' });
        res.end();
      });
    });
    try {
      const { client } = makeClient(api, { maxRetries: 2 });
      const file = await writeTempFile(dir, 'redirected.mp3', randomBytes(50_000));
      const error = await rejection(client.upload(file));
      assert.ok(error instanceof BadResponseError || error instanceof BadRequestError, String(error));
      assert.match(error.message, /redirected the upload/);
      assert.doesNotMatch(error.message, /putsecret/);
      assert.equal(api.requests.filter((request) => request.method === 'PUT').length, 1);
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
        const { client } = makeClient(api, { maxRetries: 2 });
        const file = await writeTempFile(dir, `status-${status}.mp3`, randomBytes(1_000));
        const error = await rejection(client.upload(file));
        assert.ok(error instanceof BadResponseError, `${status}: ${String(error)}`);
        assert.match(error.message, new RegExp(`status ${status}`));
        assert.equal(api.requests.filter((request) => request.method === 'PUT').length, 1);
      } finally {
        await api.close();
      }
    }
  });

  describe('with the emulator', () => {
    let emulator: TestEmulator;
    before(async () => {
      emulator = await startTestEmulator();
    });
    after(async () => {
      await emulator.close();
    });
    beforeEach(() => {
      emulator.control.reset();
    });

    it('a long server message is redacted before it is cut (key straddling the cut)', async () => {
      const signature = randomBytes(20).toString('hex');
      recorded.secrets.add(signature);
      const message = `${'x'.repeat(480)}${TEST_KEY} and https://b.s3/k?X-Amz-Signature=${signature}`;
      emulator.control.failNext(1, 400, { path: '/file/customaudio', body: JSON.stringify({ message }) });
      const { client } = makeClient(emulator);
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof BadRequestError, String(error));
      assert.doesNotMatch(error.message, new RegExp(TEST_KEY.slice(0, 16)));
      assert.match(error.message, /REDACTED/);
    });

    it('maxRetries is capped at 10', async () => {
      emulator.control.failNext(20, 500, { path: '/file/customaudio' });
      const { client } = makeClient(emulator, { maxRetries: 1_000, retryBaseDelayMs: 0 });
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(emulator.control.requests.filter((request) => request.path === '/file/customaudio').length, 11);
    });

    it('a cancel during the late overwrite prompt → CancelledError, the existing file untouched', async () => {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({ filename: 'late-cancel.mp3', bytes: randomBytes(200_000) });
      emulator.control.throttle(1_000_000);
      const existing = path.join(dir, 'late-cancel.mp3');
      const controller = new AbortController();
      let created: Promise<void> | undefined;
      let asked = 0;
      const error = await rejection(
        client.download(mediaId, dir, {
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
      assert.deepEqual(await partFiles(dir), []);
    });
  });
});
