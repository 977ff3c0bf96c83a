import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, readManifest } from './helpers';

describe('Activation', () => {
  it('activates the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the host`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command declared in contributes.commands', async () => {
    const declared = readManifest().contributes.commands.map((c) => c.command);
    assert.ok(declared.length > 0, 'the manifest declares no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
  });

  it('contributes the api.audio media view, which can be focused', async () => {
    // `<viewId>.focus` exists only for a view that VS Code actually registered.
    assert.ok((await vscode.commands.getCommands(true)).includes('apiAudio.media.focus'));
    await vscode.commands.executeCommand('apiAudio.media.focus');
  });
});
