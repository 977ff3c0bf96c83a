import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OTHER_VALID_LOOKING_KEY, TEST_KEY, connect, messages, renderTree, setSetting, settle, startSeededEmulator, useSeededExtension, waitFor } from './helpers';

const SECRET_ID = 'apiAudio.apiKey';

describe('API key and connection', function () {
  const t = useSeededExtension(null);

  it('without a key shows nothing and asks for one', async () => {
    assert.equal(await t.hooks.services.context.secrets.get(SECRET_ID), undefined);
    assert.equal(t.hooks.services.library.state.kind, 'noKey');
    assert.deepEqual(await renderTree(t.hooks), []);
  });

  it('Set API Key validates as typed, checks the key with api.audio, stores it and loads the tree', async () => {
    const { human } = t;
    let validate: ((value: string) => unknown) | undefined;
    human.showInputBox.callsFake(async (options?: vscode.InputBoxOptions) => {
      assert.equal(options?.password, true, 'the key is typed into a password box');
      validate = options?.validateInput as (value: string) => unknown;
      return `  ${TEST_KEY}  `;
    });
    await vscode.commands.executeCommand('apiAudio.setApiKey');

    assert.match(String(await validate!('too-short')), /32/);
    assert.match(String(await validate!('a'.repeat(20) + ' ' + 'b'.repeat(20))), /space/i);
    assert.equal(await validate!(TEST_KEY), undefined);

    assert.equal(await t.hooks.services.context.secrets.get(SECRET_ID), TEST_KEY, 'stored trimmed, in SecretStorage');
    const check = t.emulator.control.requests.find((r) => r.path.startsWith('/file/customaudio/tags'));
    assert.equal(check?.headers['x-api-key'], TEST_KEY, 'the key was checked against the API before it was stored');
    await settle(t.hooks);
    assert.ok((await renderTree(t.hooks)).includes('music (3)'));
    assert.ok(messages(human.showInformationMessage).some((m) => /saved in secret storage/.test(m)));
  });

  it('a key api.audio rejects is not stored, and the user is told', async () => {
    const { human } = t;
    human.showInputBox.resolves(OTHER_VALID_LOOKING_KEY);
    await vscode.commands.executeCommand('apiAudio.setApiKey');
    assert.equal(await t.hooks.services.context.secrets.get(SECRET_ID), undefined);
    assert.ok(messages(human.showErrorMessage).some((m) => /rejected this API key/.test(m)));
    assert.ok(!messages(human.showErrorMessage).some((m) => m.includes(OTHER_VALID_LOOKING_KEY)), 'the key is not echoed');
  });

  it('Remove API Key asks first, then empties the view', async () => {
    await connect(t.hooks, t.emulator.url);
    const { human } = t;
    human.showWarningMessage.resolves(undefined);
    await vscode.commands.executeCommand('apiAudio.removeApiKey');
    assert.equal(await t.hooks.services.context.secrets.get(SECRET_ID), TEST_KEY, 'dismissing the confirmation keeps the key');

    human.showWarningMessage.callsFake((async (_message: string, options: vscode.MessageOptions) => {
      assert.equal(options.modal, true);
      return 'Remove';
    }) as never);
    await vscode.commands.executeCommand('apiAudio.removeApiKey');
    assert.equal(await t.hooks.services.context.secrets.get(SECRET_ID), undefined);
    await settle(t.hooks);
    assert.equal(t.hooks.services.library.state.kind, 'noKey');
    assert.deepEqual(await renderTree(t.hooks), []);
  });

  it('falls back to the SDK environment variable and offers once to store it', async () => {
    const { human } = t;
    process.env.apiaudio_key = TEST_KEY;
    const resolved = await t.hooks.services.apiKeys.get();
    assert.deepEqual(resolved, { key: TEST_KEY, source: 'environment', variable: 'apiaudio_key' });
    await t.hooks.services.library.refresh();
    assert.ok((await renderTree(t.hooks)).includes('music (3)'), 'the environment key lists media');

    await t.hooks.services.context.globalState.update('apiAudio.envKeyOffered', undefined);
    human.showInformationMessage.onFirstCall().resolves('Store Key' as never);
    await t.hooks.services.apiKeys.offerToStoreEnvironmentKey();
    assert.equal(await t.hooks.services.context.secrets.get(SECRET_ID), TEST_KEY);
    await t.hooks.services.apiKeys.remove();
    const offers = human.showInformationMessage.callCount;
    await t.hooks.services.apiKeys.offerToStoreEnvironmentKey();
    assert.equal(human.showInformationMessage.callCount, offers, 'offered only once');
  });

  it('honours the legacy aflr_key variable', async () => {
    process.env.aflr_key = TEST_KEY;
    assert.equal((await t.hooks.services.apiKeys.get())?.variable, 'aflr_key');
  });

  it('a key set in another window takes effect here (secrets.onDidChange)', async () => {
    assert.deepEqual(await renderTree(t.hooks), []);
    // Another window writes the same SecretStorage entry; this window only sees the event.
    await t.hooks.services.context.secrets.store(SECRET_ID, TEST_KEY);
    await waitFor(async () => (await renderTree(t.hooks)).includes('music (3)'), 'the tree to load after the key appeared');
    await t.hooks.services.context.secrets.delete(SECRET_ID);
    await waitFor(() => t.hooks.services.library.state.kind === 'noKey', 'the tree to empty after the key was removed');
  });

  it('a rejected stored key gives its message in the view', async () => {
    await t.hooks.services.context.secrets.store(SECRET_ID, OTHER_VALID_LOOKING_KEY);
    await settle(t.hooks);
    assert.equal(t.hooks.services.library.state.kind, 'authFailed');
    // No message: it would hide the welcome view that says so, with Set API Key and Retry.
    assert.equal(t.hooks.services.treeView.message, undefined);
    assert.deepEqual(await renderTree(t.hooks), []);
  });

  it('an unreachable server gives its message in the view, and Refresh retries', async () => {
    const closed = await startSeededEmulator();
    const closedUrl = closed.url;
    await closed.close();
    await connect(t.hooks, closedUrl);
    assert.equal(t.hooks.services.library.state.kind, 'unreachable');
    assert.equal(t.hooks.services.treeView.message, undefined, 'the welcome view with Retry shows instead');

    await setSetting('baseUrl', t.emulator.url);
    await settle(t.hooks);
    await vscode.commands.executeCommand('apiAudio.refresh');
    assert.equal(t.hooks.services.library.state.kind, 'ready');
    assert.equal(t.hooks.services.treeView.message, undefined);
  });

  it('keeps showing the listing when a refresh of the same library fails, with the reason', async () => {
    await connect(t.hooks, t.emulator.url);
    const before = await renderTree(t.hooks);
    t.emulator.control.failNext(10, 500, { path: '/file/customaudio' });
    await vscode.commands.executeCommand('apiAudio.refresh');
    assert.equal(t.hooks.services.library.state.kind, 'failed');
    const after = await renderTree(t.hooks);
    // A first row says what failed (with Retry, Open Settings and Show Log on it); the rest is unchanged.
    assert.match(after[0], /^Could not refresh: showing the listing from .+ \(api\.audio had a server error \(500\)/);
    assert.deepEqual(after.slice(1), before);
    // The reason in full above the listing (the row is cut at the view's width).
    assert.match(t.hooks.services.treeView.message ?? '', /^Could not refresh: api\.audio had a server error \(500\)/);
    const row = t.hooks.services.tree.getTreeItem((await t.hooks.services.tree.getChildren(undefined))[0]);
    assert.equal(row.contextValue, 'retryableMessage');
    assert.equal(row.command?.command, 'apiAudio.refresh');

    // Retry once the server is well again: the row goes.
    t.emulator.control.reset();
    await t.hooks.services.library.reload();
    assert.deepEqual(await renderTree(t.hooks), before);
    assert.equal(t.hooks.services.treeView.message, undefined, 'the message goes with the failure');
  });

  it('drops the listing when a refresh for another server or organisation fails', async () => {
    await connect(t.hooks, t.emulator.url);
    assert.ok((await renderTree(t.hooks)).length > 0);
    const closed = await startSeededEmulator();
    await closed.close();
    await setSetting('baseUrl', closed.url);
    await settle(t.hooks);
    assert.equal(t.hooks.services.library.state.kind, 'unreachable');
    assert.deepEqual(await renderTree(t.hooks), [], 'the old server\'s files are not shown as if current');
  });

  it('announces a new organisation even when a client was fetched between the change and its check', async () => {
    await connect(t.hooks, t.emulator.url);
    let announced = 0;
    const listener = t.hooks.services.clients.onDidChange(() => announced++);
    try {
      const update = setSetting('assumeOrgId', 'child-org-between');
      // Reads while the change is on its way: they must not swallow the event.
      const reads = [t.hooks.services.clients.get(), t.hooks.services.clients.connectionId()];
      await update;
      await Promise.all([...reads, t.hooks.services.clients.get()]);
      await t.hooks.services.clients.settled();
      assert.equal(announced, 1, 'one change event for one change of organisation');
      await t.hooks.services.library.refresh();
      assert.equal(t.hooks.services.library.listing?.connectionId.includes('child-org-between'), true, 'the listing is the new organisation\'s');
    } finally {
      listener.dispose();
    }
  });

  it('does not reload the library for a setting that leaves the connection as it was', async () => {
    await connect(t.hooks, t.emulator.url);
    t.emulator.control.reset();
    await setSetting('requestTimeoutSeconds', 45);
    await t.hooks.services.clients.settled();
    const lists = t.emulator.control.requests.filter((r) => r.path.replace(/\/$/, '') === '/file/customaudio');
    assert.deepEqual(lists, [], 'a new timeout needs a new client, not a new listing');
  });

  it('refuses a base URL that would send the key in clear text', async () => {
    await connect(t.hooks, 'http://example.com');
    assert.equal(t.hooks.services.library.state.kind, 'failed');
    assert.equal(t.hooks.services.treeView.message, undefined, 'the welcome view with Open Settings shows instead');
    assert.equal(t.emulator.control.requests.some((r) => r.headers.host === 'example.com'), false);
  });

  it('never writes the key to settings or to the log', async () => {
    await connect(t.hooks, t.emulator.url);
    await vscode.commands.executeCommand('apiAudio.refresh');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('apiAudio'));
    assert.ok(!settings.includes(TEST_KEY));
    const logDir = t.hooks.services.context.logUri.fsPath;
    const logFile = await waitFor(() => findFile(logDir, 'api.audio.log'), 'the api.audio log file');
    const log = await waitFor(() => {
      const text = fs.readFileSync(logFile, 'utf8');
      return text.includes('Listed') ? text : undefined;
    }, 'the log to be flushed');
    assert.ok(!log.includes(TEST_KEY), 'the key is in the log');
    assert.ok(!/Signature=(?!REDACTED)[^&\s]+/.test(log), 'a presigned signature is in the log');
  });
});

function findFile(dir: string, name: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) {
      return full;
    }
  }
  return undefined;
}
