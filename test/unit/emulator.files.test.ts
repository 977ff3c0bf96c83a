// The emulator's AudioStack Files API (/files, /folders), over real sockets, as the
// official SDK calls it. Expectations come from FILES_SEED.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from '../emulator/cli';
import { FILE_TYPES, FILES_ROOT_ID, FILES_SEED, filesSeedFileId, filesSeedFolderId, makeSilentMp3, makeWavTone, startEmulator, type RunningEmulator } from '../emulator';
import { receive, send } from './rawHttp';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const KEY = 'files-emulator-test-key-0123456789abcdef';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROOT_ID_RECORDED = 'ebd78577-c1f3-5309-aa15-a08327afd9fc';

/** Polls `probe` until it returns a value, or fails after `deadlineMs`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 10_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const seedFolder = (p: string) => FILES_SEED.folders.find((f) => f.path === p)!;
const seedFile = (p: string) => FILES_SEED.files.find((f) => f.path === p)!;

describe('api.audio emulator: AudioStack Files API', function () {
  let emu: RunningEmulator;

  const call = async (method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = { 'x-api-key': KEY }) => {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const reply = await send(method, `${emu.url}${pathAndQuery}`, { headers: payload ? { ...headers, 'content-type': 'application/json' } : headers, body: payload });
    const json = reply.text === '' ? undefined : (JSON.parse(reply.text) as Json);
    return { status: reply.status, headers: reply.headers, text: reply.text, json: json as Json };
  };
  const getFile = async (fileId: string) => (await call('GET', `/files/${fileId}`)).json;
  /** create → PUT with the given mimeType; returns the file id. */
  const upload = async (fileName: string, bytes: Buffer, folderId?: string) => {
    const created = await call('POST', '/files', { file_name: fileName, ...(folderId ? { folder_id: folderId } : {}) });
    assert.equal(created.status, 201, created.text);
    const put = await send('PUT', created.json.uploadUrl, { headers: { 'content-type': created.json.mimeType }, body: bytes });
    assert.equal(put.status, 200, put.text);
    return created.json as { fileId: string; uploadUrl: string; mimeType: string };
  };
  const waitForStatus = (fileId: string, status: string) =>
    until(`file ${fileId} to be ${status}`, async () => {
      const file = await getFile(fileId);
      return file.status === status ? file : undefined;
    });

  beforeEach(async () => {
    emu = await startEmulator({ apiKeys: [KEY] });
  });
  afterEach(async () => {
    await emu.close();
  });

  describe('access', () => {
    it('answers 403 JSON without a key or with a wrong one, accepts Bearer, and 404 JSON for unknown routes', async () => {
      for (const headers of [{}, { 'x-api-key': 'wrong' }] as Array<Record<string, string>>) {
        const denied = await call('GET', '/folders', undefined, headers);
        assert.equal(denied.status, 403);
        assert.match(String(denied.headers['content-type']), /^application\/json/);
        assert.equal(denied.json.message, 'Forbidden');
      }
      assert.equal((await call('GET', '/folders', undefined, { authorization: `Bearer ${KEY}` })).status, 200);
      for (const [method, route] of [['GET', '/files'], ['POST', '/files/copy'], ['GET', '/folders/x/y/z'], ['DELETE', '/folders']]) {
        const missing = await call(method, route);
        assert.equal(missing.status, 404, `${method} ${route}`);
        assert.equal(missing.json.message, 'Not Found');
      }
    });

    it('keeps a separate, empty root per x-assume-org', async () => {
      const other = await call('GET', '/folders', undefined, { 'x-api-key': KEY, 'x-assume-org': 'org-other' });
      assert.equal(other.status, 200);
      assert.deepEqual([other.json.data.folders, other.json.data.files], [[], []]);
      const root = other.json.data.currentPathChain[0];
      assert.notEqual(root.folderId, FILES_ROOT_ID);
      assert.equal(root.folderId, emu.control.files.rootFolderId('org-other'));
      assert.equal((await call('GET', `/files/${seedFile('jingle.mp3').fileId}`, undefined, { 'x-api-key': KEY, 'x-assume-org': 'org-other' })).status, 404);
    });
  });

  describe('folders', () => {
    it('lists the root: folders by name, its files, and the root as the path chain', async () => {
      const { status, json } = await call('GET', '/folders');
      assert.equal(status, 200);
      assert.deepEqual(json.pagination, { limit: 100, offset: 0 });
      const { folders, files, currentPathChain } = json.data;
      const topLevel = FILES_SEED.folders.filter((f) => !f.path.includes('/')).map((f) => f.folderName).sort();
      assert.deepEqual(folders.map((f: Json) => f.folderName), topLevel);
      assert.deepEqual(files.map((f: Json) => f.fileId), [seedFile('jingle.mp3').fileId]);
      assert.equal(currentPathChain.length, 1);
      assert.deepEqual([currentPathChain[0].folderId, currentPathChain[0].parentFolderId], [FILES_ROOT_ID, null]);
      for (const f of folders) {
        assert.match(f.folderId, UUID);
        assert.equal(f.parentFolderId, FILES_ROOT_ID);
        assert.equal(typeof f.createdBy, 'string');
        assert.ok(!isNaN(Date.parse(f.createdAt)));
      }
    });

    it('lists a folder three deep by ?path= and by id, with the chain from the folder up to the root', async () => {
      const ambient = seedFolder('Music/Beds/Ambient');
      const byPath = await call('GET', `/folders?path=${encodeURIComponent('Music/Beds/Ambient')}`);
      const byId = await call('GET', `/folders/${ambient.folderId}`);
      const withoutLinks = (json: Json) => JSON.parse(JSON.stringify(json, (key, value) => (key === 'url' ? undefined : value)));
      assert.deepEqual(withoutLinks(byPath.json), withoutLinks(byId.json), 'the same answer by path and by id');
      const { currentPathChain, files, folders } = byPath.json.data;
      assert.deepEqual(
        currentPathChain.map((f: Json) => f.folderId),
        [ambient.folderId, seedFolder('Music/Beds').folderId, seedFolder('Music').folderId, FILES_ROOT_ID],
      );
      assert.deepEqual(folders, []);
      const expected = FILES_SEED.files.filter((f) => f.folderId === ambient.folderId);
      assert.deepEqual(
        files.map((f: Json) => [f.fileId, f.fileName, f.size, f.duration, f.status, f.fileType.mimeType]),
        expected.map((f) => [f.fileId, f.fileName, f.size, f.duration, 'uploaded', f.mimeType]),
      );
      assert.equal((await call('GET', '/folders?path=/Music/Beds/')).json.data.currentPathChain[0].folderId, seedFolder('Music/Beds').folderId, 'slashes at the ends are ignored');
    });

    it('answers 404 for an unknown path or id and 400 for an id that is not a UUID, in the SDK error shapes', async () => {
      const noPath = await call('GET', '/folders?path=Music/Nope');
      assert.equal(noPath.status, 404);
      assert.deepEqual(noPath.json, { message: 'Folder not found', details: 'No folder at path "Music/Nope"' });
      const noId = await call('GET', '/folders/00000000-0000-0000-0000-000000000000');
      assert.equal(noId.status, 404);
      assert.equal(noId.json.message, 'Folder not found');
      const bad = await call('GET', '/folders/not-a-uuid/files');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json, { message: 'Invalid folderId', errors: ['folderId must be a UUID'] });
    });

    it('pages /folders/{id}/files with limit and offset, each file exactly once, in name order', async () => {
      const folderId = emu.control.files.addFolder({ folderName: 'Bulk' });
      const ids = emu.control.files.addFilesBulk(250, { folderId, prefix: 'take' });
      const seen: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await call('GET', `/folders/${folderId}/files?limit=100&offset=${offset}`);
        assert.equal(page.status, 200);
        assert.deepEqual(page.json.pagination, { limit: 100, offset });
        seen.push(...page.json.data.map((f: Json) => f.fileId));
        if (page.json.data.length < 100) break;
      }
      assert.deepEqual(seen, ids, 'all 250, in order, none twice');
      const firstNames = (await call('GET', `/folders/${folderId}/files?limit=2`)).json.data.map((f: Json) => f.fileName);
      assert.deepEqual(firstNames, ['take-00001.mp3', 'take-00002.mp3']);
      assert.equal((await call('GET', `/folders/${folderId}/files?limit=5000`)).json.pagination.limit, 1000, 'the page is capped at 1000');
      assert.deepEqual((await call('GET', `/folders/${folderId}/files?offset=999`)).json.data, []);
      const listing = await call('GET', `/folders/${folderId}?limit=10&offset=240`);
      assert.equal(listing.json.data.files.length, 10, 'the folder listing pages its files too');
      for (const bad of ['limit=0', 'limit=abc', 'offset=-1', 'limit=2.5']) {
        const reply = await call('GET', `/folders/${folderId}/files?${bad}`);
        assert.equal(reply.status, 400, bad);
        assert.equal(reply.json.message, 'Validation failed');
        assert.equal(reply.json.errors.length, 1);
      }
    });

    it('filters and orders files with the OData subset it knows, and refuses the rest', async () => {
      const takes = seedFolder('Voice/Takes').folderId;
      const q = (s: string) => call('GET', `/folders/${takes}/files?${s}`);
      const names = async (s: string) => (await q(s)).json.data.map((f: Json) => f.fileName);
      assert.deepEqual(await names(`$filter=${encodeURIComponent("status eq 'failed'")}`), ['broken-take.mp3']);
      assert.deepEqual(await names(`$filter=${encodeURIComponent("contains(fileName,'take-0')")}&$orderBy=${encodeURIComponent('fileName desc')}`), ['take-03.wav', 'take-02.wav', 'take-01.wav']);
      assert.deepEqual(await names(`$filter=${encodeURIComponent("startswith(fileName,'BROKEN')")}`), ['broken-take.mp3']);
      const refused = await q(`$filter=${encodeURIComponent('size gt 3')}`);
      assert.equal(refused.status, 400);
      assert.equal(refused.json.message, 'Unsupported $filter expression');
      assert.equal((await q('$orderBy=colour')).status, 400);
    });

    it('answers bare lists when told to (the SDK takes both shapes)', async () => {
      emu.control.files.setListShape('bare');
      const files = await call('GET', `/folders/${seedFolder('Music/Beds').folderId}/files`);
      assert.ok(Array.isArray(files.json));
      assert.equal(files.json.length, 2);
      const listing = await call('GET', '/folders');
      assert.deepEqual(Object.keys(listing.json).sort(), ['currentPathChain', 'files', 'folders']);
      emu.control.reset();
      assert.ok('data' in (await call('GET', '/folders')).json, 'reset() restores the wrapped shape');
    });

    it('caps pages of files when told to, saying the page size used, another limit or none; reset() lifts it', async () => {
      const folderId = emu.control.files.addFolder({ folderName: 'Capped' });
      const ids = emu.control.files.addFilesBulk(25, { folderId, prefix: 'cap' });
      const page = async (query: string) => (await call('GET', `/folders/${folderId}/files?${query}`)).json;
      emu.control.files.capPageSize(10);
      const first = await page('limit=500&offset=0');
      assert.deepEqual(first.data.map((f: Json) => f.fileId), ids.slice(0, 10));
      assert.deepEqual(first.pagination, { limit: 10, offset: 0 });
      assert.deepEqual((await page('limit=500&offset=20')).data.map((f: Json) => f.fileId), ids.slice(20));
      assert.deepEqual((await page('limit=4&offset=0')).pagination, { limit: 4, offset: 0 }, 'a smaller page asked is the page used');
      const listing = await call('GET', `/folders/${folderId}?limit=500`);
      assert.equal(listing.json.data.files.length, 25, 'only the paged files endpoint is capped');
      emu.control.files.capPageSize(10, { report: 0 });
      assert.deepEqual((await page('limit=500&offset=10')).pagination, { limit: 0, offset: 10 });
      emu.control.files.capPageSize(10, { report: 'none' });
      const unsaid = await page('limit=500&offset=10');
      assert.equal(unsaid.data.length, 10);
      assert.deepEqual(unsaid.pagination, { offset: 10 });
      emu.control.files.capPageSize(10, { ignoreOffset: true });
      const stuck = await page('limit=500&offset=10');
      assert.deepEqual(stuck.data.map((f: Json) => f.fileId), ids.slice(0, 10), 'the first files again');
      assert.deepEqual(stuck.pagination, { limit: 10, offset: 10 });
      assert.throws(() => emu.control.files.capPageSize(0), /at least 1 file/);
      emu.control.reset();
      assert.equal((await page('limit=500')).data.length, 25, 'reset() lifts the cap');
      emu.control.files.capPageSize(10);
      emu.control.files.capPageSize(null);
      assert.equal((await page('limit=500')).data.length, 25, 'null lifts it too');
    });

    it('creates folders at the root and nested, refusing a taken name, a bad name and an unknown parent', async () => {
      const top = await call('POST', '/folders', { folder_name: 'Podcasts' });
      assert.equal(top.status, 201);
      assert.match(top.json.folderId, UUID);
      assert.equal(top.json.parentFolderId, FILES_ROOT_ID);
      const nested = await call('POST', '/folders', { folder_name: 'Season 1', parent_folder_id: top.json.folderId });
      assert.deepEqual([nested.status, nested.json.parentFolderId, nested.json.folderName], [201, top.json.folderId, 'Season 1']);
      assert.equal((await call('GET', '/folders?path=Podcasts/Season%201')).json.data.currentPathChain[0].folderId, nested.json.folderId);
      const taken = await call('POST', '/folders', { folder_name: 'Music' });
      assert.equal(taken.status, 409);
      assert.equal(taken.json.message, 'A folder with this name already exists');
      assert.ok(Array.isArray(taken.json.errors));
      for (const body of [{}, { folder_name: 'a/b' }, { folder_name: '..' }, { folder_name: 'x'.repeat(256) }, { folder_name: 7 }, { folder_name: 'ok', folderName: 'camel' }]) {
        const refused = await call('POST', '/folders', body);
        assert.equal(refused.status, 400, JSON.stringify(body));
        assert.equal(refused.json.message, 'Validation failed');
      }
      assert.equal((await call('POST', '/folders', { folder_name: 'x', parent_folder_id: '00000000-0000-0000-0000-000000000000' })).status, 404);
    });

    it('renames a folder (not the root, not onto a sibling) and lists it by its new path', async () => {
      const beds = seedFolder('Music/Beds');
      const renamed = await call('PATCH', `/folders/${beds.folderId}`, { folder_name: 'Underscores' });
      assert.equal(renamed.status, 200);
      assert.deepEqual([renamed.json.folderName, renamed.json.parentFolderId], ['Underscores', seedFolder('Music').folderId]);
      assert.ok(renamed.json.updatedAt);
      assert.equal((await call('GET', '/folders?path=Music/Underscores/Ambient')).status, 200);
      assert.equal((await call('GET', '/folders?path=Music/Beds')).status, 404);
      assert.equal((await call('PATCH', `/folders/${seedFolder('Voice').folderId}`, { folder_name: 'Music' })).status, 409);
      const root = await call('PATCH', `/folders/${FILES_ROOT_ID}`, { folder_name: 'top' });
      assert.deepEqual([root.status, root.json.errors], [400, ['The root folder cannot be renamed']]);
      assert.equal((await call('PATCH', `/folders/${beds.folderId}`, {})).status, 400, 'folder_name is required');
    });

    it('deletes only an empty folder: a non-empty one answers 409 saying what is inside, and nothing is removed', async () => {
      const music = seedFolder('Music');
      const before = emu.control.files.listFiles().length;
      const refused = await call('DELETE', `/folders/${music.folderId}`);
      assert.equal(refused.status, 409);
      assert.deepEqual(refused.json, { message: 'Folder is not empty', errors: ['The folder holds 1 folder and 1 file; delete or move them first'] });
      assert.equal(emu.control.files.listFiles().length, before);
      assert.equal((await call('GET', `/folders/${music.folderId}`)).status, 200);
      const onlyFiles = await call('DELETE', `/folders/${seedFolder('Sound Effects').folderId}`);
      assert.deepEqual(onlyFiles.json.errors, ['The folder holds 2 files; delete or move them first']);

      const empty = await call('DELETE', `/folders/${seedFolder('Empty').folderId}`);
      assert.equal(empty.status, 204);
      assert.equal(empty.text, '');
      assert.equal((await call('GET', `/folders/${seedFolder('Empty').folderId}`)).status, 404);
      assert.equal((await call('DELETE', `/folders/${seedFolder('Empty').folderId}`)).status, 404);
      const root = await call('DELETE', `/folders/${FILES_ROOT_ID}`);
      assert.deepEqual([root.status, root.json.errors], [400, ['The root folder cannot be deleted']]);

      // Emptied from the bottom up, a tree goes.
      const ambient = seedFolder('Music/Beds/Ambient');
      for (const f of FILES_SEED.files.filter((x) => x.folderId === ambient.folderId)) assert.equal((await call('DELETE', `/files/${f.fileId}`)).status, 204);
      assert.equal((await call('DELETE', `/folders/${ambient.folderId}`)).status, 204);
    });
  });

  describe('files', () => {
    it('gets a seeded file with every field the SDK reads, and a download link that needs no key', async () => {
      const seed = seedFile('Music/Beds/upbeat-bed.wav');
      const file = await getFile(seed.fileId);
      for (const field of ['fileId', 'fileName', 'folderId', 'createdBy', 'fileType', 'size', 'createdAt', 'status']) assert.ok(field in file, field);
      assert.deepEqual(
        [file.fileName, file.folderId, file.size, file.duration, file.status, file.fileType.name, file.fileType.mimeType, file.fileCategory.name, file.accessControl],
        [seed.fileName, seed.folderId, seed.size, 1.2, 'uploaded', 'audio', 'audio/wav', 'music', 'private'],
      );
      const download = await send('GET', file.url);
      assert.equal(download.status, 200);
      assert.equal(download.headers['content-type'], 'audio/wav');
      assert.deepEqual(download.body, emu.control.files.getStoredBytes(seed.fileId));
      assert.equal(download.body.length, seed.size);
      assert.equal(download.body.toString('ascii', 0, 4), 'RIFF');
    });

    it('shows the seeded processing and failed files without a download link', async () => {
      const stuck = await getFile(seedFile('Voice/Takes/take-03.wav').fileId);
      const failed = await getFile(seedFile('Voice/Takes/broken-take.mp3').fileId);
      assert.deepEqual([stuck.status, 'url' in stuck, 'duration' in stuck], ['processing', false, false]);
      assert.deepEqual([failed.status, 'url' in failed], ['failed', false]);
      assert.equal((await call('GET', '/files/00000000-0000-0000-0000-000000000000')).json.message, 'File not found');
      assert.equal((await call('GET', '/files/nope')).status, 400);
    });

    it('uploads in three steps: create → PUT with the given mimeType → processing → uploaded', async () => {
      emu.control.files.setProcessingMs(400);
      const takes = seedFolder('Voice/Takes').folderId;
      const created = await call('POST', '/files', { file_name: 'take-04.wav', folder_id: takes });
      assert.equal(created.status, 201);
      assert.deepEqual(Object.keys(created.json).sort(), ['fileId', 'mimeType', 'uploadUrl']);
      assert.equal(created.json.mimeType, 'audio/wav');
      assert.match(created.json.fileId, UUID);
      const pending = await getFile(created.json.fileId);
      assert.deepEqual([pending.status, pending.size, 'url' in pending, pending.folderId], ['pending', 0, false, takes]);

      const bytes = makeWavTone(440, 250);
      const put = await send('PUT', created.json.uploadUrl, { headers: { 'content-type': 'audio/wav' }, body: bytes });
      assert.equal(put.status, 200);
      assert.equal(put.headers.etag !== undefined, true);
      const processing = await getFile(created.json.fileId);
      assert.deepEqual([processing.status, processing.size, 'url' in processing], ['processing', bytes.length, false]);
      const listed = (await call('GET', `/folders/${takes}/files`)).json.data.find((f: Json) => f.fileId === created.json.fileId);
      assert.equal(listed.status, 'processing', 'listed while processing');

      const uploaded = await waitForStatus(created.json.fileId, 'uploaded');
      assert.equal(uploaded.duration, 0.25);
      assert.deepEqual((await send('GET', uploaded.url)).body, bytes);
      const upload = emu.control.requests.find((r) => r.method === 'PUT');
      assert.equal(upload?.headers['x-api-key'], undefined, 'the upload carried no key');
    });

    it('checks the signed mimeType on the PUT in strict mode, as S3 does', async () => {
      await emu.close();
      emu = await startEmulator({ apiKeys: [KEY], strictContentType: true, filesProcessingMs: 0 });
      const created = await call('POST', '/files', { file_name: 'strict.wav' });
      const wrong = await send('PUT', created.json.uploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body: makeWavTone(440, 50) });
      assert.equal(wrong.status, 403);
      assert.match(wrong.text, /<Code>SignatureDoesNotMatch<\/Code>/);
      const right = await send('PUT', created.json.uploadUrl, { headers: { 'content-type': 'audio/wav' }, body: makeWavTone(440, 50) });
      assert.equal(right.status, 200);
      assert.equal((await waitForStatus(created.json.fileId, 'uploaded')).fileType.mimeType, 'audio/wav');
    });

    it('can keep an upload processing for ever, or end it failed', async () => {
      emu.control.files.setProcessingMs(100);
      emu.control.files.processNext('stuck');
      const stuck = await upload('never.mp3', makeSilentMp3(4));
      emu.control.files.processNext('failed');
      const failing = await upload('fails.mp3', makeSilentMp3(4));
      const normal = await upload('normal.mp3', makeSilentMp3(4));
      await waitForStatus(normal.fileId, 'uploaded');
      const failed = await waitForStatus(failing.fileId, 'failed');
      assert.equal('url' in failed, false);
      assert.equal((await getFile(stuck.fileId)).status, 'processing', 'still processing after the others finished');
      emu.control.files.setStatus(stuck.fileId, 'uploaded');
      assert.equal((await getFile(stuck.fileId)).status, 'uploaded');
    });

    it('refuses bad creates: no name, unsupported type, unknown folder or category, unknown fields, bad or huge JSON', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{}, 400, 'Validation failed'],
        [{ file_name: 'notes.txt' }, 400, 'Unsupported file type'],
        [{ file_name: 'a.mp3', folder_id: '00000000-0000-0000-0000-000000000000' }, 404, 'Folder not found'],
        [{ file_name: 'a.mp3', category_id: '00000000-0000-0000-0000-000000000000' }, 400, 'Validation failed'],
        [{ file_name: 'a.mp3', fileName: 'a.mp3' }, 400, 'Validation failed'],
        [{ file_name: 'a.mp3', folder_id: 'root' }, 400, 'Validation failed'],
        ['{"file_name":', 400, 'Invalid JSON body'],
        ['[1,2]', 400, 'Invalid request body'],
      ];
      for (const [body, status, message] of cases) {
        const reply = await call('POST', '/files', body);
        assert.deepEqual([reply.status, reply.json.message], [status, message], JSON.stringify(body));
        assert.ok(Array.isArray(reply.json.errors) || typeof reply.json.details === 'string', 'errors or details');
      }
      const huge = await call('POST', '/files', { file_name: 'a.mp3', pad: 'x'.repeat(100_000) });
      assert.equal(huge.status, 413);
      assert.equal(emu.control.files.listFiles().filter((f) => f.fileName === 'a.mp3').length, 0, 'nothing half-created');
    });

    it('renames a file and changes its category and access; an empty PATCH changes nothing; old links keep working', async () => {
      const seed = seedFile('jingle.mp3');
      const before = await getFile(seed.fileId);
      const same = await call('PATCH', `/files/${seed.fileId}`, {});
      assert.deepEqual(same.json, { ...before, url: same.json.url });
      const sound = FILE_TYPES[0].fileCategories.find((c) => c.name === 'sound effect')!;
      const renamed = await call('PATCH', `/files/${seed.fileId}`, { file_name: 'jingle-v2.mp3', category_id: sound.fileCategoryId, access_control: 'public' });
      assert.equal(renamed.status, 200);
      assert.deepEqual([renamed.json.fileName, renamed.json.fileCategory, renamed.json.accessControl], ['jingle-v2.mp3', { fileCategoryId: sound.fileCategoryId, name: 'sound effect' }, 'public']);
      assert.ok(renamed.json.updatedAt && renamed.json.updatedBy);
      assert.equal((await call('PATCH', `/files/${seed.fileId}`, { category_name: 'Voice Recording' })).json.fileCategory.name, 'voice recording');
      assert.equal((await getFile(seed.fileId)).fileName, 'jingle-v2.mp3');
      assert.equal((await send('GET', before.url)).status, 200, 'a link made before the rename still downloads');
      for (const body of [{ access_control: 'everyone' }, { category_name: 'nope' }, { file_name: 'a/b.mp3' }, { folder_id: FILES_ROOT_ID }]) {
        assert.equal((await call('PATCH', `/files/${seed.fileId}`, body)).status, 400, JSON.stringify(body));
      }
      assert.equal((await call('PATCH', '/files/00000000-0000-0000-0000-000000000000', { file_name: 'x.mp3' })).status, 404);
    });

    it('copies a file into another folder as a new file with the same name and bytes', async () => {
      const seed = seedFile('Music/theme-song.mp3');
      const target = seedFolder('Voice').folderId;
      const copied = await call('PUT', '/files/copy', { file_id: seed.fileId, current_folder_id: seed.folderId, new_folder_id: target });
      assert.equal(copied.status, 200);
      assert.notEqual(copied.json.fileId, seed.fileId);
      assert.deepEqual([copied.json.fileName, copied.json.folderId, copied.json.status, copied.json.size], [seed.fileName, target, 'uploaded', seed.size]);
      assert.deepEqual((await send('GET', copied.json.url)).body, emu.control.files.getStoredBytes(seed.fileId));
      assert.equal((await getFile(seed.fileId)).folderId, seed.folderId, 'the original stays');
      // Moving is a copy, then deleting the original.
      assert.equal((await call('DELETE', `/files/${seed.fileId}`)).status, 204);
      assert.deepEqual((await send('GET', copied.json.url)).body.length, seed.size, 'the copy keeps its bytes');
    });

    it('refuses a copy from the wrong folder, of an unknown file, into an unknown folder, or of an unfinished file', async () => {
      const seed = seedFile('Music/theme-song.mp3');
      const voice = seedFolder('Voice').folderId;
      const wrong = await call('PUT', '/files/copy', { file_id: seed.fileId, current_folder_id: voice, new_folder_id: voice });
      assert.deepEqual([wrong.status, wrong.json.message], [400, 'Validation failed']);
      assert.equal((await call('PUT', '/files/copy', { file_id: '00000000-0000-0000-0000-000000000000', current_folder_id: voice, new_folder_id: voice })).status, 404);
      assert.equal((await call('PUT', '/files/copy', { file_id: seed.fileId, current_folder_id: seed.folderId, new_folder_id: '00000000-0000-0000-0000-000000000000' })).status, 404);
      const missing = await call('PUT', '/files/copy', { file_id: seed.fileId });
      assert.deepEqual(missing.json.errors, ['current_folder_id is required', 'new_folder_id is required']);
      const stuck = seedFile('Voice/Takes/take-03.wav');
      const unfinished = await call('PUT', '/files/copy', { file_id: stuck.fileId, current_folder_id: stuck.folderId, new_folder_id: voice });
      assert.deepEqual([unfinished.status, unfinished.json.message], [409, 'File cannot be copied yet']);
    });

    it('deletes a file with 204: gone from listings, its link answers NoSuchKey', async () => {
      const seed = seedFile('Sound Effects/chime.wav');
      const { url } = await getFile(seed.fileId);
      const deleted = await call('DELETE', `/files/${seed.fileId}`);
      assert.deepEqual([deleted.status, deleted.text], [204, '']);
      assert.equal((await call('GET', `/files/${seed.fileId}`)).status, 404);
      assert.equal((await call('DELETE', `/files/${seed.fileId}`)).status, 404);
      const listed = (await call('GET', `/folders/${seed.folderId}/files`)).json.data.map((f: Json) => f.fileId);
      assert.deepEqual(listed, [seedFile('Sound Effects/whoosh.wav').fileId]);
      const link = await send('GET', url);
      assert.equal(link.status, 404);
      assert.match(link.text, /<Code>NoSuchKey<\/Code>/);
    });

    it('answers the file categories as {"fileTypes": [...]}', async () => {
      const { status, json } = await call('GET', '/files/file-categories');
      assert.equal(status, 200);
      assert.deepEqual(json, { fileTypes: JSON.parse(JSON.stringify(FILE_TYPES)) });
      assert.ok(json.fileTypes[0].fileCategories.length > 0);
    });
  });

  describe('seed and state', () => {
    it('derives the demo tree ids from the paths (UUIDs, the same on every run), three folders deep', () => {
      assert.equal(seedFolder('Music/Beds/Ambient').folderId, filesSeedFolderId('Music/Beds/Ambient'));
      assert.equal(seedFile('jingle.mp3').fileId, filesSeedFileId('jingle.mp3'));
      // Recorded once: other tests and fixtures may name these ids, so the derivation must not drift.
      assert.equal(FILES_ROOT_ID, ROOT_ID_RECORDED);
      assert.match(FILES_ROOT_ID, /^.{14}5/, 'a version 5 (name-based) UUID');
      for (const item of [...FILES_SEED.folders.map((f) => f.folderId), ...FILES_SEED.files.map((f) => f.fileId), FILES_ROOT_ID]) assert.match(item, UUID);
      assert.equal(new Set(FILES_SEED.files.map((f) => f.fileId)).size, FILES_SEED.files.length);
      assert.ok(FILES_SEED.folders.some((f) => f.path.split('/').length === 3));
      assert.deepEqual([...new Set(FILES_SEED.files.map((f) => f.status))].sort(), ['failed', 'processing', 'uploaded']);
      assert.ok(FILES_SEED.files.every((f) => f.mimeType.startsWith('audio/') && f.size > 0));
    });

    it('keeps the tree across a restart on the same dataDir, and starts empty with seed: false', async () => {
      const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'files-emu-'));
      try {
        let first = await startEmulator({ apiKeys: [KEY], dataDir, filesProcessingMs: 0 });
        const folder = await send('POST', `${first.url}/folders`, { headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: Buffer.from('{"folder_name":"Kept"}') });
        await first.close();
        first = await startEmulator({ apiKeys: [KEY], dataDir });
        const listing = JSON.parse((await send('GET', `${first.url}/folders?path=Kept`, { headers: { 'x-api-key': KEY } })).text);
        assert.equal(listing.data.currentPathChain[0].folderId, JSON.parse(folder.text).folderId);
        assert.equal((await send('GET', `${first.url}/files/${seedFile('jingle.mp3').fileId}`, { headers: { 'x-api-key': KEY } })).status, 200);
        await first.close();
      } finally {
        await fs.promises.rm(dataDir, { recursive: true, force: true });
      }
      const empty = await startEmulator({ apiKeys: [KEY], seed: false });
      try {
        const root = JSON.parse((await send('GET', `${empty.url}/folders`, { headers: { 'x-api-key': KEY } })).text);
        assert.deepEqual([root.data.folders, root.data.files], [[], []]);
      } finally {
        await empty.close();
      }
    });

    it('takes --files-processing-ms on the command line', () => {
      assert.equal((parseArgs(['--key', KEY, '--files-processing-ms', '250']) as { filesProcessingMs?: number }).filesProcessingMs, 250);
      assert.throws(() => parseArgs(['--key', KEY, '--files-processing-ms', '-1']), /invalid --files-processing-ms/);
    });

    it('takes --files-bulk <count>[:<folder>] on the command line, and refuses a bad count or folder name', () => {
      assert.deepEqual((parseArgs(['--key', KEY, '--files-bulk', '10000']) as { filesBulk?: unknown }).filesBulk, { count: 10_000, folderName: 'Bulk' });
      assert.deepEqual((parseArgs(['--key', KEY, '--files-bulk', '25:Big folder']) as { filesBulk?: unknown }).filesBulk, { count: 25, folderName: 'Big folder' });
      for (const bad of ['0', '-3', 'many', '200000', '5:a/b', '5: ']) {
        assert.throws(() => parseArgs(['--key', KEY, '--files-bulk', bad]), /invalid --files-bulk/, bad);
      }
    });
  });

  describe('faults on Files routes', () => {
    it('failNext answers 429 with Retry-After, then 503, for matching Files calls only; reset() clears them', async () => {
      emu.control.failNext(1, 429, { path: '/folders', headers: { 'Retry-After': '2' } });
      emu.control.failNext(1, 503, { path: /^\/files\/[0-9a-f-]+$/ });
      assert.equal((await call('GET', '/files/file-categories')).status, 200, 'a non-matching call does not consume the faults');
      const limited = await call('GET', '/folders/');
      assert.deepEqual([limited.status, limited.headers['retry-after'], limited.json.message], [429, '2', 'Too Many Requests']);
      const down = await call('GET', `/files/${seedFile('jingle.mp3').fileId}`);
      assert.deepEqual([down.status, down.json.message], [503, 'Service Unavailable']);
      assert.equal((await call('GET', '/folders')).status, 200);
      emu.control.failNext(5, 500, { path: '/folders' });
      emu.control.files.processNext('stuck', 3);
      emu.control.reset();
      assert.equal((await call('GET', '/folders')).status, 200);
      const after = await upload('after-reset.mp3', makeSilentMp3(2));
      emu.control.files.setProcessingMs(0);
      await waitForStatus(after.fileId, 'uploaded');
    });

    it('setLatency delays Files calls', async () => {
      emu.control.setLatency(300);
      const started = Date.now();
      assert.equal((await call('GET', '/folders')).status, 200);
      assert.ok(Date.now() - started >= 250);
    });

    it('respondWith serves an HTML 502, then truncated JSON, on Files calls', async () => {
      emu.control.respondWith('html');
      emu.control.respondWith('truncated-json');
      const html = await send('GET', `${emu.url}/folders`, { headers: { 'x-api-key': KEY } });
      assert.equal(html.status, 502);
      assert.match(String(html.headers['content-type']), /^text\/html/);
      const truncated = await send('GET', `${emu.url}/folders`, { headers: { 'x-api-key': KEY } });
      assert.equal(truncated.status, 200);
      assert.throws(() => JSON.parse(truncated.text));
      assert.ok(truncated.text.startsWith('{"data":{"folders":['));
    });

    it('drops a Files download after K bytes, replaces the file, and honours If-Range on the resume', async () => {
      const seed = seedFile('Music/Beds/Ambient/calm-pad.wav');
      const { url } = await getFile(seed.fileId);
      const replacement = makeWavTone(200, 300);
      emu.control.dropConnectionAfter(1000, { method: 'GET', replaceWith: replacement });
      const cut = await receive(url);
      assert.deepEqual([cut.status, cut.broken, cut.body.length, cut.headers['content-length']], [200, true, 1000, String(seed.size)]);
      const resumed = await receive(url, { range: 'bytes=1000-', 'if-range': String(cut.headers.etag) });
      assert.equal(resumed.status, 200, 'the file changed: the whole new version, not a range of it');
      assert.deepEqual(resumed.body, replacement);
      const current = await receive(url, { range: 'bytes=1000-', 'if-range': String(resumed.headers.etag) });
      assert.deepEqual([current.status, current.body], [206, replacement.subarray(1000)]);
    });

    it('drops a Files upload; the file stays pending until a retry of the same URL succeeds', async () => {
      const created = await call('POST', '/files', { file_name: 'big.mp3' });
      emu.control.dropConnectionAfter(64 * 1024, { method: 'PUT' });
      const body = Buffer.alloc(1024 * 1024, 1);
      await assert.rejects(send('PUT', created.json.uploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body }));
      assert.equal((await getFile(created.json.fileId)).status, 'pending');
      assert.equal((await send('PUT', created.json.uploadUrl, { headers: { 'content-type': 'audio/mpeg' }, body })).status, 200);
      emu.control.files.setProcessingMs(0);
      assert.equal((await waitForStatus(created.json.fileId, 'uploaded')).size, body.length);
    });

    it('throttle paces Files downloads', async () => {
      const bytes = Buffer.alloc(60_000, 7);
      const fileId = emu.control.files.addFile({ fileName: 'slow.mp3', bytes });
      const url = (await getFile(fileId)).url;
      emu.control.throttle(100_000);
      const started = Date.now();
      const file = await send('GET', url);
      const elapsed = Date.now() - started;
      assert.deepEqual(file.body, bytes);
      assert.ok(elapsed >= 300, `60 kB at 100 kB/s took only ${elapsed} ms`);
    });
  });
});
