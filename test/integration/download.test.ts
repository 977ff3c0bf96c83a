import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEED } from '../emulator';
import { messages, setSetting, useSeededExtension } from './helpers';
import { mediaNode, workspaceScratch } from './transferHelpers';

describe('Download', function () {
  const t = useSeededExtension();
  let dir: string;
  beforeEach(() => {
    dir = workspaceScratch('downloads');
    t.human.showOpenDialog.resolves([vscode.Uri.file(dir)]);
  });

  const idOf = (filename: string) => SEED.find((seed) => seed.filename === filename)!.mediaId;
  const storedBytes = (filename: string) => t.emulator.control.getStoredBytes(idOf(filename))!;
  const download = (...filenames: string[]) => {
    const nodes = filenames.map((filename) => mediaNode(t.hooks, filename));
    return vscode.commands.executeCommand('apiAudio.download', nodes[0], nodes);
  };
  /** Answers the conflict prompt for `filename` with `answer` (undefined: Cancel). */
  const answerConflicts = (answers: Record<string, string | undefined>) =>
    t.human.showWarningMessage.callsFake((async (message: string) => {
      const name = Object.keys(answers).find((candidate) => message.startsWith(`${candidate} already exists`));
      assert.ok(name !== undefined, `unexpected warning: ${message}`);
      return answers[name];
    }) as never);
  const conflictPrompts = () => messages(t.human.showWarningMessage).filter((message) => message.includes('already exists'));

  it('downloads an item into the picked folder with identical bytes and offers to reveal it', async () => {
    await download('outro-sting.wav');

    const options = t.human.showOpenDialog.firstCall.args[0]!;
    assert.equal(options.canSelectFolders, true);
    assert.equal(options.canSelectFiles, false);
    assert.equal(options.defaultUri?.fsPath, vscode.workspace.workspaceFolders![0].uri.fsPath, 'proposes the workspace folder');
    const file = path.join(dir, 'outro-sting.wav');
    assert.ok(fs.readFileSync(file).equals(storedBytes('outro-sting.wav')), 'downloaded bytes differ');
    assert.deepEqual(messages(t.human.showInformationMessage), [`Downloaded outro-sting.wav to ${dir}.`]);
    assert.deepEqual(t.human.showInformationMessage.firstCall.args.slice(1), ['Reveal in Explorer']);
    assert.deepEqual(fs.readdirSync(dir), ['outro-sting.wav'], 'no temporary files are left');
  });

  it('downloads a multi-selection with bounded concurrency into the folder from the setting', async () => {
    await setSetting('downloadDirectory', dir);
    await setSetting('maxConcurrentTransfers', 2);
    const names = ['ambient-bed.wav', 'intro-sting.mp3', 'voice-goodbye.mp3'];
    // Every file transfer takes a while, so transfers that may overlap do.
    t.emulator.control.setLatency(300);

    await download(...names);

    assert.equal(t.emulator.control.peakObjectConcurrency(), 2, 'two downloads ran at once, never three');
    assert.equal(t.human.showOpenDialog.firstCall.args[0]!.defaultUri?.fsPath, dir);
    for (const name of names) assert.ok(fs.readFileSync(path.join(dir, name)).equals(storedBytes(name)), name);
    assert.deepEqual(messages(t.human.showInformationMessage), [`Downloaded 3 files to ${dir}.`]);
  });

  it('overwrites an existing file when asked to', async () => {
    fs.writeFileSync(path.join(dir, 'outro-sting.wav'), 'old bytes');
    answerConflicts({ 'outro-sting.wav': 'Overwrite' });

    await download('outro-sting.wav');

    assert.deepEqual(conflictPrompts(), [`outro-sting.wav already exists in ${dir}.`]);
    const [, options, ...buttons] = t.human.showWarningMessage.firstCall.args as unknown as [string, vscode.MessageOptions, ...string[]];
    assert.equal(options.modal, true);
    // The first button is the default: never the one that destroys the existing file.
    assert.deepEqual(buttons, ['Keep Both', 'Skip', 'Overwrite']);
    assert.ok(fs.readFileSync(path.join(dir, 'outro-sting.wav')).equals(storedBytes('outro-sting.wav')));
  });

  it('keeps both files when asked to, naming the download "name (1).ext"', async () => {
    fs.writeFileSync(path.join(dir, 'outro-sting.wav'), 'old bytes');
    answerConflicts({ 'outro-sting.wav': 'Keep Both' });

    await download('outro-sting.wav');

    assert.equal(fs.readFileSync(path.join(dir, 'outro-sting.wav'), 'utf8'), 'old bytes');
    assert.ok(fs.readFileSync(path.join(dir, 'outro-sting (1).wav')).equals(storedBytes('outro-sting.wav')));
    assert.deepEqual(messages(t.human.showInformationMessage), [`Downloaded outro-sting (1).wav to ${dir}.`]);
  });

  it('leaves the existing file alone when asked to skip', async () => {
    fs.writeFileSync(path.join(dir, 'outro-sting.wav'), 'old bytes');
    answerConflicts({ 'outro-sting.wav': 'Skip' });

    await download('outro-sting.wav');

    assert.equal(fs.readFileSync(path.join(dir, 'outro-sting.wav'), 'utf8'), 'old bytes');
    assert.deepEqual(fs.readdirSync(dir), ['outro-sting.wav']);
    assert.deepEqual(messages(t.human.showInformationMessage), ['Nothing downloaded. 1 already there and kept: outro-sting.wav.']);
  });

  it('with several files, "Overwrite All" answers every conflict at once', async () => {
    await setSetting('maxConcurrentTransfers', 1);
    fs.writeFileSync(path.join(dir, 'intro-sting.mp3'), 'old 1');
    fs.writeFileSync(path.join(dir, 'outro-sting.wav'), 'old 2');
    answerConflicts({ 'intro-sting.mp3': 'Overwrite All', 'outro-sting.wav': 'Skip' });

    await download('intro-sting.mp3', 'outro-sting.wav');

    assert.deepEqual(conflictPrompts(), [`intro-sting.mp3 already exists in ${dir}.`]);
    for (const name of ['intro-sting.mp3', 'outro-sting.wav']) assert.ok(fs.readFileSync(path.join(dir, name)).equals(storedBytes(name)), name);
  });

  it('with several files, Cancel skips every remaining conflict and still downloads the rest', async () => {
    await setSetting('maxConcurrentTransfers', 1);
    fs.writeFileSync(path.join(dir, 'intro-sting.mp3'), 'old 1');
    fs.writeFileSync(path.join(dir, 'outro-sting.wav'), 'old 2');
    answerConflicts({ 'intro-sting.mp3': undefined, 'outro-sting.wav': 'Overwrite' });

    await download('intro-sting.mp3', 'outro-sting.wav', 'voice-welcome.wav');

    assert.deepEqual(conflictPrompts(), [`intro-sting.mp3 already exists in ${dir}.`]);
    assert.equal(fs.readFileSync(path.join(dir, 'intro-sting.mp3'), 'utf8'), 'old 1');
    assert.equal(fs.readFileSync(path.join(dir, 'outro-sting.wav'), 'utf8'), 'old 2');
    assert.ok(fs.readFileSync(path.join(dir, 'voice-welcome.wav')).equals(storedBytes('voice-welcome.wav')));
    assert.deepEqual(messages(t.human.showInformationMessage), [
      `Downloaded 1 file to ${dir}. 2 already there and kept: intro-sting.mp3 and outro-sting.wav.`,
    ]);
  });

  it('reports a failed file in one summary and keeps the others', async () => {
    t.emulator.control.failNext(1, 404, { path: /^\/s3\/.*\/intro-sting\.mp3$/, body: '<Error><Code>NoSuchKey</Code></Error>' });

    await download('intro-sting.mp3', 'outro-sting.wav');

    assert.equal(t.human.showErrorMessage.callCount, 1);
    assert.match(String(t.human.showErrorMessage.firstCall.args[0]), /^Downloaded 1 of 2 files — 1 failed: intro-sting\.mp3 \(.+\)\.$/);
    assert.deepEqual(t.human.showErrorMessage.firstCall.args.slice(1), ['Reveal in Explorer', 'Retry Failed', 'Show Log']);
    assert.ok(fs.existsSync(path.join(dir, 'outro-sting.wav')));
    assert.ok(!fs.existsSync(path.join(dir, 'intro-sting.mp3')));
  });

  it('downloads nothing when the folder dialog is dismissed', async () => {
    t.human.showOpenDialog.resolves(undefined);

    await download('outro-sting.wav');

    assert.equal(t.human.showOpenDialog.callCount, 1);
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.equal(t.emulator.control.requests.some((request) => request.query.target === 'download'), false);
  });
});
