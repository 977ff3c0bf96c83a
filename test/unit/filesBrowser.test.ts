// What the AudioStack Files view shows, folder by folder (src/model/audiostack/filesBrowser.ts), with
// the Files client against the emulator over real sockets; and how a file is described
// (src/media/audiostack/stackFiles.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { StackFile } from '../../src/api/audiostack/model';
import { useDisplayLanguage } from '../../src/api/l10n';
import { stackFileAccessibleLabel, stackFileMarkdown, stackFileState, stackFileSummary } from '../../src/media/audiostack/stackFiles';
import { baseNameLength, freeName, stackNameProblem } from '../../src/media/audiostack/stackNames';
import { FilesBrowser, ROOT_FOLDER_KEY, type FilesApi } from '../../src/model/audiostack/filesBrowser';
import { NoApiKeyError, ServerNotTrustedError } from '../../src/util/errors';
import { filesSeedFolderId, startEmulator } from '../emulator';
import { OTHER_KEY, RecordingLogger, TEST_KEY, useClientSuite } from './clientHarness';

/** Resolves once `condition` holds, checking on each turn of the event loop (bounded by the test's timeout). */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** Intl may separate number and unit with a no-break space: compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** Runs `check` with the German bundle configured as VS Code would at activation, then English again. */
function inGerman(check: () => void): void {
  const bundle = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
  useDisplayLanguage({ language: 'de', bundle });
  try {
    check();
  } finally {
    useDisplayLanguage({ language: 'en', bundle: undefined });
    l10n.config({ contents: {} });
  }
}

