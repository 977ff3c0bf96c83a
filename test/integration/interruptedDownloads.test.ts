import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileNode } from '../../src/tree/audiostack/filesTreeProvider';
import { filesRows, showFilesViewForEachTest } from './filesHelpers';
import { messages, useSeededExtension, waitFor } from './helpers';
import { mediaNode, workspaceScratch } from './transferHelpers';

/**
 * A window reload or crash in the middle of a download, for both services: the download
 * stops with no clean-up, leaving its part file, resume record and lock, and the journal
 * entry. The next start (the step activate() runs) names it once, with Resume and Discard.
 */
describe('Downloads interrupted by a window reload', function () {
  const t = useSeededExtension();
  const { rowAt } = filesRows(t);
  let dir: string;
  /** Pressing Cancel on the running download's progress notification. */
  let cancelRunning: () => void;

  beforeEach(() => {
    dir = workspaceScratch('interrupted');
    t.human.showOpenDialog.resolves([vscode.Uri.file(dir)]);
    // The progress notification, as a person sees it: its Cancel is pressed by the test.
    t.sandbox.stub(vscode.window, 'withProgress').callsFake((async (_options: unknown, task: (progress: unknown, token: vscode.CancellationToken) => unknown) => {
      const source = new vscode.CancellationTokenSource();
      cancelRunning = () => source.cancel();
      try {
        return await task({ report: () => undefined }, source.token);
      } finally {
        source.dispose();
      }
    }) as never);
  });

  const journalFile = () => path.join(t.hooks.services.context.globalStorageUri.fsPath, 'downloads.json');
  const objectGets = () => t.emulator.control.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/s3/'));
  const partFilesIn = (folder: string) => fs.readdirSync(folder).filter((name) => /\.part(\.json|\.lock)?$/.test(name)).sort();

  /**
   * Starts a download with `start`, lets `afterBytes` of it reach the part file, then stops
   * it as a reload does: what is on disk (the three files and the journal) is kept as it was
   * at that moment; the download is cancelled and what its clean-up removed is put back.
   */
  async function interrupt(start: () => Thenable<unknown>, folder: string, afterBytes: number): Promise<string> {
    t.emulator.control.dropConnectionAfter(afterBytes, { method: 'GET', hold: true });
    const running = start();
    const partFile = await waitFor(() => {
      const name = fs.readdirSync(folder).find((candidate) => candidate.endsWith('.part'));
      return name && fs.statSync(path.join(folder, name)).size >= afterBytes ? name : undefined;
    }, 'the part file to hold the first bytes');
    await waitFor(async () => {
      await t.hooks.services.downloads.settled();
      return (await t.hooks.services.downloads.entries()).some((entry) => entry.partFile === path.join(folder, partFile));
    }, 'the journal to name the download');
    const left = new Map<string, Buffer>();
    for (const name of partFilesIn(folder)) left.set(path.join(folder, name), fs.readFileSync(path.join(folder, name)));
    left.set(journalFile(), fs.readFileSync(journalFile()));
    cancelRunning();
    await running;
    await t.hooks.services.downloads.settled();
    for (const [file, bytes] of left) fs.writeFileSync(file, bytes);
    t.emulator.control.reset();
    return partFile;
  }

  describe('api.audio Media', () => {
    it('names the interrupted download once; Resume continues its part file into a byte-identical file and leaves no part files', async () => {
      const bytes = randomBytes(400_000);
      const mediaId = t.emulator.control.addMedia({ filename: 'long-take.wav', tags: ['interrupted'], bytes });
      await t.hooks.services.library.refresh();
      const node = mediaNode(t.hooks, 'long-take.wav');
      const partFile = await interrupt(() => vscode.commands.executeCommand('apiAudio.download', node, [node]), dir, 150_000);
      assert.deepEqual(partFilesIn(dir), [partFile, `${partFile}.json`, `${partFile}.lock`], 'a reload leaves the three files');
      assert.deepEqual(messages(t.human.showWarningMessage), [], 'nothing is said while the download runs');

      t.human.showWarningMessage.resolves('Resume' as never);
      await t.hooks.checkInterruptedDownloads();

      assert.deepEqual(messages(t.human.showWarningMessage), [
        `The download of long-take.wav into ${dir} was interrupted when the window was reloaded or closed. Resume it, or discard the unfinished file?`,
      ]);
      assert.deepEqual(t.human.showWarningMessage.firstCall.args.slice(1), ['Resume', 'Discard']);
      assert.ok(fs.readFileSync(path.join(dir, 'long-take.wav')).equals(t.emulator.control.getStoredBytes(mediaId)!), 'the resumed file is byte-identical');
      assert.deepEqual(fs.readdirSync(dir), ['long-take.wav'], 'no part files are left');
      const gets = objectGets();
      assert.equal(gets.length, 1);
      assert.equal(gets[0].headers.range, 'bytes=150000-', 'it continued the part file');
      assert.ok(gets[0].headers['if-range'], 'only from the same version');
      assert.deepEqual(messages(t.human.showInformationMessage), [`Downloaded long-take.wav to ${dir}.`]);
      assert.deepEqual(await t.hooks.services.downloads.entries(), [], 'the journal is empty again');

      await t.hooks.checkInterruptedDownloads();
      assert.equal(t.human.showWarningMessage.callCount, 1, 'said once');
    });

    it('forgets, without a word, a download whose part file is gone', async () => {
      const mediaId = t.emulator.control.addMedia({ filename: 'gone-take.wav', tags: ['interrupted'], bytes: randomBytes(200_000) });
      assert.ok(mediaId);
      await t.hooks.services.library.refresh();
      const node = mediaNode(t.hooks, 'gone-take.wav');
      const partFile = await interrupt(() => vscode.commands.executeCommand('apiAudio.download', node, [node]), dir, 50_000);
      fs.rmSync(path.join(dir, partFile));

      await t.hooks.checkInterruptedDownloads();

      assert.equal(t.human.showWarningMessage.callCount, 0);
      assert.deepEqual(await t.hooks.services.downloads.entries(), []);
    });
  });

  describe('AudioStack Files, with api.audio Media', () => {
    showFilesViewForEachTest(t);

    it('names several interrupted downloads in one notification; Discard removes the three files of each and downloads nothing', async () => {
      const row = (await rowAt('Music/Beds/upbeat-bed.wav')) as FileNode;
      const size = t.emulator.control.files.getStoredBytes(row.file.fileId)!.length;
      const filesPart = await interrupt(() => vscode.commands.executeCommand('apiAudio.files.download', row), dir, Math.floor(size / 2));
      const otherDir = workspaceScratch('interrupted-other');
      t.human.showOpenDialog.resolves([vscode.Uri.file(otherDir)]);
      t.emulator.control.addMedia({ filename: 'second-take.wav', tags: ['interrupted'], bytes: randomBytes(200_000) });
      await t.hooks.services.library.refresh();
      const node = mediaNode(t.hooks, 'second-take.wav');
      const mediaPart = await interrupt(() => vscode.commands.executeCommand('apiAudio.download', node, [node]), otherDir, 50_000);
      assert.deepEqual(partFilesIn(dir), [filesPart, `${filesPart}.json`, `${filesPart}.lock`]);
      assert.deepEqual(partFilesIn(otherDir), [mediaPart, `${mediaPart}.json`, `${mediaPart}.lock`]);

      t.human.showWarningMessage.resolves('Discard' as never);
      await t.hooks.checkInterruptedDownloads();

      assert.deepEqual(messages(t.human.showWarningMessage), [
        `The downloads of upbeat-bed.wav into ${dir} and 1 more were interrupted when the window was reloaded or closed. Resume them, or discard the unfinished files?`,
      ]);
      assert.deepEqual(t.human.showWarningMessage.firstCall.args.slice(1), ['Resume', 'Discard']);
      assert.deepEqual(fs.readdirSync(dir), [], 'the three files are removed');
      assert.deepEqual(fs.readdirSync(otherDir), [], 'the three files are removed');
      assert.deepEqual(objectGets(), [], 'nothing is downloaded');
      assert.deepEqual(await t.hooks.services.downloads.entries(), []);
    });

    it('Resume downloads an interrupted AudioStack file again into a byte-identical file', async () => {
      const row = (await rowAt('Music/Beds/upbeat-bed.wav')) as FileNode;
      const bytes = t.emulator.control.files.getStoredBytes(row.file.fileId)!;
      const half = Math.floor(bytes.length / 2);
      await interrupt(() => vscode.commands.executeCommand('apiAudio.files.download', row), dir, half);

      t.human.showWarningMessage.resolves('Resume' as never);
      await t.hooks.checkInterruptedDownloads();

      assert.deepEqual(messages(t.human.showWarningMessage), [
        `The download of upbeat-bed.wav into ${dir} was interrupted when the window was reloaded or closed. Resume it, or discard the unfinished file?`,
      ]);
      assert.ok(fs.readFileSync(path.join(dir, 'upbeat-bed.wav')).equals(bytes));
      assert.deepEqual(fs.readdirSync(dir), ['upbeat-bed.wav']);
      assert.equal(objectGets()[0]?.headers.range, `bytes=${half}-`, 'it continued the part file');
    });
  });
});
