// What a workspace (a cloned repository's .vscode/settings.json) and a changed base URL
// can do with the API key: nothing, unless the person confirms the server.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TEST_KEY, messages, readManifest, setSetting, settle, useSeededExtension, waitFor } from './helpers';

const ATTACKER = 'https://collector.attacker.example';

describe('Workspace trust and the API key', function () {
  const t = useSeededExtension();
  const settingsFile = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
  let previousSettings: string | undefined;

  beforeEach(() => {
    previousSettings = fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : undefined;
  });
  afterEach(async () => {
    if (previousSettings === undefined) fs.rmSync(settingsFile(), { force: true });
    else fs.writeFileSync(settingsFile(), previousSettings);
    await waitFor(() => vscode.workspace.getConfiguration('apiAudio').inspect('pageSize')?.workspaceValue === undefined, 'the workspace settings to be restored');
  });

  it('ignores apiAudio.baseUrl and assumeOrgId in a repository\'s .vscode/settings.json: the key still goes to the configured server only', async () => {
    fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
    fs.writeFileSync(
      settingsFile(),
      JSON.stringify({ 'apiAudio.baseUrl': ATTACKER, 'apiAudio.assumeOrgId': 'victim-org', 'apiAudio.pageSize': 123 }, null, 2),
    );
    // pageSize may come from a workspace: once it shows, VS Code has read the file.
    await waitFor(() => vscode.workspace.getConfiguration('apiAudio').get('pageSize') === 123, 'the workspace settings to load');

    const config = vscode.workspace.getConfiguration('apiAudio');
    assert.equal(config.get('baseUrl'), t.emulator.url, 'the workspace cannot redirect the API');
    assert.equal(config.get('assumeOrgId'), '', 'the workspace cannot pick the organisation');
    t.emulator.control.reset();
    await t.hooks.services.library.reload();
    assert.equal(t.hooks.services.library.state.kind, 'ready');
    const listed = t.emulator.control.requests.filter((request) => request.path.startsWith('/file/customaudio'));
    assert.ok(listed.length > 0, 'the listing came from the configured emulator');
    assert.ok(listed.every((request) => request.headers['x-assume-org'] === undefined));
    assert.equal(t.human.showWarningMessage.callCount, 0, 'no server confirmation was even asked for');
  });

  it('cannot be written into workspace settings by the extension API either', async () => {
    await assert.rejects(
      Promise.resolve(vscode.workspace.getConfiguration('apiAudio').update('baseUrl', ATTACKER, vscode.ConfigurationTarget.Workspace)),
    );
    assert.equal(vscode.workspace.getConfiguration('apiAudio').get('baseUrl'), t.emulator.url);
  });

  it('asks before sending the key to a server that is not api.audio\'s when the person acts, not while the setting is typed; declining sends nothing and the view says why', async () => {
    const prompts: string[] = [];
    t.human.showWarningMessage.callsFake((async (message: string) => {
      prompts.push(message);
      return undefined; // Cancel
    }) as never);
    // The Settings editor applies a value at each pause in typing: no question steals the keyboard then.
    await setSetting('baseUrl', 'https://api.exa');
    await setSetting('baseUrl', 'https://api.example.test');
    await t.hooks.services.clients.settled();
    await t.hooks.services.library.refresh({ background: true });
    assert.deepEqual(prompts, [], 'no question while the address was changed');
    assert.equal(t.hooks.services.library.state.kind, 'untrusted');
    // The welcome's Send Key to This Server… (the Refresh command) asks, naming the address.
    await vscode.commands.executeCommand('apiAudio.refresh');

    assert.deepEqual(prompts, ['Send your api.audio API key to https://api.example.test?']);
    const options = t.human.showWarningMessage.firstCall.args[1] as vscode.MessageOptions;
    assert.equal(options.modal, true);
    assert.equal(t.hooks.services.library.state.kind, 'untrusted');
    assert.match(t.hooks.services.library.state.errorMessage ?? '', /was not sent to https:\/\/api\.example\.test/);
    assert.equal(t.hooks.services.library.listing, undefined, 'the old server\'s files are not shown as if current');
    // No row cut off at the view's width: the welcome says why, with a way forward.
    const { tree } = t.hooks.services;
    assert.deepEqual(tree.getChildren(), []);
    const welcome = readManifest().contributes.viewsWelcome.find((entry) => entry.view === 'apiAudio.media' && entry.when?.includes('apiAudio.state == untrusted'));
    assert.match(welcome?.contents ?? '', /apiAudio\.baseUrl/);
    assert.match(welcome?.contents ?? '', /\[Send Key to This Server…\]\(command:apiAudio\.refresh\)/);
    assert.match(welcome?.contents ?? '', /\[Open Settings\]\(command:apiAudio\.openSettings\)/);
  });

  it('makes the harmless Open Settings the question\'s default button: Enter never sends the key', async () => {
    const openSettings = t.sandbox.spy(vscode.commands, 'executeCommand');
    // A modal's default button (Enter) is its first; VS Code adds Cancel last.
    t.human.showWarningMessage.callsFake((async (_message: string, _options: vscode.MessageOptions, ...buttons: string[]) => buttons[0]) as never);
    await setSetting('baseUrl', 'https://api.example.test');
    await settle(t.hooks);

    const buttons = t.human.showWarningMessage.firstCall.args.slice(2);
    assert.deepEqual(buttons, ['Open Settings', 'Send Key to This Server']);
    assert.equal(t.hooks.services.library.state.kind, 'untrusted', 'the key was not sent');
    assert.ok(openSettings.getCalls().some((call) => call.args[0] === 'apiAudio.openSettings'));
    assert.deepEqual(t.hooks.services.context.globalState.get('apiAudio.trustedServers') ?? [], []);
  });

  it('after the person confirms a server, it is not asked about again', async () => {
    let asked = 0;
    t.human.showWarningMessage.callsFake((async () => {
      asked++;
      return 'Send Key to This Server';
    }) as never);
    try {
      await setSetting('baseUrl', 'https://api.example.test');
      await settle(t.hooks);
      assert.equal(asked, 1);
      // Now a request was made (the host does not exist here): the key was allowed to go.
      assert.equal(t.hooks.services.library.state.kind, 'unreachable');
      await t.hooks.services.library.reload();
      await setSetting('baseUrl', t.emulator.url);
      await setSetting('baseUrl', 'https://api.example.test/');
      await settle(t.hooks);
      assert.equal(asked, 1, 'one question per server');
    } finally {
      await t.hooks.services.context.globalState.update('apiAudio.trustedServers', undefined);
    }
  });

  it('refuses a base URL with a query string before any request, as a setting to correct (Open Settings)', async () => {
    t.emulator.control.reset();
    try {
      await setSetting('baseUrl', `${t.emulator.url}/?region=eu`);
      await settle(t.hooks);
      assert.equal(t.hooks.services.library.state.kind, 'failed');
      assert.match(t.hooks.services.library.state.errorMessage ?? '', /apiAudio\.baseUrl must not contain a query/);
      t.human.showErrorMessage.resetHistory();
      await vscode.commands.executeCommand('apiAudio.lookUpMedia', 'a788990d');
      await waitFor(() => t.human.showErrorMessage.callCount === 1, 'the error message');
      const [message, ...actions] = t.human.showErrorMessage.firstCall.args as unknown[];
      assert.match(String(message), /^The setting apiAudio\.baseUrl must not contain a query/);
      assert.deepEqual(actions, ['Open Settings', 'Show Log']);
      assert.deepEqual(t.emulator.control.requests, [], 'nothing was sent');
    } finally {
      await setSetting('baseUrl', t.emulator.url);
      await settle(t.hooks);
    }
  });

  it('refuses an organisation ID with a line break before any request', async () => {
    t.emulator.control.reset();
    await setSetting('assumeOrgId', 'child-org\r\nx-api-key: stolen');
    await settle(t.hooks);
    assert.equal(t.hooks.services.library.state.kind, 'failed');
    assert.match(t.hooks.services.library.state.errorMessage ?? '', /assumeOrgId contains a line break/);
    assert.deepEqual(t.emulator.control.requests, [], 'nothing was sent');
    assert.ok(!messages(t.human.showErrorMessage).some((message) => message.includes(TEST_KEY)));
  });
});
