// Redirects: the API is never followed (the key would go along); storage GETs follow only
// to https: or loopback http:; a PUT is never followed (a streamed body cannot be resent).

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { BadRequestError, BadResponseError } from '../../src/api';
import { resolveRedirect } from '../../src/api/http';
import { adHocServer, sendJson, useClientSuite, writeTempFile, type AdHocServer } from './clientHarness';

describe('ApiAudioClient redirects', function () {
  this.timeout(30_000);
  const env = useClientSuite();

  it('an API redirect to another host → BadResponseError, not followed, the key never sent there', async () => {
    const elsewhere = await adHocServer((_req, res) => sendJson(res, 200, { savedAudioFiles: [], totalCount: 0 }), '127.0.0.2');
    const api = await adHocServer((_req, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}/file/customaudio?token=abc`, 'Content-Length': '0' });
      res.end();
    });
    try {
      const { client } = env.makeClient(api, { assumeOrgId: 'child-org', maxRetries: 3 });
      const error = await env.rejection(client.listMedia());
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
      const { client } = env.makeClient(api, { maxRetries: 2 });
      const file = await writeTempFile(env.dir, 'redirected.mp3', randomBytes(50_000));
      const error = await env.rejection(client.upload(file));
      assert.ok(error instanceof BadResponseError || error instanceof BadRequestError, String(error));
      assert.match(error.message, /redirected the upload/);
      assert.doesNotMatch(error.message, /putsecret/);
      assert.equal(api.requests.filter((request) => request.method === 'PUT').length, 1);
    } finally {
      await api.close();
    }
  });

  it('a storage redirect to plain http: on another host is not followed', async () => {
    let hits = 0;
    const server = await adHocServer((_req, res) => {
      hits++;
      res.writeHead(307, { Location: 'http://192.0.2.1:9/stolen.mp3' });
      res.end();
    });
    try {
      const { client } = env.makeClient({ url: 'http://127.0.0.1:9' }, { maxRetries: 0 });
      const error = await env.rejection(client.download(`${server.url}/b/redirect.mp3?Signature=x`, env.dir));
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /http:\/\/192\.0\.2\.1:9\/stolen\.mp3, which is not an https: address; it was not followed/);
      assert.equal(hits, 1);
      assert.deepEqual(await fs.readdir(env.dir), []);
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
      const { client } = env.makeClient({ url: 'http://127.0.0.1:9' });
      const result = await client.download(`${server.url}/first/followed.mp3`, env.dir);
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