describe('FilesBrowser', function () {
  this.timeout(30_000);
  const env = useClientSuite();
  let pageSize = 10;
  const browser = (connect?: () => Promise<FilesApi>) =>
    new FilesBrowser({
      connect: connect ?? (async () => env.makeFilesClient(env.emulator).client),
      pageSize: () => pageSize,
      logger: new RecordingLogger(),
      cleanText: (text) => text,
    });
  const gets = (path: string) => env.emulator.control.requests.filter((request) => request.method === 'GET' && request.path === path);
  beforeEach(() => {
    pageSize = 10;
  });

  it('lists the root\'s folders and its first page of files, and is ready', async () => {
    const files = browser();
    const states: string[] = [];
    files.onDidChangeState(({ kind }) => states.push(kind));
    const root = await files.load(ROOT_FOLDER_KEY);
    assert.deepEqual(states, ['loading', 'ready']);
    assert.deepEqual(root.folders.map((folder) => folder.folderName), ['Empty', 'Music', 'Sound Effects', 'Voice']);
    assert.deepEqual(root.files.map((file) => file.fileName), ['jingle.mp3']);
    assert.equal(root.hasMore, false);
    assert.equal(files.state.kind, 'ready');
  });

  it('lists a folder once, however often or concurrently it is asked for, until refresh()', async () => {
    const files = browser();
    const beds = filesSeedFolderId('Music/Beds');
    const [a, b] = await Promise.all([files.load(beds), files.load(beds)]);
    assert.equal(a, b);
    await files.load(beds);
    assert.equal(gets(`/folders/${beds}`).length, 1);
    await files.refresh();
    await files.load(beds);
    assert.equal(gets(`/folders/${beds}`).length, 2);
  });

  it('shows a file the extension created in its loaded folder in name order, replaces it by ID, takes one out, and pages on without a row twice', async () => {
    const folderId = env.emulator.control.files.addFolder({ folderName: 'Uploads' });
    env.emulator.control.files.addFilesBulk(12, { folderId, prefix: 'p' });
    const files = browser();
    await files.load(folderId);
    const changed: Array<string | undefined> = [];
    files.onDidChange((key) => changed.push(key));
    // Created on the service (as an upload does), then shown at once as processing.
    const fileId = env.emulator.control.files.addFile({ fileName: 'p-00003b.mp3', folderId, status: 'processing' });
    const processing: StackFile = { fileId, fileName: 'p-00003b.mp3', folderId, status: 'processing', size: 10, duration: undefined, fileType: undefined, createdAt: undefined, updatedAt: undefined, category: undefined, accessControl: undefined, url: undefined };
    files.putLoadedFile(folderId, processing);
    const names = () => files.contents(folderId)!.files.map((file) => file.fileName);
    assert.deepEqual(names().slice(2, 5), ['p-00003.mp3', 'p-00003b.mp3', 'p-00004.mp3']);
    files.putLoadedFile(folderId, { ...processing, status: 'uploaded' });
    assert.equal(files.contents(folderId)!.files.filter((file) => file.fileId === fileId).length, 1);
    assert.equal(files.contents(folderId)!.files.find((file) => file.fileId === fileId)?.status, 'uploaded');
    assert.deepEqual(changed, [folderId, folderId]);

    await files.loadMore(folderId);
    const ids = files.contents(folderId)!.files.map((file) => file.fileId);
    assert.equal(ids.length, 13, names().join(', '));
    assert.equal(new Set(ids).size, 13, 'no file twice');

    files.removeLoadedFile(folderId, fileId);
    assert.ok(!names().includes('p-00003b.mp3'));
    files.putLoadedFile(filesSeedFolderId('Music/Beds'), processing);
    assert.equal(files.contents(filesSeedFolderId('Music/Beds')), undefined, 'a folder not loaded stays unloaded');
  });

  it('pages a folder\'s files by the page size, and stops after the last page', async () => {
    const folderId = env.emulator.control.files.addFolder({ folderName: 'Paged' });
    env.emulator.control.files.addFilesBulk(20, { folderId, prefix: 'p' });
    const files = browser();
    const first = await files.load(folderId);
    assert.equal(first.files.length, 10);
    assert.equal(first.hasMore, true, 'a full page may have more after it');
    await files.loadMore(folderId);
    assert.equal(files.contents(folderId)?.files.length, 20);
    assert.equal(files.contents(folderId)?.hasMore, true, 'exactly two full pages: one more look');
    await files.loadMore(folderId);
    assert.equal(files.contents(folderId)?.files.length, 20);
    assert.equal(files.contents(folderId)?.hasMore, false);
    const offsets = gets(`/folders/${folderId}/files`).map((request) => request.query.offset);
    assert.deepEqual(offsets, ['0', '10', '20']);
    assert.equal(new Set(files.contents(folderId)?.files.map((file) => file.fileId)).size, 20, 'no file listed twice');
  });

  describe('when AudioStack pages its own way', () => {
    const filesRequests = (folderId: string) => gets(`/folders/${folderId}/files`).map((request) => `${request.query.offset}/${request.query.limit}`);
    const folderOf = (count: number) => {
      const folderId = env.emulator.control.files.addFolder({ folderName: 'Capped' });
      return { folderId, ids: env.emulator.control.files.addFilesBulk(count, { folderId, prefix: 'c' }) };
    };

    it('pages by the page size AudioStack reports when it sends fewer files than asked: Show more until a page falls short of it', async () => {
      pageSize = 500;
      env.emulator.control.files.capPageSize(100);
      const { folderId, ids } = folderOf(250);
      const files = browser();
      const first = await files.load(folderId);
      assert.equal(first.files.length, 100);
      assert.equal(first.hasMore, true, 'a page as full as AudioStack said it would be may have more after it');
      await files.loadMore(folderId);
      assert.equal(files.contents(folderId)?.files.length, 200);
      assert.equal(files.contents(folderId)?.hasMore, true);
      await files.loadMore(folderId);
      assert.deepEqual(files.contents(folderId)?.files.map((file) => file.fileId), ids, 'every file once, in order');
      assert.equal(files.contents(folderId)?.hasMore, false, '50 of 100: the last page');
      assert.deepEqual(filesRequests(folderId), ['0/500', '100/500', '200/500'], 'each next page starts after the files received');
    });

    it('pages on when apiAudio.pageSize is larger than the client\'s largest page (1,000)', async () => {
      pageSize = 2_000;
      const { folderId } = folderOf(1_005);
      const files = browser();
      const first = await files.load(folderId);
      assert.equal(first.files.length, 1_000);
      assert.equal(first.hasMore, true);
      await files.loadMore(folderId);
      assert.equal(files.contents(folderId)?.files.length, 1_005);
      assert.equal(files.contents(folderId)?.hasMore, false);
      assert.deepEqual(filesRequests(folderId), ['0/1000', '1000/1000']);
    });

    it('takes the page size asked when AudioStack reports none, or a limit of 0, or one larger than asked', async () => {
      for (const report of ['none', 0, 1_000_000_000] as const) {
        env.emulator.control.reset();
        env.emulator.control.files.capPageSize(10, { report });
        const { folderId } = folderOf(25);
        const files = browser();
        assert.equal((await files.load(folderId)).hasMore, true, `${report}: a page of 10 as asked is full`);
        await files.loadMore(folderId);
        await files.loadMore(folderId);
        assert.equal(files.contents(folderId)?.files.length, 25, String(report));
        assert.equal(files.contents(folderId)?.hasMore, false, `${report}: 5 of 10 is the last page`);
        assert.deepEqual(filesRequests(folderId), ['0/10', '10/10', '20/10'], String(report));
      }
      // Nothing tells a page cut short without a word from the end of the folder.
      env.emulator.control.files.capPageSize(10, { report: 'none' });
      pageSize = 20;
      const { folderId } = folderOf(25);
      const files = browser();
      assert.equal((await files.load(folderId)).files.length, 10);
      assert.equal(files.contents(folderId)?.hasMore, false);
    });

    it('ends Show more when a page brings only files already listed (pages that never advance)', async () => {
      env.emulator.control.files.capPageSize(10, { ignoreOffset: true });
      const { folderId, ids } = folderOf(25);
      const files = browser();
      assert.equal((await files.load(folderId)).hasMore, true);
      await files.loadMore(folderId);
      assert.deepEqual(files.contents(folderId)?.files.map((file) => file.fileId), ids.slice(0, 10), 'no row twice');
      assert.equal(files.contents(folderId)?.hasMore, false);
      await files.loadMore(folderId);
      assert.deepEqual(filesRequests(folderId), ['0/10', '10/10'], 'no request after the end');
    });
  });

  it('keeps a folder\'s error until retry(), and retry lists only that folder', async () => {
    const files = browser();
    await files.load(ROOT_FOLDER_KEY);
    const voice = filesSeedFolderId('Voice');
    env.emulator.control.failNext(1, 400, { path: `/folders/${voice}`, body: JSON.stringify({ message: 'Validation failed' }) });
    const failed = await files.load(voice);
    assert.match(failed.error ?? '', /Validation failed/);
    assert.equal((await files.load(voice)).error, failed.error, 'the error stays until Retry');
    assert.equal(files.state.kind, 'ready', 'a folder\'s failure is not the root\'s');
    await files.retry(voice);
    assert.deepEqual(files.contents(voice)?.folders.map((folder) => folder.folderName), ['Takes']);
    assert.equal(gets('/folders').length, 1, 'the root was not listed again');
  });

  it('says noKey without a key, and authFailed when the key is rejected', async () => {
    const none = browser(async () => {
      throw new NoApiKeyError();
    });
    await none.refresh();
    assert.equal(none.state.kind, 'noKey');
    const rejected = browser(async () => env.makeFilesClient(env.emulator, { apiKey: OTHER_KEY }).client);
    await rejected.refresh();
    assert.equal(rejected.state.kind, 'authFailed');
  });

  it('a failed refresh keeps what was shown, with the reason; the states are api.audio Media\'s (unreachable, untrusted)', async () => {
    const files = browser();
    await files.refresh();
    const shown = files.contents(ROOT_FOLDER_KEY)?.folders.map((folder) => folder.folderName);
    const voice = filesSeedFolderId('Voice');
    await files.load(voice);
    env.emulator.control.failNext(1, 400, { path: '/folders', body: JSON.stringify({ message: 'Validation failed' }) });
    await files.refresh();
    assert.equal(files.state.kind, 'failed');
    assert.match(files.state.errorMessage ?? '', /Validation failed/);
    assert.ok(shown?.includes('Voice'));
    assert.deepEqual(files.contents(ROOT_FOLDER_KEY)?.folders.map((folder) => folder.folderName), shown, 'the root stays');
    assert.match(files.contents(ROOT_FOLDER_KEY)?.error ?? '', /Validation failed/);
    assert.deepEqual(files.contents(voice)?.folders.map((folder) => folder.folderName), ['Takes'], 'an open folder stays');
    await files.refresh();
    assert.equal(files.state.kind, 'ready');
    assert.equal(files.contents(ROOT_FOLDER_KEY)?.error, undefined);
    assert.equal(gets(`/folders/${voice}`).length, 2, 'the open folder was listed again with the root');

    const closed = await startEmulator({ apiKeys: [TEST_KEY] });
    await closed.close();
    const offline = browser(async () => env.makeFilesClient(closed, { maxRetries: 0 }).client);
    await offline.refresh();
    assert.equal(offline.state.kind, 'unreachable');

    const declined = browser(async () => {
      throw new ServerNotTrustedError('https://files.example.test', 'apiAudio.filesBaseUrl');
    });
    await declined.refresh();
    assert.equal(declined.state.kind, 'untrusted');
    assert.match(declined.state.errorMessage ?? '', /not sent to https:\/\/files\.example\.test/);
    assert.equal(declined.contents(ROOT_FOLDER_KEY), undefined, 'nothing is shown for a server the person did not confirm');
  });

  it('a refresh joins one already running; one that reload() superseded resolves once the newer listing is in', async () => {
    const files = browser();
    await files.refresh();
    env.emulator.control.reset();
    env.emulator.control.setLatency(100);
    await Promise.all([files.refresh(), files.refresh()]);
    assert.equal(gets('/folders').length, 1, 'one listing for two refreshes');
    const superseded = files.refresh();
    const reloaded = files.reload();
    await superseded;
    assert.equal(files.state.kind, 'ready');
    assert.ok(files.contents(ROOT_FOLDER_KEY), 'the newer listing is in when the superseded refresh resolves');
    await reloaded;
  });

  it('aborts the requests of a load that a newer one superseded', async () => {
    const signals: AbortSignal[] = [];
    const files = browser(async () => {
      const client = env.makeFilesClient(env.emulator).client;
      return {
        listRoot: (options: { signal?: AbortSignal } = {}) => {
          if (options.signal) signals.push(options.signal);
          return client.listRoot(options);
        },
        listFolder: client.listFolder.bind(client),
        listFolderFiles: client.listFolderFiles.bind(client),
      };
    });
    env.emulator.control.setLatency(300);
    const first = files.refresh();
    await waitUntil(() => signals.length === 1);
    files.clear('idle');
    await first;
    assert.equal(signals[0].aborted, true, 'the superseded listing was aborted, not left to run');
    assert.equal(files.state.kind, 'idle');
    assert.equal(files.contents(ROOT_FOLDER_KEY), undefined);
  });

  it('names a loaded folder\'s path from the root, and says when a folder was loaded', async () => {
    const files = browser();
    const loaded: string[] = [];
    files.onDidLoad((key) => loaded.push(key));
    const music = filesSeedFolderId('Music');
    const beds = filesSeedFolderId('Music/Beds');
    const ambient = filesSeedFolderId('Music/Beds/Ambient');
    await files.load(ROOT_FOLDER_KEY);
    assert.equal(files.folderPath(undefined), '/');
    assert.equal(files.folderPath(files.contents(ROOT_FOLDER_KEY)?.folderId), '/');
    assert.equal(files.folderPath(music), 'Music');
    // Beds is listed only once Music is: until then its path is unknown.
    assert.equal(files.folderPath(beds), undefined);
    await files.load(music);
    await files.load(beds);
    assert.equal(files.folderPath(beds), 'Music/Beds');
    assert.equal(files.folderPath(ambient), 'Music/Beds/Ambient');
    assert.deepEqual(loaded, [ROOT_FOLDER_KEY, music, beds]);
    assert.ok(files.loadedFiles().some((file) => file.fileName === 'corporate-bed.mp3'));
  });

  it('names every loaded folder by its path from the root, and the loaded folder that lists each', async () => {
    const files = browser();
    await files.load(ROOT_FOLDER_KEY);
    await files.load(filesSeedFolderId('Music'));
    await files.load(filesSeedFolderId('Music/Beds'));
    const paths = files.folderPaths();
    assert.equal(paths.get(filesSeedFolderId('Music/Beds')), 'Music/Beds');
    assert.equal(paths.get(filesSeedFolderId('Music/Beds/Ambient')), 'Music/Beds/Ambient', 'listed by its loaded parent, not opened yet');
    assert.equal(paths.get(filesSeedFolderId('Voice')), 'Voice');
    assert.equal(paths.has(filesSeedFolderId('Voice/Takes')), false, 'Voice was not opened');
    assert.equal(files.parentKeyOf(filesSeedFolderId('Music/Beds/Ambient')), filesSeedFolderId('Music/Beds'));
    assert.equal(files.parentKeyOf(filesSeedFolderId('Music')), ROOT_FOLDER_KEY);
    assert.equal(files.parentKeyOf(filesSeedFolderId('Voice/Takes')), undefined);
  });

  it('ignores a listing that a refresh overtook', async () => {
    const files = browser();
    env.emulator.control.setLatency(300);
    const stale = files.load(ROOT_FOLDER_KEY);
    files.clear('idle');
    await stale;
    assert.equal(files.contents(ROOT_FOLDER_KEY), undefined);
    assert.equal(files.state.kind, 'idle');
  });

  it('lists again only the folders a change touched, keeping the rest and what is shown until the new listing arrives', async () => {
    const files = browser();
    const music = filesSeedFolderId('Music');
    const beds = filesSeedFolderId('Music/Beds');
    const voice = filesSeedFolderId('Voice');
    await files.load(ROOT_FOLDER_KEY);
    await Promise.all([files.load(music), files.load(beds), files.load(voice)]);
    const changed: Array<string | undefined> = [];
    files.onDidChange((key) => changed.push(key));
    const added = env.emulator.control.files.addFolder({ folderName: 'Fresh', parentFolderId: beds });
    env.emulator.control.reset();

    const pending = files.invalidate([beds, beds, filesSeedFolderId('Sound Effects')]);
    assert.ok(files.contents(beds), 'the old listing stays while the new one is asked for');
    await pending;
    assert.ok(files.contents(beds)?.folders.some((folder) => folder.folderId === added));
    assert.deepEqual(changed, [beds], 'one change, for that folder only');
    const listed = env.emulator.control.requests.filter((request) => request.method === 'GET').map((request) => request.path);
    assert.deepEqual(listed.sort(), [`/folders/${beds}`, `/folders/${beds}/files`].sort(), 'a folder never opened is not listed; the others are kept');
    assert.equal(files.state.kind, 'ready');

    // The root's key lists the root again without the "loading" state.
    const states: string[] = [];
    files.onDidChangeState(({ kind }) => states.push(kind));
    await files.invalidate([ROOT_FOLDER_KEY]);
    assert.deepEqual(states, []);
    assert.equal(files.keyOf(files.contents(ROOT_FOLDER_KEY)?.folderId), ROOT_FOLDER_KEY, 'the root\'s id maps to the root\'s key');
    assert.equal(files.keyOf(undefined), ROOT_FOLDER_KEY);
    assert.equal(files.keyOf(music), music);

    // A deleted folder is forgotten with everything loaded inside it.
    files.forget([music]);
    assert.equal(files.contents(music), undefined);
    assert.equal(files.contents(beds), undefined);
    assert.ok(files.contents(voice));
  });
});

