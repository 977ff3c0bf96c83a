// The AudioStack Files client against the emulator's Files API over real sockets: folders
// and pages, changes to files and folders, the three-step upload with its processing wait,
// downloads that never carry the key to storage and resume only the same version, and the
// hardening the Media client has (errors in the service's shapes, retries, limits).

import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  AuthenticationError,
  BadRequestError,
  BadResponseError,
  CancelledError,
  InvalidInputError,
  ProcessingError,
  RateLimitedError,
  ResponseTooLargeError,
  type TransferProgress,
} from '../../src/api';
import { stackNameProblem } from '../../src/media/audiostack/stackNames';
import { FILES_ROOT_ID, filesSeedFileId, filesSeedFolderId, makeWavTone } from '../emulator';
import { partFiles, TEST_KEY, useClientSuite, writeTempFile } from './clientHarness';

describe('AudioStackFilesClient', function () {
  this.timeout(30_000);
  const env = useClientSuite({ filesProcessingMs: 150, strictContentType: true });
  const files = () => env.makeFilesClient(env.emulator).client;
  const requests = (method: string, prefix: string) =>
    env.emulator.control.requests.filter((request) => request.method === method && request.path.startsWith(prefix));

  describe('folders', () => {
    it('lists the root: its folders and files, and the root itself first in the path chain', async () => {
      const root = await files().listRoot();
      assert.equal(root.folder?.folderId, FILES_ROOT_ID);
      assert.deepEqual(root.ancestors, []);
      assert.deepEqual(
        root.folders.map((folder) => folder.folderName),
        ['Empty', 'Music', 'Sound Effects', 'Voice'],
      );
      assert.ok(root.files.some((file) => file.fileName === 'jingle.mp3' && file.status === 'uploaded' && (file.size ?? 0) > 0));
    });

    it('lists a folder three levels deep by path and by id, with its ancestors', async () => {
      const byPath = await files().listPath(' Music/ Beds /Ambient/ ');
      const ambient = filesSeedFolderId('Music/Beds/Ambient');
      assert.equal(byPath.folder?.folderId, ambient);
      assert.deepEqual(byPath.ancestors.map((folder) => folder.folderName).slice(0, 2), ['Beds', 'Music']);
      assert.deepEqual(byPath.files.map((file) => file.fileName).sort(), ['calm-pad.wav', 'night-drone.mp3']);
      const byId = await files().listFolder(ambient);
      assert.deepEqual(byId.files.map((file) => file.fileId).sort(), byPath.files.map((file) => file.fileId).sort());
      const [query] = requests('GET', '/folders').filter((request) => request.query.path !== undefined);
      assert.equal(query.query.path, 'Music/Beds/Ambient');
    });

    it('pages a folder’s files with limit and offset until the last page', async () => {
      const folderId = env.emulator.control.files.addFolder({ folderName: 'Paged' });
      env.emulator.control.files.addFilesBulk(25, { folderId, prefix: 'clip' });
      const seen: string[] = [];
      for (let offset = 0; ; offset += 10) {
        const page = await files().listFolderFiles(folderId, { limit: 10, offset });
        seen.push(...page.files.map((file) => file.fileName));
        if (page.files.length < 10) break;
      }
      assert.equal(seen.length, 25);
      assert.equal(new Set(seen).size, 25);
      assert.deepEqual(
        requests('GET', `/folders/${folderId}/files`).map((request) => request.query.offset),
        ['0', '10', '20'],
      );
    });

    it('reads listings the service sends unwrapped too', async () => {
      env.emulator.control.files.setListShape('bare');
      const root = await files().listRoot();
      assert.equal(root.folder?.folderId, FILES_ROOT_ID);
      const page = await files().listFolderFiles(filesSeedFolderId('Voice'), { limit: 5, offset: 0 });
      assert.ok(page.files.length > 0);
    });

    it('creates, renames and deletes a folder; a folder that is not empty is refused with the service’s reason', async () => {
      const client = files();
      const made = await client.createFolder('  Promos ', filesSeedFolderId('Music'));
      assert.equal(made.folderName, 'Promos');
      assert.equal(made.parentFolderId, filesSeedFolderId('Music'));
      const [create] = requests('POST', '/folders');
      assert.ok(create, 'POST /folders');
      const renamed = await client.renameFolder(made.folderId, 'Spots');
      assert.equal(renamed.folderName, 'Spots');
      const refused = await env.rejection(client.deleteFolder(filesSeedFolderId('Music/Beds')));
      assert.ok(refused instanceof BadRequestError, refused.name);
      assert.match(refused.message, /Folder is not empty; The folder holds/);
      await client.deleteFolder(made.folderId);
      assert.equal(env.emulator.control.files.listFolders().some((folder) => folder.folderId === made.folderId), false);
    });

    it('refuses names and IDs that are not usable before sending anything', async () => {
      const client = files();
      for (const call of [
        () => client.createFolder('   '),
        () => client.createFolder('a/b'),
        () => client.createFolder('line\nbreak'),
        () => client.listFolder('../files'),
        () => client.renameFile('x?y', 'name.wav'),
      ]) {
        const error = await env.rejection(call());
        assert.ok(error instanceof InvalidInputError, error.message);
      }
      assert.deepEqual(env.emulator.control.requests, []);
    });

    it('refuses exactly the names New Folder… and Rename… refuse: one rule, with the same words', async () => {
      const client = files();
      for (const name of ['..', '.', 'back\\slash', 'a/b', ' ', 'x'.repeat(256), 'tab\there']) {
        const fileError = await env.rejection(client.renameFile(filesSeedFileId('jingle.mp3'), name));
        assert.ok(fileError instanceof InvalidInputError, `${JSON.stringify(name)}: ${fileError.message}`);
        assert.equal(fileError.message, stackNameProblem(name, { kind: 'file', siblings: [], folderPath: '' }));
        const folderError = await env.rejection(client.createFolder(name));
        assert.equal(folderError.message, stackNameProblem(name, { kind: 'folder', siblings: [], folderPath: '' }));
      }
      assert.deepEqual(env.emulator.control.requests, [], 'nothing was sent');
      assert.equal((await client.createFolder(' Takes..2 ')).folderName, 'Takes..2');
    });
  });

  describe('files', () => {
    it('gets, renames, copies and moves a file; the move deletes the original only after the copy is there', async () => {
      const client = files();
      const jingle = filesSeedFileId('jingle.mp3');
      const file = await client.getFile(jingle);
      assert.equal(file.fileName, 'jingle.mp3');
      assert.ok(file.url, 'an uploaded file has a download link');
      const renamed = await client.renameFile(jingle, 'jingle-2026.mp3');
      assert.equal(renamed.fileName, 'jingle-2026.mp3');

      const voice = filesSeedFolderId('Voice');
      const copy = await client.copyFile({ fileId: jingle, folderId: FILES_ROOT_ID }, voice);
      assert.notEqual(copy.fileId, jingle);
      assert.equal(copy.folderId, voice);

      const effects = filesSeedFolderId('Sound Effects');
      const moved = await client.moveFile({ fileId: jingle, folderId: FILES_ROOT_ID }, effects);
      const ids = env.emulator.control.files.listFiles().map((stored) => stored.fileId);
      assert.equal(ids.includes(jingle), false, 'the original is gone');
      assert.ok(ids.includes(moved.fileId) && ids.includes(copy.fileId));
      const order = env.emulator.control.requests.filter((request) => request.path.startsWith('/files')).map((request) => `${request.method} ${request.path}`);
      assert.deepEqual(order.slice(-3), ['PUT /files/copy', `GET /files/${moved.fileId}`, `DELETE /files/${jingle}`]);
    });

    it('keeps the original when the copy fails', async () => {
      const client = files();
      const jingle = env.emulator.control.files.addFile({ fileName: 'keep-me.wav' });
      env.emulator.control.failNext(1, 500, { path: '/files/copy' });
      const error = await env.rejection(client.moveFile({ fileId: jingle, folderId: FILES_ROOT_ID }, filesSeedFolderId('Voice')));
      assert.match(error.message, /AudioStack had a server error \(500\)/);
      assert.ok(env.emulator.control.files.listFiles().some((stored) => stored.fileId === jingle));
      assert.equal(requests('DELETE', '/files').length, 0);
    });

    describe('a broken copy never costs the original', () => {
      const voice = () => filesSeedFolderId('Voice');
      const stored = (fileId: string) => env.emulator.control.files.listFiles().find((file) => file.fileId === fileId);

      it('a copy answered with the original’s own ID: copyFile refuses it, moveFile deletes nothing', async () => {
        const client = files();
        const only = env.emulator.control.files.addFile({ fileName: 'only-copy.wav' });
        env.emulator.control.files.copyMisbehaves('move-source', 2);

        const copyError = await env.rejection(client.copyFile({ fileId: only, folderId: FILES_ROOT_ID }, voice()));
        assert.ok(copyError instanceof BadResponseError, String(copyError));
        assert.match(copyError.message, /answered the copy of only-copy\.wav with the original file itself, not a new file\. Nothing was deleted/);

        // The server moved it into Voice: a move from there to Voice again must still not delete it.
        const moveError = await env.rejection(client.moveFile({ fileId: only, folderId: voice() }, voice()));
        assert.ok(moveError instanceof BadResponseError, String(moveError));
        assert.equal(requests('DELETE', '/files').length, 0, 'no DELETE was sent');
        assert.equal(stored(only)?.status, 'uploaded', 'the only copy still exists');
      });

      it('a copy under another name or with fewer bytes is not taken as proof: the original stays, the copy is reported', async () => {
        for (const [quirk, pattern] of [
          ['renamed', /named the copy of keep-name\.wav differently \(Copy of keep-name\.wav\); the original was kept/],
          ['short', /could not confirm that the copy of keep-name\.wav has all its bytes .*the original was kept/],
        ] as const) {
          env.emulator.control.reset();
          const client = files();
          const original = env.emulator.control.files.addFile({ fileName: 'keep-name.wav', bytes: makeWavTone(330, 400) });
          env.emulator.control.files.copyMisbehaves(quirk);
          const copies: string[] = [];
          const error = await env.rejection(client.moveFile({ fileId: original, folderId: FILES_ROOT_ID }, voice(), { onCopied: (copy) => copies.push(copy.fileId) }));
          assert.ok(error instanceof BadResponseError, `${quirk}: ${String(error)}`);
          assert.match(error.message, pattern);
          assert.equal(requests('DELETE', '/files').length, 0, `${quirk}: no DELETE`);
          assert.ok(stored(original), `${quirk}: the original is kept`);
          assert.equal(copies.length, 1, `${quirk}: the caller hears of the copy it can clean up`);
          assert.notEqual(copies[0], original);
        }
      });

      it('a move whose copy matches name, size and folder deletes the original, checked against the original it read first', async () => {
        const client = files();
        const original = env.emulator.control.files.addFile({ fileName: 'moving.wav', bytes: makeWavTone(220, 300) });
        const moved = await client.moveFile({ fileId: original, folderId: FILES_ROOT_ID }, voice());
        assert.notEqual(moved.fileId, original);
        assert.equal(moved.fileName, 'moving.wav');
        assert.equal(stored(original), undefined, 'the original is gone');
        assert.equal(stored(moved.fileId)?.size, makeWavTone(220, 300).length);
        const order = env.emulator.control.requests.filter((request) => request.path.startsWith('/files')).map((request) => `${request.method} ${request.path}`);
        assert.deepEqual(order, [`GET /files/${original}`, 'PUT /files/copy', `GET /files/${moved.fileId}`, `DELETE /files/${original}`]);
      });
    });

    it('deletes a file', async () => {
      const take = filesSeedFileId('Voice/Takes/take-01.wav');
      await files().deleteFile(take);
      assert.equal(env.emulator.control.files.listFiles().some((stored) => stored.fileId === take), false);
    });

    it('lists the file types the service names', async () => {
      const types = await files().fileCategories();
      assert.ok(types.length > 0);
      assert.ok(types.every((name) => typeof name === 'string' && name !== ''));
    });
  });

  describe('upload', () => {
    it('creates the file, PUTs the bytes with the given type and no key, says “processing”, and waits until it is uploaded', async () => {
      const bytes = makeWavTone(440, 600);
      const local = await writeTempFile(env.dir, 'new take.wav', bytes);
      const progress: TransferProgress[] = [];
      const events: string[] = [];
      const folderId = filesSeedFolderId('Voice/Takes');

      const file = await files().upload(local, {
        folderId,
        onProgress: (p) => {
          progress.push(p);
          if (events.at(-1) !== 'bytes') events.push('bytes');
        },
        onProcessing: () => events.push('processing'),
      });

      assert.equal(file.status, 'uploaded');
      assert.equal(file.fileName, 'new take.wav');
      assert.equal(file.folderId, folderId);
      assert.deepEqual(events, ['bytes', 'processing']);
      assert.equal(progress.at(-1)?.transferred, bytes.length);
      const [create] = requests('POST', '/files');
      assert.equal(create.headers['x-api-key'], TEST_KEY);
      const [put] = requests('PUT', '/s3/');
      assert.equal(put.headers['x-api-key'], undefined, 'the key never goes to storage');
      assert.equal(put.headers['content-type'], 'audio/wav');
      assert.ok(requests('GET', `/files/${file.fileId}`).length >= 2, 'it polled while the file was processing');
      assert.ok(env.emulator.control.files.getStoredBytes(file.fileId)?.equals(bytes));
    });

    it('ends with a clear message when processing never finishes, bounded by its time limit', async () => {
      env.emulator.control.files.processNext('stuck');
      const local = await writeTempFile(env.dir, 'stuck.wav', makeWavTone(330, 200));
      const error = await env.rejection(files().upload(local, { processingTimeoutMs: 600 }));
      assert.ok(error instanceof ProcessingError, error.name);
      assert.match(error.message, /AudioStack is still processing stuck\.wav after \d+ s \(status "processing"\)\. It was uploaded; refresh its folder later/);
    });

    it('says when AudioStack could not process the file', async () => {
      env.emulator.control.files.processNext('failed');
      const local = await writeTempFile(env.dir, 'broken.mp3', makeWavTone(330, 200));
      const error = await env.rejection(files().upload(local));
      assert.ok(error instanceof ProcessingError);
      assert.match(error.message, /could not process broken\.mp3 \(status "failed"\)/);
    });

    it('stops waiting for processing when cancelled', async () => {
      env.emulator.control.files.processNext('stuck');
      const local = await writeTempFile(env.dir, 'cancel.wav', makeWavTone(330, 200));
      const controller = new AbortController();
      const upload = files().upload(local, { signal: controller.signal, onProcessing: () => setImmediate(() => controller.abort()) });
      const error = await env.rejection(upload);
      assert.ok(error instanceof CancelledError, error.name);
    });

    it('deletes the created file record when cancelled before the bytes arrived, and says which file it processes', async () => {
      env.emulator.control.throttle(64 * 1024);
      const local = await writeTempFile(env.dir, 'half.wav', makeWavTone(440, 4000));
      const controller = new AbortController();
      let processing: { fileId: string; fileName: string } | undefined;
      const upload = files().upload(local, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.transferred > 0) controller.abort();
        },
        onProcessing: (file) => (processing = file),
      });
      const error = await env.rejection(upload);
      assert.ok(error instanceof CancelledError, error.name);
      assert.equal(processing, undefined, 'it never reached processing');
      const [create] = requests('POST', '/files');
      assert.ok(create, 'the file record was created');
      assert.equal(requests('DELETE', '/files/').length, 1, 'and deleted');
      assert.ok(!env.emulator.control.files.listFiles().some((file) => file.fileName === 'half.wav'), 'nothing named half.wav is left');

      env.emulator.control.throttle(null);
      const done = await files().upload(local, { onProcessing: (file) => (processing = file) });
      assert.deepEqual(processing, { fileId: done.fileId, fileName: 'half.wav' });
    });

    it('refuses a file type AudioStack does not take, naming the ones it does', async () => {
      const local = await writeTempFile(env.dir, 'notes.txt', Buffer.from('hello'));
      const error = await env.rejection(files().upload(local));
      assert.ok(error instanceof InvalidInputError);
      assert.match(error.message, /AudioStack accepts only \.wav, \.mp3, .* and \.ogg files, not \.txt/);
      assert.deepEqual(env.emulator.control.requests, []);
    });
  });

  describe('download', () => {
    it('saves the bytes under the file’s name and never sends the key to storage', async () => {
      const jingle = filesSeedFileId('Music/theme-song.mp3');
      const saved = await files().download(jingle, env.dir);
      assert.equal(path.basename(saved), 'theme-song.mp3');
      assert.ok((await fs.readFile(saved)).equals(env.emulator.control.files.getStoredBytes(jingle) ?? Buffer.alloc(0)));
      const objectGets = requests('GET', '/s3/');
      assert.ok(objectGets.length > 0);
      assert.ok(objectGets.every((request) => request.headers['x-api-key'] === undefined));
    });

    it('resumes a dropped download from the same version only', async () => {
      const fileId = env.emulator.control.files.addFile({ fileName: 'long.wav', bytes: makeWavTone(220, 4000) });
      const expected = env.emulator.control.files.getStoredBytes(fileId);
      env.emulator.control.dropConnectionAfter(100_000, { method: 'GET' });
      const { client, logger } = env.makeFilesClient(env.emulator);
      const saved = await client.download(fileId, env.dir);
      assert.ok((await fs.readFile(saved)).equals(expected ?? Buffer.alloc(0)));
      const ranged = requests('GET', '/s3/').filter((request) => request.headers.range !== undefined);
      assert.equal(ranged.length, 1, logger.text());
      assert.ok(ranged[0].headers['if-range'], 'the resume names the version it continues');
      assert.deepEqual(await partFiles(env.dir), []);
    });

    describe('storage that holds fewer bytes than the file’s size', () => {
      it('a shorter length announced is refused before the body: nothing saved, not retried, the message gives both sizes', async () => {
        const fileId = env.emulator.control.files.addFile({ fileName: 'cut.mp3', bytes: Buffer.alloc(2000, 7) });
        env.emulator.control.serveShortObject(1000);
        const error = await env.rejection(files().download(fileId, env.dir));
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, /^127\.0\.0\.1:\d+ announced 1,000 bytes for cut\.mp3, but AudioStack says the file has 2,000 bytes; nothing was saved\. Try again\.$/);
        assert.deepEqual(await fs.readdir(env.dir), []);
        assert.equal(requests('GET', '/s3/').length, 1, 'a cut copy is not fetched again and again');
      });

      it('a shorter body sent without a length is not saved, and the file already there is kept', async () => {
        const fileId = env.emulator.control.files.addFile({ fileName: 'cut.mp3', bytes: Buffer.alloc(2000, 7) });
        await fs.writeFile(path.join(env.dir, 'cut.mp3'), 'original');
        env.emulator.control.serveShortObject(1000, { chunked: true });
        const error = await env.rejection(files().download(fileId, env.dir, { onConflict: 'overwrite' }));
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, /^127\.0\.0\.1:\d+ sent 1,000 bytes of cut\.mp3, but AudioStack says the file has 2,000 bytes; nothing was saved\. Try again\.$/);
        assert.deepEqual(await fs.readdir(env.dir), ['cut.mp3']);
        assert.equal(await fs.readFile(path.join(env.dir, 'cut.mp3'), 'utf8'), 'original');
      });

      it('the next download, served whole, saves exactly the file’s size', async () => {
        const bytes = Buffer.alloc(2000, 7);
        const fileId = env.emulator.control.files.addFile({ fileName: 'cut.mp3', bytes });
        env.emulator.control.serveShortObject(1000);
        await env.rejection(files().download(fileId, env.dir));
        const saved = await files().download(fileId, env.dir);
        assert.ok((await fs.readFile(saved)).equals(bytes));
        assert.deepEqual(await fs.readdir(env.dir), ['cut.mp3']);
      });
    });

    it('saves a 10,000-character file name shortened with its extension, and lists it bounded with its extension', async () => {
      const longName = `${'n'.repeat(9996)}.mp3`;
      const bytes = Buffer.from('ten thousand characters');
      const fileId = env.emulator.control.files.addFile({ fileName: longName, bytes });
      const saved = await files().download(fileId, env.dir);
      const name = path.basename(saved);
      assert.match(name, /^n+\.mp3$/);
      assert.ok(Buffer.byteLength(name) <= 200, `${Buffer.byteLength(name)} bytes`);
      assert.ok((await fs.readFile(saved)).equals(bytes));
      const listed = (await files().listRoot()).files.find((file) => file.fileId === fileId);
      const got = await files().getFile(fileId);
      for (const file of [listed, got]) {
        assert.match(file?.fileName ?? '', /^n+\.mp3$/);
        assert.ok((file?.fileName.length ?? 0) <= 255, `shown with ${file?.fileName.length} characters`);
      }
    });

    it('says a file still processing cannot be downloaded yet, and writes nothing', async () => {
      const error = await env.rejection(files().download(filesSeedFileId('Voice/Takes/take-03.wav'), env.dir));
      assert.ok(error instanceof ProcessingError);
      assert.match(error.message, /take-03\.wav is still processing on AudioStack; it can be downloaded once it is uploaded/);
      assert.deepEqual(await fs.readdir(env.dir), []);
    });
  });

  describe('a broken or hostile service', () => {
    it('names AudioStack and its setting in messages, and reports the service’s reason', async () => {
      env.emulator.control.failNext(1, 403, { path: '/folders', body: JSON.stringify({ message: 'Forbidden' }) });
      const error = await env.rejection(files().listRoot());
      assert.ok(error instanceof AuthenticationError);
      assert.match(error.message, /^AudioStack rejected the API key \(403\)/);
      const missing = await env.rejection(files().getFile('00000000-0000-4000-8000-000000000000'));
      assert.match(missing.message, /AudioStack found nothing for GET \/files\/.* \(404\): File not found/);
    });

    it('retries a rate-limited listing as long as the service asks, within the budget', async () => {
      env.emulator.control.failNext(2, 429, { path: '/folders', headers: { 'Retry-After': '0' } });
      const root = await files().listRoot();
      assert.equal(root.folder?.folderId, FILES_ROOT_ID);
      assert.equal(requests('GET', '/folders').length, 3);
      env.emulator.control.failNext(20, 429, { path: '/folders', headers: { 'Retry-After': '0' } });
      const error = await env.rejection(env.makeFilesClient(env.emulator, { maxRetries: 2 }).client.listRoot());
      assert.ok(error instanceof RateLimitedError);
    });

    it('does not read a listing past its limit', async () => {
      env.emulator.control.respondHostile('huge-listing', { bytes: 60 * 1024 * 1024 });
      const error = await env.rejection(files().listRoot());
      assert.ok(error instanceof ResponseTooLargeError, error.name);
      assert.match(error.message, /AudioStack answered GET \/folders with more than 48/);
    });

    it('refuses an answer that is not a listing instead of showing an empty folder', async () => {
      env.emulator.control.failNext(1, 200, { path: '/folders', body: JSON.stringify({ statusCode: 500, message: 'oops' }) });
      const error = await env.rejection(files().listRoot());
      assert.ok(error instanceof BadResponseError);
      assert.match(error.message, /Check the AudioStack Files base URL/);
    });
  });
});
