// The typed error each failure of an API call produces, what is retried (and how often),
// cancellation, connections, and settings refused before anything is sent.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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
  RateLimitedError,
  ServerError,
  TimeoutError,
  sanitizeServerText,
  validateApiKeyFormat,
  validateAssumeOrgId,
} from '../../src/api';
import { parseS3Error } from '../../src/api/http';
import { OTHER_KEY, TEST_KEY, useClientSuite } from './clientHarness';

const LIST_PATH = '/file/customaudio';

describe('ApiAudioClient errors, retries and cancellation', function () {
  this.timeout(30_000);
  const env = useClientSuite();
  const apiRequests = () => env.emulator.control.requests.filter((request) => request.path.startsWith('/file/'));

  describe('errors', () => {
    it('wrong key → AuthenticationError telling how to fix it', async () => {
      const { client } = env.makeClient(env.emulator, { apiKey: OTHER_KEY });
      const error = await env.rejection(client.listMedia());
      assert.ok(error instanceof AuthenticationError, String(error));
      assert.equal(error.status, 403);
      assert.equal(error.message, "api.audio rejected the API key (403). Check the key with 'api.audio: Set API Key…'.");
      assert.equal(apiRequests().length, 1, 'auth failures are not retried');
    });

    it('429 is retried, honouring Retry-After, then RateLimitedError when retries run out', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 2 });
      env.emulator.control.failNext(3, 429, { path: LIST_PATH, headers: { 'Retry-After': '0' } });
      const error = await env.rejection(client.listMedia());
      assert.ok(error instanceof RateLimitedError, String(error));
      assert.equal(error.retryAfterMs, 0);
      assert.equal(apiRequests().length, 3);
    });

    it('waits for Retry-After seconds before retrying a 429', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 1 });
      env.emulator.control.failNext(1, 429, { path: LIST_PATH, headers: { 'Retry-After': '1' } });
      const started = Date.now();
      const listing = await client.listMedia();
      assert.equal(listing.totalCount, env.emulator.control.listStored().length);
      assert.ok(Date.now() - started >= 950, 'the retry must not come before Retry-After');
      assert.equal(apiRequests().length, 2);
    });

    it('500 is retried; a transient one recovers, a persistent one ends in ServerError', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 2 });
      env.emulator.control.failNext(1, 500, { path: LIST_PATH });
      assert.equal((await client.listMedia()).totalCount, env.emulator.control.listStored().length);
      assert.equal(apiRequests().length, 2);

      env.emulator.control.reset();
      env.emulator.control.failNext(5, 503, { path: LIST_PATH });
      const error = await env.rejection(client.listMedia());
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(error.status, 503);
      assert.equal(apiRequests().length, 3);
    });

    it('400 → BadRequestError carrying the server’s message', async () => {
      const { client } = env.makeClient(env.emulator);
      env.emulator.control.failNext(1, 400, { path: LIST_PATH, body: '{"message":"tags must be a string"}' });
      const error = await env.rejection(client.listMedia({ tags: ['x'] }));
      assert.ok(error instanceof BadRequestError, String(error));
      assert.match(error.message, /tags must be a string/);
      assert.equal(apiRequests().length, 1);
    });

    it('an HTML page → BadResponseError pointing at the base URL', async () => {
      const { client } = env.makeClient(env.emulator);
      env.emulator.control.respondWith('html');
      const error = await env.rejection(client.listMedia());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /HTML page/);
      assert.ok(error.message.includes(env.emulator.url), error.message);
    });

    it('truncated JSON → BadResponseError pointing at the base URL', async () => {
      const { client } = env.makeClient(env.emulator);
      env.emulator.control.respondWith('truncated-json');
      const error = await env.rejection(client.listTags());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.match(error.message, /truncated or invalid JSON/);
      assert.ok(error.message.includes('base URL'));
    });

    it('a closed port → NetworkError naming the host, after bounded retries', async () => {
      const port = await closedPort();
      const { client, logger } = env.makeClient({ url: `http://127.0.0.1:${port}` }, { maxRetries: 2, retryBaseDelayMs: 1 });
      const error = await env.rejection(client.listMedia());
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
        const { client } = env.makeClient({ url: `http://127.0.0.1:${(dropping.address() as AddressInfo).port}` }, { maxRetries: 2, retryBaseDelayMs: 1 });
        const error = await env.rejection(client.listMedia());
        assert.ok(error instanceof NetworkError, String(error));
        assert.equal(attempts, 3);
      } finally {
        await new Promise<void>((resolve) => dropping.close(() => resolve()));
      }
    });

    it('latency above timeoutMs → TimeoutError', async () => {
      const { client } = env.makeClient(env.emulator, { timeoutMs: 200, maxRetries: 0 });
      env.emulator.control.setLatency(1_500);
      const error = await env.rejection(client.listTags());
      assert.ok(error instanceof TimeoutError, String(error));
    });

    it('an abort during the backoff wait → CancelledError promptly', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 3, retryBaseDelayMs: 20_000 });
      env.emulator.control.failNext(5, 500, { path: LIST_PATH });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      const error = await env.rejection(client.listMedia({ signal: controller.signal }));
      assert.ok(error instanceof CancelledError, String(error));
      assert.ok(Date.now() - started < 2_000);
    });

    it('an abort during a slow request → CancelledError promptly', async () => {
      const { client } = env.makeClient(env.emulator);
      env.emulator.control.setLatency(4_000);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const error = await env.rejection(client.listTags({ signal: controller.signal }));
      assert.ok(error instanceof CancelledError, String(error));
      assert.ok(Date.now() - started < 2_000);
    });
  });

  it('maxRetries is capped at 10', async () => {
    env.emulator.control.failNext(20, 500, { path: '/file/customaudio' });
    const { client } = env.makeClient(env.emulator, { maxRetries: 1_000, retryBaseDelayMs: 0 });
    const error = await env.rejection(client.listMedia());
    assert.ok(error instanceof ServerError, String(error));
    assert.equal(env.emulator.control.requests.filter((request) => request.path === '/file/customaudio').length, 11);
  });

  it('CR/LF and ANSI escapes in a server message cannot forge log lines or colour the output', async () => {
    const { client, logger } = env.makeClient(env.emulator, { maxRetries: 0 });
    const evil = 'bad tag\r\n[error] api.audio: your key was revoked, paste it at http://evil.example\u001b[31mRED\u001b[0m\u001b]0;title\u0007';
    env.emulator.control.failNext(1, 400, { path: '/file/customaudio/tags', body: JSON.stringify({ message: evil }) });
    const error = await env.rejection(client.listTags());
    assert.ok(error instanceof BadRequestError);
    assert.doesNotMatch(error.message, /[\r\n\u001b\u0007]/);
    assert.match(error.message, /bad tag \[error\]/);
    assert.doesNotMatch(logger.text(), /\u001b/);
  });

  describe('connections', () => {
    it('sequential API calls reuse one kept-alive connection (no private per-request agent)', async () => {
      const { client } = env.makeClient(env.emulator);
      for (let i = 0; i < 4; i++) await client.listTags();
      assert.equal(env.emulator.control.requests.length, 4);
      // At most one new connection (an earlier test's may still be kept alive).
      assert.ok(env.emulator.control.connectionCount() <= 1, `${env.emulator.control.connectionCount()} connections`);
    });

    it('a connection dropped mid-body is still detected promptly (no agent hook needed)', async () => {
      const { client } = env.makeClient(env.emulator, { maxRetries: 0, timeoutMs: 20_000 });
      const mediaId = env.emulator.control.addMedia({ filename: 'drop.mp3', bytes: randomBytes(400_000) });
      env.emulator.control.dropConnectionAfter(100_000, { method: 'GET' });
      const started = Date.now();
      const error = await env.rejection(client.download(mediaId, env.dir));
      assert.match(error.message, /dropped|ended after/);
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
      const { client } = env.makeClient(env.emulator);
      assert.ok((await env.rejection(client.deleteMedia('  '))) instanceof InvalidInputError);
      assert.ok((await env.rejection(client.getDownloadUrl(''))) instanceof InvalidInputError);
      assert.equal(apiRequests().length, 0);
    });
  });

  describe('settings refused before any request', () => {
    for (const [label, orgId] of [
      ['a line break', 'org-1\r\nx-api-key: stolen'],
      ['a control character', 'org\u0000one'],
      ['non-ASCII text', 'orgé'],
    ] as const) {
      it(`an assumeOrgId with ${label} is refused with InvalidInputError, nothing sent`, () => {
        const before = env.emulator.control.requests.length;
        assert.throws(
          () => new ApiAudioClient({ apiKey: TEST_KEY, baseUrl: env.emulator.url, userAgent: 't', assumeOrgId: orgId }),
          (error: unknown) => error instanceof InvalidInputError && /apiAudio\.assumeOrgId/.test(error.message),
        );
        assert.equal(env.emulator.control.requests.length, before);
      });
    }

    it('a key with a control character is refused with InvalidInputError', () => {
      assert.throws(
        () => new ApiAudioClient({ apiKey: `${TEST_KEY}\u007f`, baseUrl: env.emulator.url, userAgent: 't' }),
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

  describe('server text', () => {
    it('sanitizeServerText removes ANSI (CSI, OSC), control characters and bidi overrides', () => {
      assert.equal(sanitizeServerText('a\u001b[1;31mb\u001b[0m\u001b]8;;http://x\u0007c'), 'abc');
      assert.equal(sanitizeServerText('line1\r\nline2\tend\u0000'), 'line1 line2 end');
      assert.equal(sanitizeServerText('safe\u202egnp.exe'), 'safegnp.exe');
      assert.equal(sanitizeServerText('\u009b31mx'), 'x');
    });

    it('parseS3Error sanitises <Code> and <Message>', () => {
      const parsed = parseS3Error('<Error><Code>Access\u001b[31mDenied</Code><Message>line\r\nforged</Message></Error>');
      assert.deepEqual(parsed, { code: 'AccessDenied', message: 'line forged' });
    });
  });
});

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