describe('How an AudioStack file is described', () => {
  const file = (overrides: Partial<StackFile> = {}): StackFile => ({
    fileId: '3f1c2b9e-1111-5222-8333-444455556666',
    fileName: 'calm-pad.wav',
    folderId: undefined,
    status: 'uploaded',
    size: 132_344,
    duration: 1.5,
    fileType: 'audio/wav',
    createdAt: undefined,
    updatedAt: undefined,
    category: 'sound | design',
    accessControl: undefined,
    url: undefined,
    ...overrides,
  });

  it('gives size and duration, then the state when it is not ready', () => {
    assert.equal(plain(stackFileSummary(file())), '129 kB · 1.5 sec');
    assert.equal(plain(stackFileSummary(file({ status: 'processing', duration: undefined }))), '129 kB · processing…');
    assert.equal(stackFileSummary(file({ status: 'failed', size: undefined, duration: undefined })), 'failed');
    assert.equal(stackFileSummary(file({ status: 'pending', size: undefined, duration: undefined })), 'pending…');
  });

  it('tells ready, processing and failed apart', () => {
    assert.deepEqual(['uploaded', 'UPLOADED', 'processing', 'pending', 'failed', 'error'].map((status) => stackFileState({ status })), [
      'ready',
      'ready',
      'processing',
      'processing',
      'failed',
      'failed',
    ]);
  });

  it('escapes the server\'s text in the tooltip and names the file ID and folder', () => {
    const markdown = stackFileMarkdown(file({ fileName: '*bold*.wav' }), 'Music/Beds');
    assert.ok(markdown.startsWith('**\\*bold\\*\\.wav** · AudioStack file `3f1c2b9e-1111-5222-8333-444455556666`'), markdown);
    assert.ok(markdown.includes('| Folder | Music/Beds |'), markdown);
    assert.ok(markdown.includes('| Category | sound \\| design |'), markdown);
    const dated = stackFileMarkdown(file({ createdAt: '2025-11-01T19:00:00.000Z', updatedAt: 'not a date' }));
    assert.ok(dated.includes('| Created | Nov 1, 2025, 19:00 UTC |'), 'dates read as in the api.audio tooltip');
    assert.ok(dated.includes('| Updated | not a date |'), 'a value that is not a date is shown as sent');
  });

  it('says in the tooltip what each state means and what to do: a failed file is never promised to become playable', () => {
    const read = (markdown: string) => markdown.replace(/\\(.)/g, '$1');
    assert.ok(read(stackFileMarkdown(file())).includes('| Status | uploaded: ready to play and download |'));
    const processing = read(stackFileMarkdown(file({ status: 'processing' })));
    assert.ok(processing.includes('| Status | processing: AudioStack is still working on it; it can be played and downloaded once it is done. Refresh the folder in a while. |'), processing);
    const failed = read(stackFileMarkdown(file({ status: 'failed' })));
    assert.ok(failed.includes('| Status | failed: AudioStack could not process it, so it cannot be played. Check that it is an audio file, then upload it again. |'), failed);
    assert.doesNotMatch(failed, /once it is/);
    assert.ok(read(stackFileMarkdown(file({ status: 'rejected' }))).includes('| Status | rejected: AudioStack could not process it'));
  });

  it('speaks German once the display language and its bundle are set: words, sizes, durations and dates', () => {
    inGerman(() => {
      assert.equal(plain(stackFileSummary(file())), '129 kB · 1,5 Sek.');
      assert.equal(plain(stackFileSummary(file({ status: 'processing', duration: undefined }))), '129 kB · in Arbeit…', 'a state word short enough for the row');
      assert.equal(stackFileSummary(file({ status: 'error', size: undefined, duration: undefined })), 'Fehler (error)');
      const markdown = stackFileMarkdown(file({ status: 'processing', createdAt: '2025-11-01T19:00:00.000Z' }), 'Music/Beds');
      assert.ok(markdown.startsWith('**calm\\-pad\\.wav** · AudioStack-Datei `3f1c2b9e-1111-5222-8333-444455556666`'), markdown);
      for (const row of ['| Ordner | Music/Beds |', '| Größe | 129 kB |', '| Kategorie | sound \\| design |', '| Erstellt | 1\\. Nov\\. 2025, 19:00 UTC |']) {
        assert.ok(markdown.includes(row), `${row} in ${markdown}`);
      }
      assert.ok(markdown.includes('| Status | in Arbeit: AudioStack verarbeitet die Datei noch;'), markdown);
      assert.ok(stackFileMarkdown(file({ status: 'failed' })).replace(/\\(.)/g, '$1').includes('| Status | Fehler: AudioStack konnte die Datei nicht verarbeiten, daher kann sie nicht abgespielt werden.'));
      assert.ok(stackFileMarkdown(file()).includes('| Status | hochgeladen: bereit zum Abspielen und Herunterladen |'), 'no English status word in German');
      assert.equal(
        plain(stackFileAccessibleLabel(file())),
        'calm-pad.wav, 129 kB, 1,5 Sek., Datei-ID 3f1c2b9e-1111-5222-8333-444455556666',
      );
      assert.equal(stackNameProblem('', { kind: 'folder', siblings: [], folderPath: '' }), 'Geben Sie einen Ordnernamen ein.');
      assert.equal(
        stackNameProblem('Loops', { kind: 'folder', siblings: ['Loops'], folderPath: 'Music/Beds' }),
        'In Music/Beds gibt es bereits einen Ordner "Loops". Wählen Sie einen anderen Namen.',
      );
      assert.equal(stackNameProblem('x'.repeat(1300), { kind: 'file', siblings: [], folderPath: '' }), 'Ein Dateiname darf höchstens 255 Zeichen haben (dieser hat 1.300).');
    });
  });
});

