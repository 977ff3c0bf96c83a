// The emulator itself, over real sockets. Expectations come from SEED / PUBLIC_SEED.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { PUBLIC_SEED, SEED, startEmulator, type RunningEmulator } from '../emulator';
import { receive, send, type Reply } from './rawHttp';

const KEY = 'emulator-test-key-0123456789abcdef';

describe('api.audio emulator', function () {
  let emu: RunningEmulator;
  const api = (pathAndQuery: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    send(init.method ?? 'GET', `${emu.url}${pathAndQuery}`, { headers: init.headers ?? { 'x-api-key': KEY } });
  const apiJson = async (pathAndQuery: string, init: { method?: string; headers?: Record<string, string> } = {}) => {
    const reply = await api(pathAndQuery, init);
    assert.match(String(reply.headers['content-type']), /^application\/json/);
    return { status: reply.status, headers: reply.headers, json: JSON.parse(reply.text) as Record<string, unknown> & { savedAudioFiles: Array<Record<string, unknown>> } };
  };
  const ids = (files: Array<Record<string, unknown>>) => files.map((f) => f.mediaId).sort();

  beforeEach(async () => {
    emu = await startEmulator({ apiKeys: [KEY] });
  });
  afterEach(async () => {
    await emu.close();
  });

  describe('API', () => {
    it('answers 403 JSON without a key or with a wrong one, and accepts Bearer', async () => {
      const none = await apiJson('/file/customaudio', { headers: {} });
      assert.equal(none.status, 403);
      assert.deepEqual(none.json, { message: 'Forbidden' });
      const wrong = await apiJson('/file/customaudio', { headers: { 'x-api-key': 'nope' } });
      assert.equal(wrong.status, 403);
      const wrongBearer = await apiJson('/file/customaudio', { headers: { authorization: 'Bearer nope' } });
      assert.equal(wrongBearer.status, 403);
      const bearer = await apiJson('/file/customaudio', { headers: { authorization: `Bearer ${KEY}` } });
      assert.equal(bearer.status, 200);
      assert.equal(bearer.json.totalCount, SEED.length);
    });

    it('lists the seed with and without trailing slashes', async () => {
      for (const p of ['/file/customaudio', '/file/customaudio/']) {
        const { status, json } = await apiJson(p);
        assert.equal(status, 200);
        assert.deepEqual(ids(json.savedAudioFiles), SEED.map((s) => s.mediaId).sort());
        assert.equal(json.totalCount, SEED.length);
      }
      for (const p of ['/file/customaudio/tags', '/file/customaudio/tags/']) {
        const { json } = await apiJson(p);
        assert.deepEqual(json.uniqueTags, [...new Set(SEED.flatMap((s) => s.tags))].sort());
      }
    });

    it('returns seed extras as extra fields and [] for the untagged file', async () => {
      const { json } = await apiJson('/file/customaudio');
      for (const seed of SEED) {
        const item = json.savedAudioFiles.find((f) => f.mediaId === seed.mediaId);
        assert.deepEqual(item, { mediaId: seed.mediaId, filename: seed.filename, tags: [...seed.tags], ...seed.extra });
      }
      assert.equal(SEED.filter((s) => s.tags.length === 0).length, 1);
      assert.equal(SEED.filter((s) => s.tags.length === 3).length, 1);
    });

    it('answers 404 JSON for unknown routes and 400 for missing parameters', async () => {
      const unknown = await apiJson('/file/nothing');
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.json, { message: 'Not Found' });
      const noName = await apiJson('/file/customaudio/uploadurl');
      assert.equal(noName.status, 400);
      assert.equal(typeof noName.json.message, 'string');
      const noId = await apiJson('/file/customaudio', { method: 'DELETE' });
      assert.equal(noId.status, 400);
    });

    it('reads booleans case-insensitively and serves the public library', async () => {
      for (const value of ['true', 'True', 'TRUE']) {
        const { json } = await apiJson(`/file/customaudio?public=${value}`);
        assert.deepEqual(ids(json.savedAudioFiles), PUBLIC_SEED.map((s) => s.mediaId).sort(), value);
      }
      const own = await apiJson('/file/customaudio/?public=false&unknownParam=1');
      assert.equal(own.json.totalCount, SEED.length);
    });

    it('filters tags with AND, and mediaId wins over tags', async () => {
      const { json } = await apiJson('/file/customaudio?tags=music,intro');
      const expected = SEED.filter((s) => s.tags.includes('music') && s.tags.includes('intro')).map((s) => s.mediaId);
      assert.ok(expected.length >= 1);
      assert.deepEqual(ids(json.savedAudioFiles), expected.sort());
      const untagged = SEED.find((s) => s.tags.length === 0)!;
      const byId = await apiJson(`/file/customaudio?mediaId=${untagged.mediaId}&tags=music`);
      assert.deepEqual(ids(byId.json.savedAudioFiles), [untagged.mediaId]);
    });

    it('answers an empty listing for an unknown mediaId', async () => {
      const { status, json } = await apiJson('/file/customaudio?mediaId=ffffffff');
      assert.equal(status, 200);
      assert.deepEqual(json, { savedAudioFiles: [], totalCount: 0 });
    });

    it('keeps a separate, empty library per x-assume-org', async () => {
      const headers = { 'x-api-key': KEY, 'x-assume-org': 'child-org' };
      assert.equal((await apiJson('/file/customaudio', { headers })).json.totalCount, 0);
      const id = emu.control.addMedia({ filename: 'child.mp3', tags: ['kid'], org: 'child-org' });
      assert.deepEqual(ids((await apiJson('/file/customaudio', { headers })).json.savedAudioFiles), [id]);
      assert.deepEqual((await apiJson('/file/customaudio/tags', { headers })).json.uniqueTags, ['kid']);
      assert.equal((await apiJson('/file/customaudio')).json.totalCount, SEED.length);
    });

    it('adds SigV2 download URLs for target=download and downloadUrl=true', async () => {
      const seed = SEED.find((s) => s.filename.endsWith('.wav'))!;
      for (const q of ['target=download', 'downloadUrl=TRUE']) {
        const { json } = await apiJson(`/file/customaudio?mediaId=${seed.mediaId}&${q}`);
        const downloadUrl = String(json.savedAudioFiles[0].downloadUrl);
        const parsed = new URL(downloadUrl);
        assert.equal(parsed.origin, emu.url);
        assert.ok(parsed.pathname.endsWith(`/${encodeURIComponent(seed.filename)}`));
        assert.match(parsed.searchParams.get('AWSAccessKeyId') ?? '', /^ASIA/);
        assert.match(parsed.searchParams.get('Expires') ?? '', /^\d{10}$/);
        assert.ok(parsed.searchParams.get('Signature'));
        assert.ok((parsed.searchParams.get('x-amz-security-token') ?? '').length > 100);
        const file = await send('GET', downloadUrl);
        assert.equal(file.status, 200);
        assert.equal(file.headers['content-type'], 'audio/wav');
        assert.equal(file.body.subarray(0, 4).toString('ascii'), 'RIFF');
        assert.deepEqual(file.body, emu.control.getStoredBytes(seed.mediaId));
      }
      const plain = await apiJson('/file/customaudio');
      assert.ok(plain.json.savedAudioFiles.every((f) => !('downloadUrl' in f)));
    });

    it('deletes, and answers 404 with a capital-M Message for an unknown id', async () => {
      const victim = SEED[0];
      const ok = await apiJson(`/file/customaudio?mediaId=${victim.mediaId}`, { method: 'DELETE' });
      assert.equal(ok.status, 200);
      assert.ok(!emu.control.listStored().some((m) => m.mediaId === victim.mediaId));
      const again = await apiJson(`/file/customaudio/?mediaId=${victim.mediaId}`, { method: 'DELETE' });
      assert.equal(again.status, 404);
      assert.equal(typeof again.json.Message, 'string');
    });

    it('sends x-sdk-latest and Warning when configured', async () => {
      emu.control.setSdkLatest('9.9.9');
      emu.control.setWarning('v1 is deprecated');
      const { headers } = await apiJson('/file/customaudio/tags');
      assert.equal(headers['x-sdk-latest'], '9.9.9');
      assert.equal(headers.warning, '299 - "v1 is deprecated"');
      emu.control.setWarning(undefined);
      assert.equal((await apiJson('/file/customaudio/tags')).headers.warning, undefined);
    });

    it('records every request, file URLs included', async () => {
      await api('/file/customaudio?tags=music');
      await send('GET', emu.control.signUrl(SEED[1].mediaId));
      const [first, second] = emu.control.requests;
      assert.equal(first.path, '/file/customaudio');
      assert.deepEqual(first.query, { tags: 'music' });
      assert.equal(first.headers['x-api-key'], KEY);
      assert.match(second.path, /^\/s3\//);
    });
  });

  describe('upload and download', () => {
    async function uploadUrl(filename: string, tags?: string): Promise<{ mediaId: string; fileUploadUrl: string }> {
      const q = `filename=${encodeURIComponent(filename)}${tags ? `&tags=${tags}` : ''}`;
      const { status, json } = await apiJson(`/file/customaudio/uploadurl?${q}`);
      assert.equal(status, 200);
      return json as unknown as { mediaId: string; fileUploadUrl: string };
    }

    it('round-trips uploadurl → PUT → list → download with identical bytes', async () => {
      const bytes = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256));
      const { mediaId, fileUploadUrl } = await uploadUrl('my take (1).wav', 'voice,new');
      assert.match(mediaId, /^[0-9a-f]{8}$/);
      assert.notEqual((await uploadUrl('my take (1).wav')).mediaId, mediaId, 'uploadurl is not idempotent');
      assert.equal((await apiJson(`/file/customaudio?mediaId=${mediaId}`)).json.totalCount, 0, 'not listed before the PUT');

      const put = await send('PUT', fileUploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: bytes });
      assert.equal(put.status, 200);
      assert.equal(put.body.length, 0);
      assert.equal(put.headers.etag, `"${createHash('md5').update(bytes).digest('hex')}"`);
      assert.equal(emu.control.requests.at(-1)?.headers['x-api-key'], undefined);

      const { json } = await apiJson(`/file/customaudio?tags=new&target=download`);
      assert.equal(json.totalCount, 1);
      const item = json.savedAudioFiles[0];
      assert.equal(item.mediaId, mediaId);
      assert.equal(item.filename, 'my take (1).wav');
      assert.deepEqual(item.tags, ['voice', 'new']);
      const file = await send('GET', String(item.downloadUrl));
      assert.equal(file.status, 200);
      assert.deepEqual(file.body, bytes);
      assert.equal(file.headers['content-length'], String(bytes.length));
      assert.equal(file.headers['content-type'], 'audio/mpeg');
      assert.equal(file.headers['accept-ranges'], 'bytes');
      assert.ok(file.headers['last-modified']);
      assert.equal(file.headers.etag, put.headers.etag);
    });

    it('hashes a large upload after answering; its GET carries the md5 ETag', async () => {
      const large = Buffer.alloc(6 << 20);
      for (let i = 0; i < large.length; i += 4096) large.writeUInt32LE(i, i);
      const md5 = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;
      const first = await uploadUrl('long take.wav');
      assert.equal((await send('PUT', first.fileUploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: large })).status, 200);
      const file = await send('GET', emu.control.signUrl(first.mediaId));
      assert.deepEqual(file.body, large);
      assert.equal(file.headers.etag, md5(large));

      // A small upload replacing a large one at once answers with its own ETag, and the
      // large one's late hash does not overwrite it.
      const second = await uploadUrl('replaced take.wav');
      await send('PUT', second.fileUploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: large });
      const small = Buffer.from('short take');
      const again = await send('PUT', second.fileUploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: small });
      assert.equal(again.headers.etag, md5(small));
      assert.equal((await send('GET', emu.control.signUrl(second.mediaId))).headers.etag, md5(small));
    });

    it('accepts a 0-byte upload', async () => {
      const { mediaId, fileUploadUrl } = await uploadUrl('empty.mp3');
      const put = await send('PUT', fileUploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: Buffer.alloc(0) });
      assert.equal(put.status, 200);
      assert.deepEqual(emu.control.getStoredBytes(mediaId), Buffer.alloc(0));
      const file = await send('GET', emu.control.signUrl(mediaId));
      assert.equal(file.status, 200);
      assert.equal(file.body.length, 0);
    });

    it('rejects a PUT without Content-Length', async () => {
      const { fileUploadUrl } = await uploadUrl('chunked.mp3');
      const reply = await new Promise<Reply>((resolve, reject) => {
        const req = http.request(fileUploadUrl, { method: 'PUT', agent: false, headers: { 'content-type': 'audio/mpeg' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), text: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.write('abc');
        req.end();
      });
      assert.equal(reply.status, 411);
      assert.match(reply.text, /<Code>MissingContentLength<\/Code>/);
    });

    it('rejects other content types with SignatureDoesNotMatch in strict mode only', async () => {
      const lax = await uploadUrl('lax.wav');
      assert.equal((await send('PUT', lax.fileUploadUrl, { headers: { 'content-type': 'audio/wav' }, body: Buffer.from('x') })).status, 200);
      await emu.close();
      emu = await startEmulator({ apiKeys: [KEY], strictContentType: true });
      const strict = await uploadUrl('strict.wav');
      const rejected = await send('PUT', strict.fileUploadUrl, { headers: { 'content-type': 'audio/wav' }, body: Buffer.from('x') });
      assert.equal(rejected.status, 403);
      assert.equal(rejected.headers['content-type'], 'application/xml');
      assert.match(rejected.text, /<Code>SignatureDoesNotMatch<\/Code>/);
      assert.equal((await send('PUT', strict.fileUploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: Buffer.from('x') })).status, 200);
    });

    it('answers XML 403 for expired URLs and tampered signatures', async () => {
      const { fileUploadUrl } = await uploadUrl('late.mp3');
      const download = emu.control.signUrl(SEED[0].mediaId);
      const tampered = new URL(download);
      tampered.searchParams.set('Signature', 'AAAA' + (tampered.searchParams.get('Signature') ?? '').slice(4));
      const bad = await send('GET', tampered.toString());
      assert.equal(bad.status, 403);
      assert.equal(bad.headers['content-type'], 'application/xml');
      assert.match(bad.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>SignatureDoesNotMatch<\/Code>/);
      const longer = new URL(download);
      longer.searchParams.set('Expires', String(Number(longer.searchParams.get('Expires')) + 10));
      assert.match((await send('GET', longer.toString())).text, /SignatureDoesNotMatch/);

      emu.control.expireUrlsNow();
      for (const [method, url] of [['GET', download], ['PUT', fileUploadUrl]] as const) {
        const expired = await send(method, url, { headers: { 'content-type': 'audio/mpeg' }, body: Buffer.from('late') });
        assert.equal(expired.status, 403, method);
        assert.equal(expired.headers['content-type'], 'application/xml');
        assert.match(expired.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
      }
      assert.equal((await send('GET', emu.control.signUrl(SEED[0].mediaId))).status, 200, 'URLs minted afterwards work');
    });

    it('expires URLs after urlTtlSeconds', async () => {
      await emu.close();
      emu = await startEmulator({ apiKeys: [KEY], urlTtlSeconds: -1 });
      const reply = await send('GET', emu.control.signUrl(SEED[0].mediaId));
      assert.equal(reply.status, 403);
      assert.match(reply.text, /Request has expired/);
    });

    it('answers NoSuchKey for a deleted object', async () => {
      const url = emu.control.signUrl(SEED[2].mediaId);
      await api(`/file/customaudio?mediaId=${SEED[2].mediaId}`, { method: 'DELETE' });
      const reply = await send('GET', url);
      assert.equal(reply.status, 404);
      assert.match(reply.text, /<Code>NoSuchKey<\/Code>/);
    });

    it('honours Range with 206 and 416', async () => {
      const seed = SEED[0];
      const whole = emu.control.getStoredBytes(seed.mediaId)!;
      const url = emu.control.signUrl(seed.mediaId);
      const tail = await send('GET', url, { headers: { range: 'bytes=100-' } });
      assert.equal(tail.status, 206);
      assert.equal(tail.headers['content-range'], `bytes 100-${whole.length - 1}/${whole.length}`);
      assert.deepEqual(tail.body, whole.subarray(100));
      const middle = await send('GET', url, { headers: { range: 'bytes=10-19' } });
      assert.equal(middle.status, 206);
      assert.deepEqual(middle.body, whole.subarray(10, 20));
      const beyond = await send('GET', url, { headers: { range: `bytes=${whole.length}-` } });
      assert.equal(beyond.status, 416);
      assert.equal(beyond.headers['content-range'], `bytes */${whole.length}`);
    });

    it('keeps its library across a restart on the same dataDir', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-test-'));
      try {
        await emu.close();
        emu = await startEmulator({ apiKeys: [KEY], dataDir });
        const { mediaId, fileUploadUrl } = await uploadUrl('kept.mp3', 'keep');
        await send('PUT', fileUploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: Buffer.from('persisted bytes') });
        await api(`/file/customaudio?mediaId=${SEED[0].mediaId}`, { method: 'DELETE' });
        await emu.close();

        emu = await startEmulator({ apiKeys: [KEY], dataDir });
        const { json } = await apiJson('/file/customaudio');
        const expected = [...SEED.slice(1).map((s) => s.mediaId), mediaId].sort();
        assert.deepEqual(ids(json.savedAudioFiles), expected, 'no reseed, no duplicates');
        assert.deepEqual(emu.control.getStoredBytes(mediaId), Buffer.from('persisted bytes'));
        assert.equal((await apiJson('/file/customaudio?public=true')).json.totalCount, PUBLIC_SEED.length);
        assert.ok(fs.existsSync(dataDir), 'a given dataDir is not removed');
      } finally {
        await emu.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('serves valid WAV and MP3 seed files', async () => {
      for (const seed of SEED) {
        const bytes = emu.control.getStoredBytes(seed.mediaId)!;
        if (seed.filename.endsWith('.wav')) {
          assert.equal(bytes.toString('ascii', 8, 12), 'WAVE');
          assert.equal(bytes.readUInt32LE(24), 44_100);
          assert.equal(bytes.readUInt32LE(40), bytes.length - 44);
          assert.ok(bytes.length > 44_100, 'at least 0.5 s of 16-bit mono');
        } else {
          assert.equal(bytes.length % 417, 0);
          assert.deepEqual([...bytes.subarray(417, 421)], [0xff, 0xfb, 0x90, 0x64]);
        }
      }
    });
  });

  describe('faults', () => {
    it('failNext answers the given status for matching requests only', async () => {
      emu.control.failNext(2, 429, { path: '/file/customaudio/tags', headers: { 'Retry-After': '1' } });
      const list = await apiJson('/file/customaudio');
      assert.equal(list.status, 200, 'a non-matching request does not consume the fault');
      for (let i = 0; i < 2; i++) {
        const limited = await apiJson('/file/customaudio/tags/');
        assert.equal(limited.status, 429);
        assert.equal(limited.headers['retry-after'], '1');
        assert.equal(typeof limited.json.message, 'string');
      }
      assert.equal((await apiJson('/file/customaudio/tags')).status, 200);
      emu.control.failNext(1, 500, { path: /^\/s3\//, body: '{"message":"Internal server error"}' });
      assert.equal((await send('GET', emu.control.signUrl(SEED[0].mediaId))).status, 500);
      emu.control.failNext(1, 503);
      emu.control.reset();
      assert.equal((await api('/file/customaudio')).status, 200, 'reset clears faults');
      assert.equal(emu.control.requests.length, 1, 'reset clears recorded requests');
    });

    it('setLatency delays responses', async () => {
      emu.control.setLatency(300);
      const started = Date.now();
      await api('/file/customaudio/tags');
      assert.ok(Date.now() - started >= 250);
    });

    it('dropConnectionAfter cuts a download after K bytes', async () => {
      const url = emu.control.signUrl(SEED[0].mediaId);
      const size = emu.control.getStoredBytes(SEED[0].mediaId)!.length;
      emu.control.dropConnectionAfter(1000, { method: 'GET' });
      const cut = await receive(url);
      assert.equal(cut.status, 200);
      assert.equal(cut.headers['content-length'], String(size));
      assert.equal(cut.broken, true);
      assert.equal(cut.bytes, 1000);
      const whole = await receive(url);
      assert.deepEqual([whole.broken, whole.bytes], [false, size], 'only one transfer is cut');
    });

    it('serveShortObject serves a whole answer for the first bytes only, announced or chunked, then the object again', async () => {
      const url = emu.control.signUrl(SEED[0].mediaId);
      const stored = emu.control.getStoredBytes(SEED[0].mediaId)!;
      emu.control.serveShortObject(1000);
      const cut = await receive(url);
      assert.deepEqual([cut.status, cut.headers['content-length'], cut.broken], [200, '1000', false]);
      assert.ok(cut.body.equals(stored.subarray(0, 1000)));
      emu.control.serveShortObject(1000, { chunked: true });
      const chunked = await receive(url);
      assert.deepEqual([chunked.headers['content-length'], chunked.headers['transfer-encoding'], chunked.bytes, chunked.broken], [undefined, 'chunked', 1000, false]);
      emu.control.serveShortObject(1000);
      const ranged = await receive(url, { Range: 'bytes=600-' });
      assert.deepEqual([ranged.status, ranged.headers['content-range'], ranged.bytes], [206, 'bytes 600-999/1000', 400]);
      const whole = await receive(url);
      assert.ok(whole.body.equals(stored), 'only the GETs asked for are cut');
    });

    it('dropConnectionAfter cuts an upload, which then stays unlisted', async () => {
      const { json } = await apiJson('/file/customaudio/uploadurl?filename=big.mp3');
      emu.control.dropConnectionAfter(64 * 1024, { method: 'PUT' });
      const body = Buffer.alloc(2 * 1024 * 1024, 1);
      await assert.rejects(send('PUT', String(json.fileUploadUrl), { headers: { 'content-type': 'audio/mpeg' }, body }));
      assert.equal(emu.control.getStoredBytes(String(json.mediaId)), undefined);
      const retry = await send('PUT', String(json.fileUploadUrl), { headers: { 'content-type': 'audio/mpeg' }, body });
      assert.equal(retry.status, 200, 'retrying the same URL works');
      assert.equal(emu.control.getStoredBytes(String(json.mediaId))?.length, body.length);
    });

    it('respondWith serves an HTML 502, then truncated JSON', async () => {
      emu.control.respondWith('html');
      emu.control.respondWith('truncated-json', 1);
      const html = await api('/file/customaudio');
      assert.equal(html.status, 502);
      assert.match(String(html.headers['content-type']), /^text\/html/);
      assert.match(html.text, /<html>/);
      const truncated = await api('/file/customaudio');
      assert.equal(truncated.status, 200);
      assert.throws(() => JSON.parse(truncated.text));
      assert.ok(truncated.text.startsWith('{"savedAudioFiles":['));
      const healthy = await api('/file/customaudio');
      assert.doesNotThrow(() => JSON.parse(healthy.text));
    });

    it('throttle paces file transfers', async () => {
      const bytes = Buffer.alloc(60_000, 7);
      const mediaId = emu.control.addMedia({ filename: 'slow.mp3', bytes });
      emu.control.throttle(100_000);
      const started = Date.now();
      const file = await send('GET', emu.control.signUrl(mediaId));
      const elapsed = Date.now() - started;
      assert.deepEqual(file.body, bytes);
      assert.ok(elapsed >= 300, `60 kB at 100 kB/s took only ${elapsed} ms`);
      emu.control.throttle(null);
      const fastStart = Date.now();
      await send('GET', emu.control.signUrl(mediaId));
      assert.ok(Date.now() - fastStart < elapsed);
    });

    it('addMediaBulk adds many items quickly', async () => {
      const added = emu.control.addMediaBulk(1200, 'bulk');
      assert.equal(new Set(added).size, 1200);
      const { json } = await apiJson('/file/customaudio?tags=bulk');
      assert.equal(json.totalCount, 1200);
      assert.equal(json.savedAudioFiles[0].filename, 'bulk-0001.mp3');
    });
  });

  describe('command line', () => {
    it('prints one line with the URL and serves until SIGTERM', async function () {
      this.timeout(30_000);
      const child = spawn('npx', ['tsx', 'test/emulator/cli.ts', '--port', '0', '--key', KEY], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            if (out.includes('\n')) resolve(out);
          });
          child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
        });
        const match = /^api\.audio emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(line);
        assert.ok(match, `unexpected output: ${JSON.stringify(line)}`);
        const reply = await send('GET', `${match[1]}/file/customaudio/tags`, { headers: { 'x-api-key': KEY } });
        assert.equal(reply.status, 200);
      } finally {
        // npx does not forward signals: signal the whole process group.
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      }
    });
  });
});
