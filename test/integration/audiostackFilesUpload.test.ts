// Uploading local audio into an AudioStack folder, from every place a person starts it:
// the Explorer (then the folder picker), a folder row (then the file dialog), a drop on a
// folder; the file seen as processing, then ready; names that exist; processing that fails
// or never ends; Cancel; a file type AudioStack does not take.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileNode, FilesTreeNode } from '../../src/tree/audiostack/filesTreeProvider';
import { filesSeedFileId, filesSeedFolderId, makeSilentMp3, makeWavTone } from '../emulator';
import { filesRows, scriptFolderPicker, showFilesViewForEachTest } from './filesHelpers';
import { messages, readManifest, setSetting, useSeededExtension, waitFor } from './helpers';
import { workspaceScratch } from './transferHelpers';

describe('Upload to AudioStack', function () {
  const t = useSeededExtension();
  const { files, labelOf, children, rowAt } = filesRows(t);

  const BEDS = 'Music/Beds';
  const filesNamed = (name: string) => t.emulator.control.files.listFiles().filter((file) => file.fileName === name);
  const creates = () => t.emulator.control.requests.filter((request) => request.method === 'POST' && request.path === '/files');
  const describeRow = (node: FilesTreeNode) => `${labelOf(node)} (${String(files().tree.getTreeItem(node).description ?? '')})`;
  const rowsOf = async (folderPath: string) => (await children(await rowAt(folderPath))).map(describeRow);
  /** A local audio file in a fresh folder of the workspace. */
  const localFile = (name: string, bytes: Buffer = makeWavTone(440, 300)): vscode.Uri => {
    const file = path.join(workspaceScratch('stack-upload'), name);
    fs.writeFileSync(file, bytes);
    return vscode.Uri.file(file);
  };
  /** Scripts the folder picker (Enter on each named row in turn). */
  const walkFolderPicker = (steps: Array<string | undefined>) => {
    const record = scriptFolderPicker(
      t.human,
      steps.filter((step): step is string => step !== undefined),
      { escape: steps.at(-1) === undefined },
    );
    return {
      get titles() {
        return record.screens.map((screen) => screen.title);
      },
      /** The first screen's row names (without their descriptions). */
      get firstRows() {
        return (record.screens[0]?.rows ?? []).map((row) => row.split(' — ')[0]);
      },
      /** Each screen's rows (`label — description`). */
      get rows() {
        return record.screens.map((screen) => screen.rows);
      },
      done: record.done,
    };
  };
  /**
   * The progress notification as it is shown (the real one), recording what it says; its
   * Cancel button is the one thing stubbed: `cancel()` presses it.
   */
  const watchProgress = () => {
    const real = vscode.window.withProgress;
    const shown: Array<{ title?: string; cancellable?: boolean; messages: string[] }> = [];
    const cancel = new vscode.CancellationTokenSource();
    t.sandbox.stub(vscode.window, 'withProgress').callsFake(((options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<unknown>) => {
      const record = { title: options.title, cancellable: options.cancellable, messages: [] as string[] };
      shown.push(record);
      return real(options, (progress) =>
        task(
          {
            report: (step) => {
              if (step.message) record.messages.push(step.message);
              progress.report(step);
            },
          },
          cancel.token,
        ),
      );
    }) as never);
    return { shown, cancel: () => cancel.cancel() };
  };

  showFilesViewForEachTest(t);
  beforeEach(() => {
    t.emulator.control.files.setProcessingMs(50);
  });
  it('from the Explorer, walks the folder picker to Music/Beds, uploads there byte for byte, and shows the file selected in its folder', async () => {
    // The picker starts at the folder of the row selected in the view: a row at the top level here.
    const jingle = await rowAt('jingle.mp3');
    await files().view.reveal(jingle, { select: true, focus: false });
    await waitFor(() => files().view.selection[0]?.id === jingle.id, 'jingle.mp3 selected');
    const uri = localFile('new-bed.wav');
    const picker = walkFolderPicker(['Music', 'Beds', 'Upload Here']);

    await vscode.commands.executeCommand('apiAudio.files.upload', uri, [uri]);

    const [stored] = filesNamed('new-bed.wav');
    assert.ok(stored, 'the file is on AudioStack');
    assert.equal(stored.folderId, filesSeedFolderId(BEDS));
    assert.equal(stored.status, 'uploaded');
    assert.ok(t.emulator.control.files.getStoredBytes(stored.fileId)?.equals(fs.readFileSync(uri.fsPath)));
    assert.deepEqual(picker.titles, ['Upload new-bed.wav to AudioStack — / (top level)', 'Upload new-bed.wav to AudioStack — /Music', 'Upload new-bed.wav to AudioStack — /Music/Beds']);
    assert.deepEqual(picker.firstRows, ['Upload Here', 'Empty', 'Music', 'Sound Effects', 'Voice']);
    assert.deepEqual(messages(t.human.showInformationMessage), [`Uploaded new-bed.wav to Music/Beds (file ID ${stored.fileId}).`]);
    assert.deepEqual(t.human.showInformationMessage.firstCall.args.slice(1), ['Copy File ID']);
    const row = (await rowsOf(BEDS)).find((text) => text.startsWith('new-bed.wav'));
    assert.match(row ?? '', /^new-bed\.wav \(\d+(\.\d)?\skB · 0\.3\ssec\)$/, (await rowsOf(BEDS)).join('\n'));
    // The view's selection reaches the extension as an event from the window.
    await waitFor(() => {
      const selected = files().view.selection[0];
      return selected?.kind === 'file' && selected.file.fileId === stored.fileId;
    }, 'the new row revealed and selected').catch((error: Error) => {
      throw new Error(`${error.message}; selection ${JSON.stringify(files().view.selection.map((row) => row.id))}, visible ${files().view.visible}; log: ${t.logSpies.flatMap((spy) => spy.getCalls().map((call) => String(call.args[0]))).filter((line) => /reveal|AudioStack Files/i.test(line)).join(' | ')}`);
    });
  });

  it('from the Explorer, starts the folder picker at the folder selected in the Files view; Escape uploads nothing', async () => {
    const ambient = await rowAt('Music/Beds/Ambient');
    await files().view.reveal(ambient, { select: true, focus: false });
    await waitFor(() => files().view.selection[0]?.id === ambient.id, 'Ambient selected');
    const uri = localFile('pad.mp3', makeSilentMp3(2));
    const picker = walkFolderPicker([undefined]);

    await vscode.commands.executeCommand('apiAudio.files.upload', uri, [uri]);

    assert.deepEqual(picker.titles, ['Upload pad.mp3 to AudioStack — /Music/Beds/Ambient']);
    assert.deepEqual(picker.firstRows, ['Upload Here', 'Up']);
    assert.deepEqual(creates(), [], 'nothing was created');
    assert.equal(t.human.showInformationMessage.callCount + t.human.showErrorMessage.callCount, 0);
  });

  it('started in a folder three levels down, Up goes to its parent one level at a time, naming where it leads', async () => {
    const ambient = await rowAt('Music/Beds/Ambient');
    await files().view.reveal(ambient, { select: true, focus: false });
    await waitFor(() => files().view.selection[0]?.id === ambient.id, 'Ambient selected');
    const uri = localFile('pad-up.mp3', makeSilentMp3(2));
    // Up three times, then into Music again from the top level, then Escape.
    const picker = walkFolderPicker(['Up', 'Up', 'Up', 'Music', undefined]);

    await vscode.commands.executeCommand('apiAudio.files.upload', uri, [uri]);

    const title = 'Upload pad-up.mp3 to AudioStack';
    assert.deepEqual(picker.titles, [`${title} — /Music/Beds/Ambient`, `${title} — /Music/Beds`, `${title} — /Music`, `${title} — / (top level)`]);
    assert.deepEqual(
      picker.rows.map((rows) => rows.find((row) => row.startsWith('Up — '))),
      ['Up — Music/Beds', 'Up — Music', 'Up — top level', undefined],
    );
    await picker.done;
    assert.deepEqual(creates(), [], 'Escape uploaded nothing');
  });

  it('from a folder row, asks for the files with a dialog of the types AudioStack takes and uploads them there', async () => {
    const takes = await rowAt('Voice/Takes');
    const one = localFile('line-1.wav');
    const two = vscode.Uri.file(path.join(path.dirname(one.fsPath), 'line-2.mp3'));
    fs.writeFileSync(two.fsPath, makeSilentMp3(3));
    t.human.showOpenDialog.resolves([one, two]);

    await vscode.commands.executeCommand('apiAudio.files.upload', takes);

    const options = t.human.showOpenDialog.firstCall.args[0]!;
    assert.equal(options.title, 'Upload Audio Files to Voice/Takes');
    assert.equal(options.canSelectMany, true);
    assert.deepEqual(Object.values(options.filters ?? {}), [['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg']]);
    for (const name of ['line-1.wav', 'line-2.mp3']) assert.equal(filesNamed(name)[0]?.folderId, filesSeedFolderId('Voice/Takes'), name);
    assert.deepEqual(messages(t.human.showInformationMessage), ['Uploaded 2 files to Voice/Takes.']);
    const rows = await rowsOf('Voice/Takes');
    assert.ok(rows.some((row) => /^line-1\.wav \(.*kB · 0\.3\ssec\)$/.test(row)) && rows.some((row) => row.startsWith('line-2.mp3 (')), rows.join('\n'));
    assert.equal(t.human.createQuickPick.callCount, 0, 'no folder is asked for');
  });

  it('uploads files dropped on a folder without asking anything, several at once within apiAudio.maxConcurrentTransfers', async () => {
    const empty = await rowAt('Empty');
    const uris = ['a.wav', 'b.wav', 'c.wav'].map((name) => localFile(name, makeWavTone(330, 400)));
    await setSetting('maxConcurrentTransfers', 2);
    t.emulator.control.setLatency(200);

    await vscode.commands.executeCommand('apiAudio.files.upload', empty, uris);

    assert.equal(t.emulator.control.peakObjectConcurrency(), 2, 'two uploads ran at once, never more');
    assert.deepEqual((await children(empty)).map(labelOf), ['a.wav', 'b.wav', 'c.wav']);
    assert.deepEqual(messages(t.human.showInformationMessage), ['Uploaded 3 files to Empty.']);
  });

  it('shows the file in its folder as processing while AudioStack processes it, then as a normal row; the progress says so', async () => {
    const beds = await rowAt(BEDS);
    await children(beds);
    const progress = watchProgress();
    t.emulator.control.files.setProcessingMs(3_600_000);
    const uri = localFile('held.wav', makeWavTone(220, 500));

    const upload = vscode.commands.executeCommand('apiAudio.files.upload', beds, [uri]);

    const processing = await waitFor(async () => (await rowsOf(BEDS)).find((row) => row.startsWith('held.wav')), 'the processing row');
    assert.match(processing, /^held\.wav \(\d+(\.\d)?\skB · processing…\)$/);
    const node = (await children(beds)).find((row) => labelOf(row) === 'held.wav') as FileNode;
    const item = files().tree.getTreeItem(node);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'sync~spin');
    assert.equal(item.contextValue, 'stackFile.unready');
    await waitFor(() => files().view.selection[0]?.id === node.id, 'the processing row revealed and selected');
    assert.ok(progress.shown[0].messages.includes('processing on AudioStack…'), progress.shown[0].messages.join(' | '));
    assert.equal(progress.shown[0].title, 'Uploading held.wav to Music/Beds');
    assert.equal(progress.shown[0].cancellable, true);

    t.emulator.control.files.setStatus(filesNamed('held.wav')[0].fileId, 'uploaded');
    await upload;
    const ready = (await rowsOf(BEDS)).find((row) => row.startsWith('held.wav'));
    assert.match(ready ?? '', /^held\.wav \(\d+(\.\d)?\skB · 0\.5\ssec\)$/);
    assert.equal((files().tree.getTreeItem((await children(beds)).find((row) => labelOf(row) === 'held.wav')!).iconPath as vscode.ThemeIcon).id, 'pulse');
    const bytesShown = progress.shown[0].messages.findIndex((message) => / of /.test(message) || /\d+(\.\d)? kB/.test(message));
    assert.ok(bytesShown >= 0 && bytesShown < progress.shown[0].messages.indexOf('processing on AudioStack…'), 'bytes, then processing');
  });

  it('says AudioStack could not process a file, shows it failed in its folder, and Retry uploads it again in its place', async () => {
    t.emulator.control.files.processNext('failed');
    const uri = localFile('broken.wav');
    const takes = await rowAt('Voice/Takes');
    t.human.showErrorMessage.resolves('Retry' as never);

    await vscode.commands.executeCommand('apiAudio.files.upload', takes, [uri]);

    assert.deepEqual(messages(t.human.showErrorMessage), ['Could not upload broken.wav (AudioStack could not process broken.wav (status "failed")).']);
    assert.deepEqual(t.human.showErrorMessage.firstCall.args.slice(1), ['Retry', 'Show Log']);
    const [failed] = filesNamed('broken.wav');
    // Retry (the person's answer) uploads it again: no question about the failed one, which it replaces.
    const retried = await waitFor(() => messages(t.human.showInformationMessage).find((message) => message.startsWith('Uploaded broken.wav to Voice/Takes')), 'the retry\'s summary');
    const now = filesNamed('broken.wav');
    assert.equal(now.length, 1, JSON.stringify(now));
    assert.notEqual(now[0].fileId, failed.fileId);
    assert.equal(now[0].status, 'uploaded');
    assert.equal(retried, `Uploaded broken.wav to Voice/Takes (file ID ${now[0].fileId}).`);
    assert.equal(t.human.showWarningMessage.callCount, 0, 'no question about the failed file');
    assert.deepEqual((await rowsOf('Voice/Takes')).filter((row) => row.startsWith('broken.wav')).length, 1);
  });

  it('shows a file AudioStack could not process as failed in its folder', async () => {
    t.emulator.control.files.processNext('failed');
    await vscode.commands.executeCommand('apiAudio.files.upload', await rowAt('Voice/Takes'), [localFile('broken-again.wav')]);
    const rows = await rowsOf('Voice/Takes');
    assert.ok(rows.some((row) => /^broken-again\.wav \(.*failed\)$/.test(row)), rows.join('\n'));
  });

  it('ends a processing wait that never finishes with a warning that says the file is there and offers Refresh', async () => {
    // The person's setting: give up waiting after one second.
    await setSetting('processingTimeoutSeconds', 1);
    t.emulator.control.files.processNext('stuck');
    const uri = localFile('stuck.wav');
    const takes = await rowAt('Voice/Takes');

    await vscode.commands.executeCommand('apiAudio.files.upload', takes, [uri]);

    assert.deepEqual(messages(t.human.showWarningMessage), ['stuck.wav reached AudioStack but is still processing there, so it shows as processing in Voice/Takes. Refresh the folder in a while to see it ready.']);
    assert.deepEqual(t.human.showWarningMessage.firstCall.args.slice(1), ['Refresh']);
    assert.equal(t.human.showErrorMessage.callCount, 0, 'not reported as a failure');
    assert.ok((await rowsOf('Voice/Takes')).some((row) => /^stuck\.wav \(.*processing…\)$/.test(row)));
    assert.equal(filesNamed('stuck.wav').length, 1, 'the file is kept');
  });

  describe('a name the folder already has', () => {
    const existingId = () => filesSeedFileId('Music/Beds/upbeat-bed.wav');
    const answer = (choice: string | undefined) =>
      t.human.showWarningMessage.callsFake((async (message: string) => (message.endsWith('already exists in Music/Beds.') ? choice : undefined)) as never);

    it('asks, and Keep Both uploads it under a free name beside the existing file', async () => {
      answer('Keep Both');
      const beds = await rowAt(BEDS);
      await vscode.commands.executeCommand('apiAudio.files.upload', beds, [localFile('upbeat-bed.wav')]);

      const [question] = t.human.showWarningMessage.getCalls().map((call) => call.args);
      assert.equal(question[0], 'upbeat-bed.wav already exists in Music/Beds.');
      assert.deepEqual(question[1], { modal: true, detail: 'Keep Both uploads it as upbeat-bed (1).wav, Skip leaves the file on AudioStack as it is, Replace uploads it and then deletes the existing one.' });
      assert.deepEqual(question.slice(2), ['Keep Both', 'Skip', 'Replace']);
      assert.equal(filesNamed('upbeat-bed (1).wav').length, 1);
      assert.ok(t.emulator.control.files.listFiles().some((file) => file.fileId === existingId()), 'the existing file is kept');
      assert.deepEqual((await children(beds)).map(labelOf).filter((label) => label.startsWith('upbeat-bed')), ['upbeat-bed (1).wav', 'upbeat-bed.wav']);
    });

    it('Skip uploads nothing', async () => {
      answer('Skip');
      await vscode.commands.executeCommand('apiAudio.files.upload', await rowAt(BEDS), [localFile('upbeat-bed.wav')]);
      assert.deepEqual(creates(), []);
      assert.equal(t.human.showInformationMessage.callCount + t.human.showErrorMessage.callCount, 0);
    });

    it('Replace uploads the new file, and deletes the existing one only once the new one is uploaded', async () => {
      answer('Replace');
      const bytes = makeWavTone(660, 250);
      const beds = await rowAt(BEDS);
      await vscode.commands.executeCommand('apiAudio.files.upload', beds, [localFile('upbeat-bed.wav', bytes)]);

      const [now] = filesNamed('upbeat-bed.wav');
      assert.notEqual(now.fileId, existingId());
      assert.ok(t.emulator.control.files.getStoredBytes(now.fileId)?.equals(bytes));
      assert.ok(!t.emulator.control.files.listFiles().some((file) => file.fileId === existingId()), 'the older file is gone');
      const requests = t.emulator.control.requests.map((request) => `${request.method} ${request.path}`);
      const deleted = requests.indexOf(`DELETE /files/${existingId()}`);
      const lastPoll = requests.lastIndexOf(`GET /files/${now.fileId}`);
      assert.ok(deleted > lastPoll && lastPoll >= 0, requests.join('\n'));
      const shown = (await children(beds)).filter((row): row is FileNode => row.kind === 'file' && row.file.fileName === 'upbeat-bed.wav');
      assert.deepEqual(shown.map((row) => row.file.fileId), [now.fileId], 'one row, the new file');
    });
  });

  it('Cancel during the bytes leaves nothing on AudioStack: the created file is deleted', async () => {
    const progress = watchProgress();
    t.emulator.control.throttle(64 * 1024);
    const uri = localFile('cancel-me.wav', makeWavTone(440, 5_000));
    const takes = await rowAt('Voice/Takes');

    const upload = vscode.commands.executeCommand('apiAudio.files.upload', takes, [uri]);
    await waitFor(() => progress.shown[0]?.messages.some((message) => /[1-9][\d.]* (kB|MB) of/.test(message)), 'bytes on their way');
    progress.cancel();
    await upload;

    assert.deepEqual(filesNamed('cancel-me.wav'), [], 'no file record is left');
    assert.equal(t.emulator.control.requests.filter((request) => request.method === 'DELETE' && request.path.startsWith('/files/')).length, 1);
    assert.ok(!(await rowsOf('Voice/Takes')).some((row) => row.startsWith('cancel-me.wav')));
    assert.equal(t.human.showErrorMessage.callCount + t.human.showInformationMessage.callCount, 0, 'a cancel is quiet');
  });

  it('refuses a file type AudioStack does not take before any request, listing the types it does', async () => {
    const notes = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'notes.txt');

    await vscode.commands.executeCommand('apiAudio.files.upload', notes, [notes]);

    assert.deepEqual(messages(t.human.showWarningMessage), ['Not uploaded: notes.txt. AudioStack accepts only .wav, .mp3, .m4a, .aac, .flac, and .ogg files.']);
    assert.equal(t.human.createQuickPick.callCount, 0, 'no folder is asked for');
    assert.deepEqual(t.emulator.control.requests, []);
  });

  it('offers Upload to AudioStack… where api.audio\'s upload is, only while the view shows AudioStack Files, and on folder rows', () => {
    const menus = readManifest().contributes.menus;
    const when = (menu: string, command: string) => menus[menu].filter((entry) => entry.command === command).map((entry) => entry.when ?? '');
    for (const menu of ['explorer/context', 'editor/title', 'editor/title/context']) {
      assert.ok(when(menu, 'apiAudio.files.upload').every((clause) => clause.startsWith('apiAudio.service == files && ')), menu);
      assert.ok(when(menu, 'apiAudio.upload').every((clause) => clause.startsWith('apiAudio.service != files && ')), menu);
      assert.equal(when(menu, 'apiAudio.files.upload').length, 1, menu);
    }
    assert.deepEqual(when('view/item/context', 'apiAudio.files.upload'), ['view == apiAudio.files && viewItem == stackFolder', 'view == apiAudio.files && viewItem == stackFolder']);
    assert.deepEqual(when('commandPalette', 'apiAudio.files.upload'), ['apiAudio.hasApiKey']);
    assert.deepEqual(when('commandPalette', 'apiAudio.upload'), ['apiAudio.hasApiKey']);
  });
});
