// Listing, tags, download links and delete against the emulator over real sockets: what
// is sent (query, headers), what comes back (normalised items, metadata), and the names
// and informational headers a server chooses, cleaned on arrival.

import * as assert from 'node:assert/strict';
import { NotFoundError, ServerError, BadResponseError } from '../../src/api';
import { sanitizeServerName } from '../../src/api/serverText';
import { PUBLIC_SEED, SEED } from '../emulator';
import { TEST_KEY, adHocServer, useClientSuite } from './clientHarness';

const LIST_PATH = '/file/customaudio';

describe('ApiAudioClient listing, tags, links and delete', function () {
  const env = useClientSuite();
  const apiRequests = () => env.emulator.control.requests.filter((request) => request.path.startsWith('/file/'));

  describe('listMedia', () => {
    it('normalises every seeded item and keeps extra fields as metadata', async () => {
      const { client } = env.makeClient(env.emulator);
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
      const { client } = env.makeClient(env.emulator);
      const listing = await client.listMedia({ tags: ['music', 'intro'] });
      const expected = SEED.filter((seed) => seed.tags.includes('music') && seed.tags.includes('intro'));
      assert.deepEqual(listing.items.map((item) => item.filename).sort(), expected.map((seed) => seed.filename).sort());
      assert.equal(apiRequests()[0].query.tags, 'music,intro');
    });

    it('sends only mediaId when both mediaId and tags are given (mediaId wins)', async () => {
      const { client } = env.makeClient(env.emulator);
      const target = SEED[2];
      const listing = await client.listMedia({ mediaId: target.mediaId, tags: ['voice'] });
      assert.deepEqual(listing.items.map((item) => item.mediaId), [target.mediaId]);
      assert.deepEqual(apiRequests()[0].query, { mediaId: target.mediaId });
    });

    it('sends public=true only when asked, and lists the public library', async () => {
      const { client } = env.makeClient(env.emulator);
      const publicListing = await client.listMedia({ public: true });
      assert.deepEqual(publicListing.items.map((item) => item.filename).sort(), PUBLIC_SEED.map((seed) => seed.filename).sort());
      await client.listMedia({ public: false });
      const [first, second] = apiRequests();
      assert.equal(first.query.public, 'true');
      assert.equal('public' in second.query, false);
    });

    it('asks for download links with target=download', async () => {
      const { client } = env.makeClient(env.emulator);
      const listing = await client.listMedia({ downloadUrl: true, tags: ['voice'] });
      assert.equal(apiRequests()[0].query.target, 'download');
      assert.ok(listing.items.length > 0);
      for (const item of listing.items) {
        assert.match(item.downloadUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/s3\//);
        assert.equal('downloadUrl' in item.metadata, false);
      }
    });

    it('returns an empty listing for an unknown mediaId', async () => {
      const { client } = env.makeClient(env.emulator);
      assert.deepEqual(await client.listMedia({ mediaId: 'ffffffff' }), { items: [], totalCount: 0 });
    });

    it('tolerates an empty object body ({}) as an empty listing', async () => {
      const { client } = env.makeClient(env.emulator);
      env.emulator.control.failNext(1, 200, { path: LIST_PATH, body: '{}' });
      assert.deepEqual(await client.listMedia({ mediaId: SEED[0].mediaId }), { items: [], totalCount: 0 });
    });

    it('sends x-api-key, User-Agent and Accept, and no x-assume-org by default', async () => {
      const { client } = env.makeClient(env.emulator);
      await client.listMedia();
      const headers = apiRequests()[0].headers;
      assert.equal(headers['x-api-key'], TEST_KEY);
      assert.equal(headers['user-agent'], 'apiaudio-media-tests/1.0');
      assert.equal(headers.accept, 'application/json');
      assert.equal(headers['x-assume-org'], undefined);
      assert.equal(headers.authorization, undefined);
    });

    it('logs each request as "METHOD path?query → status (n ms)"', async () => {
      const { client, logger } = env.makeClient(env.emulator);
      await client.listMedia({ tags: ['music'] });
      assert.ok(
        logger.lines.some((line) => line.level === 'debug' && /^GET \/file\/customaudio\?tags=music → 200 \(\d+ ms\)$/.test(line.message)),
        logger.text(),
      );
    });
  });

  describe('assume-org', () => {
    it('sends x-assume-org and sees only that organisation’s library', async () => {
      const { client: child } = env.makeClient(env.emulator, { assumeOrgId: 'child-org-1' });
      const { client: parent } = env.makeClient(env.emulator);
      const childId = env.emulator.control.addMedia({ filename: 'child-only.mp3', tags: ['child'], org: 'child-org-1' });

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
      const { client } = env.makeClient(env.emulator);
      const expected = [...new Set(SEED.flatMap((seed) => seed.tags))].sort();
      assert.deepEqual((await client.listTags()).sort(), expected);
      assert.equal(apiRequests()[0].path.replace(/\/$/, ''), '/file/customaudio/tags');
    });
  });

  describe('getDownloadUrl', () => {
    it('returns a presigned link for one file, asked with mediaId and target=download', async () => {
      const { client } = env.makeClient(env.emulator);
      const url = await client.getDownloadUrl(SEED[0].mediaId);
      assert.match(url, /Signature=/);
      assert.deepEqual(apiRequests()[0].query, { mediaId: SEED[0].mediaId, target: 'download' });
    });

    it('throws NotFoundError naming the id when the file does not exist', async () => {
      const { client } = env.makeClient(env.emulator);
      const error = await env.rejection(client.getDownloadUrl('deadbeef'));
      assert.ok(error instanceof NotFoundError, String(error));
      assert.match(error.message, /No media with id "deadbeef" in this organisation\./);
    });
  });

  describe('deleteMedia', () => {
    it('deletes with DELETE /file/customaudio?mediaId=…', async () => {
      const { client } = env.makeClient(env.emulator);
      const id = env.emulator.control.addMedia({ filename: 'to-delete.mp3' });
      await client.deleteMedia(id);
      assert.equal(env.emulator.control.listStored().some((item) => item.mediaId === id), false);
      const request = apiRequests()[0];
      assert.equal(request.method, 'DELETE');
      assert.deepEqual(request.query, { mediaId: id });
    });

    it('reads the error text from a capital-M "Message" body', async () => {
      const { client } = env.makeClient(env.emulator);
      const error = await env.rejection(client.deleteMedia('0badc0de'));
      assert.ok(error instanceof NotFoundError, String(error));
      assert.match(error.message, /Media file 0badc0de not found/);
    });

    it('is not retried on a server error', async () => {
      const { client } = env.makeClient(env.emulator);
      const id = env.emulator.control.addMedia({ filename: 'kept.mp3' });
      env.emulator.control.failNext(1, 500, { path: LIST_PATH });
      const error = await env.rejection(client.deleteMedia(id));
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(apiRequests().filter((request) => request.method === 'DELETE').length, 1);
    });
  });

  describe('informational headers', () => {
    it('logs Warning and x-sdk-latest once per distinct value, and never fails on them', async () => {
      env.emulator.control.setWarning('This API version is deprecated');
      env.emulator.control.setSdkLatest('0.17.0');
      const { client, logger } = env.makeClient(env.emulator);
      await client.listMedia();
      await client.listTags();
      await client.listMedia();
      const warnings = () => logger.lines.filter((line) => line.level === 'warn' && line.message.includes('This API version is deprecated'));
      const latest = () => logger.lines.filter((line) => line.message.includes('0.17.0'));
      assert.equal(warnings().length, 1, logger.text());
      assert.equal(latest().length, 1, logger.text());

      env.emulator.control.setWarning('Maintenance tonight');
      env.emulator.control.setSdkLatest('0.18.0');
      await client.listTags();
      await client.listTags();
      assert.equal(logger.lines.filter((line) => line.message.includes('Maintenance tonight')).length, 1);
      assert.equal(logger.lines.filter((line) => line.message.includes('0.18.0')).length, 1);
      env.emulator.control.setWarning(undefined);
      env.emulator.control.setSdkLatest(undefined);
    });

    it('treats each quoted string of a Warning header as one warning', async () => {
      const { client, logger } = env.makeClient(env.emulator);
      env.emulator.control.failNext(1, 200, {
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

  describe('what the server names and sends', () => {
    it('names arrive without ANSI escapes, forged line breaks or direction overrides', async () => {
      const { client } = env.makeClient(env.emulator);
      const mediaId = env.emulator.control.addMedia({
        filename: '\u001b[31mred\u001b[0m\r\n[error] fake log line\u202e3pm.wav',
        tags: ['ok', 'multi\nline', '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007', '\u200b'],
      });
      const { items } = await client.listMedia({ mediaId });
      assert.equal(items.length, 1);
      assert.equal(items[0].filename, 'red [error] fake log line3pm.wav');
      assert.deepEqual(items[0].tags, ['ok', 'multi line', 'link']);
    });

    it('ordinary names are passed through unchanged (no copy, no cost)', () => {
      for (const name of ['voice-welcome.wav', 'Über Grüße.mp3', 'a b.wav', '日本語.mp3']) {
        assert.equal(sanitizeServerName(name), name);
      }
      assert.equal(sanitizeServerName('  padded  '), 'padded');
    });

    it('a Warning header with 900 values logs a handful of lines, and a client a bounded number in all', async () => {
      const { client, logger } = env.makeClient(env.emulator);
      // 900 distinct values in one header (kept under Node's 16 KiB header limit).
      const many = (round: number) => Array.from({ length: 900 }, (_, i) => `299 - "${round}w${i}"`).join(',');
      for (let i = 0; i < 5; i++) {
        env.emulator.control.failNext(1, 200, { path: '/file/customaudio/tags', body: '{"uniqueTags":[]}', headers: { Warning: many(i) } });
        await client.listTags();
      }
      const warnings = logger.lines.filter((line) => line.level === 'warn');
      assert.ok(warnings.length <= 11, `${warnings.length} warning lines`);
      assert.ok(warnings.length >= 3);
      assert.equal(warnings.filter((line) => /more warnings than are logged/.test(line.message)).length, 1);
    });

    it('a Warning value is sanitised and cut before it is logged', async () => {
      const { client, logger } = env.makeClient(env.emulator);
      env.emulator.control.failNext(1, 200, { path: '/file/customaudio/tags', body: '{"uniqueTags":[]}', headers: { Warning: `299 - "deprecated\tsoon ${'word '.repeat(400)}"` } });
      await client.listTags();
      const line = logger.lines.find((entry) => /api\.audio warning/.test(entry.message));
      assert.ok(line);
      assert.match(line.message, /^api\.audio warning: deprecated soon (word ?)+$/);
      assert.ok(line.message.length < 600);
    });

    it('item metadata is a prototype-free record: a "__proto__" key is only a key', async () => {
      const { client } = env.makeClient(env.emulator);
      const server = await adHocServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"savedAudioFiles":[{"mediaId":"p1","filename":"p.mp3","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":1}}}]}');
      });
      try {
        const { client: adHoc } = env.makeClient(server);
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

  describe('listing normalisation (a server answering any JSON)', () => {
    let body = '';
    const answer = () =>
      adHocServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body);
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
      const server = await answer();
      try {
        const { client } = env.makeClient(server);
        const listing = await client.listMedia();
        assert.deepEqual(listing.items.map((item) => ({ ...item, metadata: { ...item.metadata } })), [
          { mediaId: 'a1', filename: 'one.mp3', tags: [], metadata: {} },
          { mediaId: 'b2', filename: 'two.wav', tags: ['t'], metadata: { lengthSeconds: 3, owner: { name: 'n' } } },
        ]);
        assert.equal(listing.totalCount, 3);
      } finally {
        await server.close();
      }
    });

    it('answers {} with an empty listing and [] tags', async () => {
      body = '{}';
      const server = await answer();
      try {
        const { client } = env.makeClient(server);
        assert.deepEqual(await client.listMedia(), { items: [], totalCount: 0 });
        assert.deepEqual(await client.listTags(), []);
      } finally {
        await server.close();
      }
    });

    it('rejects a body of the wrong shape with BadResponseError', async () => {
      body = '{"savedAudioFiles":"nope"}';
      const server = await answer();
      try {
        const { client } = env.makeClient(server);
        assert.ok((await env.rejection(client.listMedia())) instanceof BadResponseError);
      } finally {
        await server.close();
      }
    });
  });
});
