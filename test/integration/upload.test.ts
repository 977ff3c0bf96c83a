import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { makeSilentMp3, makeWavTone } from '../emulator';
import { messages, renderTree, setSetting, useSeededExtension } from './helpers';
import { scriptTagPicker, tagNode, workspaceScratch } from './transferHelpers';

describe('Upload', function () {
  const t = useSeededExtension();

  const stored = (filename: string) => t.emulator.control.listStored().filter((item) => item.filename === filename);
  const uploadUrlRequests = () => t.emulator.control.requests.filter((request) => request.path.startsWith('/file/customaudio/uploadurl'));

  it('uploads a workspace file from the Explorer with picked and new tags, stores it byte-identical and shows it under those tags', async () => {
    const dir = workspaceScratch('explorer');
    const file = path.join(dir, 'take-one.wav');
    const bytes = makeWavTone(440, 400);
    fs.writeFileSync(file, bytes);
    const picker = scriptTagPicker(t.human, { check: ['music'], typeThenEnter: 'new-tag' });
    const uri = vscode.Uri.file(file);

    await vscode.commands.executeCommand('apiAudio.upload', uri, [uri]);

    assert.deepEqual(picker.offered, ['Tags for take-one.wav: Enter adds “new-tag”']);
    assert.ok(picker.shownLabels.includes('voice'), 'existing tags are offered');
    const [item] = stored('take-one.wav');
    assert.ok(item, 'the file is not stored in the t.emulator');
    assert.deepEqual([...item.tags].sort(), ['music', 'new-tag']);
    assert.ok(t.emulator.control.getStoredBytes(item.mediaId)?.equals(bytes), 'stored bytes differ from the file');
    assert.deepEqual(messages(t.human.showInformationMessage), [`Uploaded take-one.wav (media ID ${item.mediaId}).`]);
    assert.deepEqual(t.human.showInformationMessage.firstCall.args.slice(1), ['Copy Media ID']);
    const tree = await renderTree(t.hooks);
    assert.ok(tree.includes('new-tag (1)'), tree.join('\n'));
    const musicIndex = tree.indexOf('music (4)');
    assert.ok(musicIndex >= 0, tree.join('\n'));
    assert.ok(tree.slice(musicIndex).includes('  take-one.wav (music, new-tag)'), tree.join('\n'));
    assert.equal(t.hooks.services.treeView.selection[0]?.kind === 'media' && t.hooks.services.treeView.selection[0].item.mediaId, item.mediaId, 'the new item is revealed');
  });

  it('uploads several files with bounded concurrency and reports one failure in a single summary', async () => {
    const dir = workspaceScratch('several');
    const names = ['alpha.wav', 'bravo.mp3', 'charlie.WAV', 'delta.mp3'];
    for (const name of names) fs.writeFileSync(path.join(dir, name), name.endsWith('mp3') ? makeSilentMp3(8) : makeWavTone(330, 200));
    // S3 refuses one PUT (not retried: the presigned URL is rejected).
    t.emulator.control.failNext(1, 403, {
      path: /^\/s3\/.*\/bravo\.mp3$/,
      body: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
    });
    scriptTagPicker(t.human, { check: ['voice'] });
    const uris = names.map((name) => vscode.Uri.file(path.join(dir, name)));
    await setSetting('maxConcurrentTransfers', 2);
    // Every request takes a while, so uploads that may overlap do.
    t.emulator.control.setLatency(300);

    await vscode.commands.executeCommand('apiAudio.upload', uris[0], uris);

    assert.equal(t.emulator.control.peakObjectConcurrency(), 2, 'two uploads ran at once, never more');
    assert.equal(t.human.showErrorMessage.callCount, 1, messages(t.human.showErrorMessage).join('\n'));
    assert.match(String(t.human.showErrorMessage.firstCall.args[0]), /^Uploaded 3 of 4 files — 1 failed: bravo\.mp3 \(.+\)\.$/);
    assert.deepEqual(t.human.showErrorMessage.firstCall.args.slice(1), ['Retry Failed', 'Show Log']);
    assert.equal(t.human.showInformationMessage.callCount, 0, 'one summary only');
    for (const name of ['alpha.wav', 'charlie.WAV', 'delta.mp3']) assert.deepEqual(stored(name).map((item) => item.tags), [['voice']], name);
    assert.deepEqual(stored('bravo.mp3'), []);
  });

  it('uploads the wav and mp3 files inside a folder, recursively, skipping node_modules and .git', async () => {
    const dir = workspaceScratch('album');
    fs.mkdirSync(path.join(dir, 'disc 2'));
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, 'track-01.wav'), makeWavTone(262, 200));
    fs.writeFileSync(path.join(dir, 'disc 2', 'track-02.MP3'), makeSilentMp3(6));
    fs.writeFileSync(path.join(dir, 'cover.txt'), 'not audio');
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'ding.wav'), makeWavTone(880, 100));
    fs.writeFileSync(path.join(dir, '.git', 'hook.mp3'), makeSilentMp3(2));
    scriptTagPicker(t.human, {});
    const uri = vscode.Uri.file(dir);

    await vscode.commands.executeCommand('apiAudio.upload', uri, [uri]);

    assert.deepEqual(uploadUrlRequests().map((request) => request.query.filename).sort(), ['track-01.wav', 'track-02.MP3']);
    assert.deepEqual(messages(t.human.showInformationMessage), ['Uploaded 2 files.']);
    assert.deepEqual(stored('track-02.MP3').map((item) => item.tags), [[]]);
    assert.equal(t.human.showWarningMessage.callCount, 0, 'files a folder merely contains are not refused one by one');
  });

  it('refuses a file that is not wav or mp3 with one message naming it, and uploads nothing', async () => {
    const notes = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'notes.txt');
    assert.ok(fs.existsSync(notes.fsPath), 'the fixture workspace has notes.txt');

    await vscode.commands.executeCommand('apiAudio.upload', notes, [notes]);

    assert.deepEqual(messages(t.human.showWarningMessage), ['Not uploaded: notes.txt. api.audio accepts only .wav and .mp3 files.']);
    assert.equal(t.human.createQuickPick.callCount, 0, 'no tag prompt');
    assert.deepEqual(uploadUrlRequests(), []);
  });

  it('refuses the non-audio files of a selection and uploads the rest', async () => {
    const dir = workspaceScratch('mixed');
    fs.writeFileSync(path.join(dir, 'keep.mp3'), makeSilentMp3(4));
    fs.writeFileSync(path.join(dir, 'script.md'), '# not audio');
    const uris = ['keep.mp3', 'script.md'].map((name) => vscode.Uri.file(path.join(dir, name)));
    scriptTagPicker(t.human, {});

    await vscode.commands.executeCommand('apiAudio.upload', uris[0], uris);

    assert.deepEqual(messages(t.human.showWarningMessage), ['Not uploaded: script.md. api.audio accepts only .wav and .mp3 files.']);
    assert.equal(stored('keep.mp3').length, 1);
    assert.equal(stored('script.md').length, 0);
  });

  it('refuses an untitled editor with a clear message and uploads nothing', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'not saved' });
    await vscode.window.showTextDocument(document);

    await vscode.commands.executeCommand('apiAudio.upload', document.uri);

    assert.equal(t.human.showWarningMessage.callCount, 1);
    assert.match(String(t.human.showWarningMessage.firstCall.args[0]), /^Untitled-\d+ is not saved yet\. Save it as a \.wav or \.mp3 file, then upload it\.$/);
    assert.equal(t.human.createQuickPick.callCount, 0);
    assert.deepEqual(uploadUrlRequests(), []);
  });

  it('from the palette, uploads the audio file in the active editor', async () => {
    const dir = workspaceScratch('active');
    const file = path.join(dir, 'open-me.mp3');
    fs.writeFileSync(file, makeSilentMp3(10));
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    scriptTagPicker(t.human, {});

    await vscode.commands.executeCommand('apiAudio.upload');

    assert.equal(t.human.showOpenDialog.callCount, 0, 'the active file is used without a dialog');
    assert.equal(stored('open-me.mp3').length, 1);
  });

  it('from the palette with no audio editor, asks for files with an audio filter; dismissing uploads nothing', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'scratch' });
    await vscode.window.showTextDocument(document);
    t.human.showOpenDialog.resolves(undefined);

    await vscode.commands.executeCommand('apiAudio.upload');

    assert.equal(t.human.showOpenDialog.callCount, 1);
    const options = t.human.showOpenDialog.firstCall.args[0]!;
    assert.equal(options.canSelectMany, true);
    assert.deepEqual(options.filters, { Audio: ['wav', 'mp3'] });
    assert.deepEqual(uploadUrlRequests(), []);
  });

  it('from a tag node, pre-checks that tag for the files picked in the dialog', async () => {
    const dir = workspaceScratch('tagnode');
    const file = path.join(dir, 'outro-2.wav');
    fs.writeFileSync(file, makeWavTone(392, 200));
    t.human.showOpenDialog.resolves([vscode.Uri.file(file)]);
    const picker = scriptTagPicker(t.human, {});

    await vscode.commands.executeCommand('apiAudio.uploadToTag', tagNode(t.hooks, 'outro'));

    assert.deepEqual(picker.initiallyChecked, ['outro']);
    assert.deepEqual(stored('outro-2.wav').map((item) => item.tags), [['outro']]);
  });

  it('from the view title, always asks for files and ignores the focused tag and the active editor', async () => {
    const dir = workspaceScratch('viewtitle');
    const open = path.join(dir, 'in-editor.mp3');
    fs.writeFileSync(open, makeSilentMp3(6));
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(open));
    const file = path.join(dir, 'picked.wav');
    fs.writeFileSync(file, makeWavTone(300, 150));
    t.human.showOpenDialog.resolves([vscode.Uri.file(file)]);
    const picker = scriptTagPicker(t.human, {});

    // VS Code passes the view's focused element to view-title commands.
    await vscode.commands.executeCommand('apiAudio.uploadFromView', tagNode(t.hooks, 'outro'));

    assert.equal(t.human.showOpenDialog.callCount, 1);
    assert.deepEqual(picker.initiallyChecked, []);
    assert.deepEqual(stored('picked.wav').map((item) => item.tags), [[]]);
    assert.equal(stored('in-editor.mp3').length, 0);
  });

  it('adds the new tags typed (commas between them) and confirmed with Enter', async () => {
    const dir = workspaceScratch('enter');
    const file = vscode.Uri.file(path.join(dir, 'entered.wav'));
    fs.writeFileSync(file.fsPath, makeWavTone(262, 150));
    scriptTagPicker(t.human, { check: ['music'], typeThenEnter: '  typed-by-hand , second ' });

    await vscode.commands.executeCommand('apiAudio.upload', file, [file]);

    assert.deepEqual([...stored('entered.wav')[0].tags].sort(), ['music', 'second', 'typed-by-hand']);
  });

  it('does not keep the keyboard focus after a finished upload', async () => {
    const dir = workspaceScratch('focus');
    const file = vscode.Uri.file(path.join(dir, 'quiet.wav'));
    fs.writeFileSync(file.fsPath, makeWavTone(349, 150));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'typing here' }));
    const reveal = t.sandbox.spy(t.hooks.services.treeView, 'reveal');
    scriptTagPicker(t.human, {});

    await vscode.commands.executeCommand('apiAudio.upload', file, [file]);

    assert.equal(reveal.callCount, 1, 'the new item is revealed');
    assert.equal(reveal.firstCall.args[1]?.focus, false);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
  });

  it('uploads files dropped onto a tag node with that tag', async () => {
    const dir = workspaceScratch('drop');
    const file = path.join(dir, 'dropped.wav');
    const bytes = makeWavTone(494, 250);
    fs.writeFileSync(file, bytes);
    const picker = scriptTagPicker(t.human, {});
    const dataTransfer = new vscode.DataTransfer();
    dataTransfer.set('text/uri-list', new vscode.DataTransferItem(`${vscode.Uri.file(file).toString()}\r\n`));
    const token = new vscode.CancellationTokenSource().token;

    await t.hooks.dragAndDrop.handleDrop(tagNode(t.hooks, 'voice'), dataTransfer, token);

    assert.deepEqual(picker.initiallyChecked, ['voice']);
    const [item] = stored('dropped.wav');
    assert.ok(item, 'the dropped file was not uploaded');
    assert.deepEqual(item.tags, ['voice']);
    assert.ok(t.emulator.control.getStoredBytes(item.mediaId)?.equals(bytes));
    assert.ok((await renderTree(t.hooks)).includes('  dropped.wav (voice)'));
  });

  it('uploads nothing when the tag picker is dismissed', async () => {
    const dir = workspaceScratch('dismiss');
    const file = vscode.Uri.file(path.join(dir, 'never.wav'));
    fs.writeFileSync(file.fsPath, makeWavTone(220, 100));
    scriptTagPicker(t.human, { dismiss: true });

    await vscode.commands.executeCommand('apiAudio.upload', file, [file]);

    assert.equal(t.human.createQuickPick.callCount, 1);
    assert.deepEqual(uploadUrlRequests(), []);
    assert.equal(t.human.showInformationMessage.callCount + t.human.showErrorMessage.callCount, 0);
  });
});