describe('AudioStack names as a person types them', () => {
  const folder = (value: string) => stackNameProblem(value, { kind: 'folder', siblings: ['Ambient', 'Loops'], folderPath: 'Music/Beds' });

  it('takes the names the Files API takes, trimmed', () => {
    assert.equal(folder('Pads'), undefined);
    assert.equal(folder('  Drones  '), undefined);
    assert.equal(folder('x'.repeat(255)), undefined);
    assert.equal(folder('ambient'), undefined, 'names differ by case on AudioStack');
  });

  it('says what is wrong with a name the service would refuse, or one a sibling has', () => {
    assert.equal(folder(''), 'Enter a folder name.');
    assert.equal(folder('   '), 'Enter a folder name.');
    assert.equal(folder('..'), 'A folder cannot be named "..".');
    assert.equal(folder('a/b'), 'A folder name cannot contain "/" or "\\".');
    assert.equal(folder('a\\b'), 'A folder name cannot contain "/" or "\\".');
    assert.equal(folder('two\nlines'), 'A folder name cannot contain line breaks or control characters.');
    assert.equal(folder('x'.repeat(256)), 'A folder name can have at most 255 characters (this one has 256).');
    assert.equal(folder(' Ambient '), 'There is already a folder "Ambient" in Music/Beds. Choose another name.');
    assert.equal(
      stackNameProblem('jingle.mp3', { kind: 'file', siblings: ['jingle.mp3'], folderPath: '' }),
      'There is already a file "jingle.mp3" in the top level. Choose another name.',
    );
  });

  it('selects the base name of a file, and finds a free name', () => {
    assert.equal(baseNameLength('calm-pad.wav'), 8);
    assert.equal(baseNameLength('archive.tar.gz'), 11);
    assert.equal(baseNameLength('.hidden'), 7);
    assert.equal(baseNameLength('README'), 6);
    assert.equal(freeName('New Folder', ['New Folder', 'New Folder 2']), 'New Folder 3');
  });
});
