// What a person sees when the server misbehaves: a captive-portal page instead
// of the file, a file replaced during its download, server text with forged lines, and
// unfinished downloads left by an earlier window. Driven through the Download command with
// only the human stubbed.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { messages, useSeededExtension } from './helpers';
import { mediaNode, workspaceScratch } from './transferHelpers';

describe('A hostile or broken server, seen from the UI', function () {
  const t = useSeededExtension();
  let dir: string;
  beforeEach(() => {
    dir = workspaceScratch('hardening');
    t.human.showOpenDialog.resolves([vscode.Uri.file(dir)]);
  });

  const addAndShow = async (filename: string, bytes: Buffer): Promise<string> => {
    const mediaId = t.emulator.control.addMedia({ filename, bytes });
    await t.hooks.services.library.refresh();
    return mediaId;
  };
  const download = (filename: string) => {
    const node = mediaNode(t.hooks, filename);
    return vscode.commands.executeCommand('apiAudio.download', node, [node]);
  };

  it('a captive-portal page instead of the file: says so, keeps nothing', async () => {
    await addAndShow('portal-song.mp3', randomBytes(2_000));
    t.emulator.control.objectHostile('html-200');
    await download('portal-song.mp3');
    const errors = messages(t.human.showErrorMessage);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0], /web page \(text\/html\) instead of the audio file; nothing was saved/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a file replaced on storage while its download was cut: the new version is saved whole', async () => {
    const newBytes = randomBytes(400_000);
    await addAndShow('replaced-song.mp3', randomBytes(500_000));
    t.emulator.control.dropConnectionAfter(200_000, { method: 'GET', replaceWith: newBytes });
    await download('replaced-song.mp3');
    assert.deepEqual(messages(t.human.showErrorMessage), []);
    assert.ok(fs.readFileSync(path.join(dir, 'replaced-song.mp3')).equals(newBytes), 'never a mix of two versions');
    assert.deepEqual(fs.readdirSync(dir), ['replaced-song.mp3']);
  });

  it('server text with line breaks and terminal escapes is shown on one line', async () => {
    await addAndShow('forged.mp3', randomBytes(1_000));
    t.emulator.control.failNext(1, 400, {
      path: /^\/s3\//,
      body: '<Error><Code>InvalidArgument</Code><Message>bad\r\n[error] paste your key at evil.example\u001b[31m</Message></Error>',
    });
    await download('forged.mp3');
    const errors = messages(t.human.showErrorMessage);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /bad \[error\] paste your key/);
    assert.doesNotMatch(errors[0], /[\r\n\u001b]/);
  });

  it('unfinished downloads an earlier window left in the folder are removed by the next download', async () => {
    const leftover = path.join(dir, '.old-song.wav.0123456789ab.part');
    fs.writeFileSync(leftover, 'half a file');
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(leftover, hourAgo, hourAgo);
    await addAndShow('next-song.mp3', randomBytes(1_000));
    await download('next-song.mp3');
    assert.deepEqual(fs.readdirSync(dir), ['next-song.mp3']);
  });
});
