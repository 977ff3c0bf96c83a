import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/extension';
import type { RunningEmulator } from '../emulator';
import { EXTENSION_ID, TEST_KEY, VIEW_ID, readManifest, resetExtension, setSetting, startSeededEmulator } from './helpers';

// First in the suite: only the window's first activation can show what start-up does.
describe('Activation with the view hidden', () => {
  let emulator: RunningEmulator | undefined;
  let hooks: TestHooks | undefined;
  const sandbox = sinon.createSandbox();
  after(async () => {
    sandbox.restore();
    if (hooks) {
      await resetExtension(hooks);
      await hooks.services.context.globalState.update('apiAudio.envKeyOffered', undefined);
    }
    await emulator?.close();
  });

  it('makes no request until the view is shown, then loads the listing', async function () {
    const extension = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
    assert.ok(extension);
    if (extension.isActive) this.skip(); // a grep or another runner activated it already
    emulator = await startSeededEmulator();
    await setSetting('baseUrl', emulator.url);
    // A key from the environment: the secret storage is reachable only once activated.
    process.env.apiaudio_key = TEST_KEY;
    await vscode.commands.executeCommand('workbench.view.explorer');
    let offered: () => void = () => undefined;
    const offerShown = new Promise<void>((resolve) => (offered = resolve));
    // Start-up offers to store the environment's key right after showing the cached listing.
    sandbox.stub(vscode.window, 'showInformationMessage').callsFake(() => {
      offered();
      return Promise.resolve(undefined);
    });
    emulator.control.reset();

    hooks = await extension.activate();
    assert.ok(hooks);
    await offerShown;
    // Nothing marks "no request was made": give start-up a generous moment to make one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const seen = () => emulator!.control.requests.map((request) => `${request.method} ${request.path}`);
    assert.deepEqual(seen(), [], 'no request while the view is hidden');

    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await hooks.ready;
    assert.ok(
      seen().some((request) => /^GET \/file\/customaudio\/?$/.test(request)),
      `the listing is loaded once the view is shown (saw ${seen().join(', ')})`,
    );
    assert.equal(hooks.services.library.state.kind, 'ready');
  });
});

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

  it('reads the words of package.json from package.nls.json: VS Code hands the extension its manifest with no %key% left', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const loaded = extension.packageJSON as { description: string; contributes: { commands: Array<{ command: string; title: string; category: string }> } };
    const setKey = loaded.contributes.commands.find((c) => c.command === 'apiAudio.setApiKey');
    assert.deepEqual({ title: setKey?.title, category: setKey?.category }, { title: 'Set API Key…', category: 'api.audio' });
    const unresolved = JSON.stringify(loaded).match(/"%[^%\s"]+%"/g) ?? [];
    assert.deepEqual(unresolved, []);
    // What the English window shows is what readManifest() (package.json + package.nls.json) says.
    assert.deepEqual(loaded.contributes.commands, readManifest().contributes.commands);
  });

  it('contributes the api.audio media view, which can be focused', async () => {
    // `<viewId>.focus` exists only for a view that VS Code actually registered.
    assert.ok((await vscode.commands.getCommands(true)).includes('apiAudio.media.focus'));
    await vscode.commands.executeCommand('apiAudio.media.focus');
  });
});
