// Which items an item command acts on: the row the keyboard is on (a keybinding), the
// selection it belongs to, or what the person picks when the command runs from the palette.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MediaPick } from '../../src/commands/apiaudio/findMedia';
import type { MediaNode } from '../../src/tree/apiaudio/nodes';
import { PUBLIC_SEED } from '../emulator';
import { messages, readManifest, setSetting, settle, useSeededExtension, waitFor } from './helpers';
import { mediaNode, workspaceScratch } from './transferHelpers';

describe('Item commands: the rows they act on', function () {
  const t = useSeededExtension();
  const bindings = readManifest().contributes.keybindings ?? [];
  const deletes = () => t.emulator.control.requests.filter((request) => request.method === 'DELETE');
  let a: MediaNode;
  let b: MediaNode;

  /**
   * Runs `command` as its keybinding does: through the workbench's command service with the
   * keybinding's own arguments (runCommands spreads an array: the extra array keeps it whole).
   */
  const pressKeyOf = async (command: string) => {
    const binding = bindings.find((entry) => entry.command === command);
    assert.ok(binding, `no keybinding for ${command}`);
    await vscode.commands.executeCommand('runCommands', { commands: [{ command, args: [(binding as { args?: unknown }).args] }] });
  };
  /** The selection, once VS Code has told the extension about it. */
  const selectionIs = (...nodes: MediaNode[]) =>
    waitFor(() => {
      const ids = t.hooks.services.treeView.selection.map((node) => node.id).sort();
      return ids.join('|') === nodes.map((node) => node.id).sort().join('|');
    }, `the selection to be ${nodes.map((node) => node.item.filename).join(', ') || 'empty'}`);

  beforeEach(async () => {
    // Two rows of their own, next to each other under one tag.
    if (!t.emulator.control.listStored().some((item) => item.filename === 'keys-a.wav')) {
      t.emulator.control.addMedia({ filename: 'keys-a.wav', tags: ['arrows'] });
      t.emulator.control.addMedia({ filename: 'keys-b.wav', tags: ['arrows'] });
      await t.hooks.services.library.refresh();
      t.emulator.control.reset();
    }
    a = mediaNode(t.hooks, 'keys-a.wav');
    b = mediaNode(t.hooks, 'keys-b.wav');
    // The keyboard on keys-a.wav, selected.
    await t.hooks.services.treeView.reveal(a, { select: true, focus: true, expand: true });
    await selectionIs(a);
  });

  describe('from the keyboard', () => {
    it('Delete after an arrow key names the row the keyboard is on, not the selected one', async () => {
      await vscode.commands.executeCommand('list.focusDown');

      await pressKeyOf('apiAudio.delete');

      assert.deepEqual(messages(t.human.showWarningMessage), ["Delete 'keys-b.wav' from api.audio? This cannot be undone."]);
      assert.deepEqual(deletes(), [], 'cancelled: nothing deleted');
    });

    it('Delete on a row of a multiple selection confirms the whole selection', async () => {
      await vscode.commands.executeCommand('list.focusDown');
      await vscode.commands.executeCommand('list.toggleSelection');
      await selectionIs(a, b);

      await pressKeyOf('apiAudio.delete');

      assert.deepEqual(messages(t.human.showWarningMessage), ['Delete 2 files from api.audio? This cannot be undone.']);
      const detail = (t.human.showWarningMessage.firstCall.args[1] as vscode.MessageOptions).detail ?? '';
      assert.match(detail, /keys-a\.wav/);
      assert.match(detail, /keys-b\.wav/);
    });

    it('Delete with nothing selected acts on the focused row', async () => {
      await vscode.commands.executeCommand('list.toggleSelection');
      await selectionIs();

      await pressKeyOf('apiAudio.delete');

      assert.deepEqual(messages(t.human.showWarningMessage), ["Delete 'keys-a.wav' from api.audio? This cannot be undone."]);
    });

    it('Ctrl+C after an arrow key copies the ID of the row the keyboard is on', async () => {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('list.focusDown');

      await pressKeyOf('apiAudio.copyMediaId');

      assert.equal(await vscode.env.clipboard.readText(), b.item.mediaId);
    });

    it('Ctrl+C on a tag row copies nothing and says why in the status bar', async () => {
      await vscode.env.clipboard.writeText('unchanged');
      const status = t.sandbox.spy(vscode.window, 'setStatusBarMessage');
      await vscode.commands.executeCommand('list.collapse'); // from the item to its tag

      await pressKeyOf('apiAudio.copyMediaId');

      assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
      assert.match(String(status.lastCall?.args[0]), /not a file: move to one with the arrow keys/);
    });
  });

  describe('from the Command Palette', () => {
    /** Answers the media picker with the items named `filenames` (none: Escape). */
    const pickMedia = (...filenames: string[]) =>
      t.human.showQuickPick.callsFake((async (items: Promise<MediaPick[]>, options?: vscode.QuickPickOptions) => {
        const picks = await items;
        const chosen = picks.filter((pick) => filenames.includes(pick.label));
        if (filenames.length === 0) return undefined;
        return options?.canPickMany ? chosen : chosen[0];
      }) as never);
    const pickerOptions = () => t.human.showQuickPick.firstCall.args[1] as vscode.QuickPickOptions;

    it('Download… asks for several items by name, then for a folder, and saves them', async () => {
      const dir = workspaceScratch('palette-downloads');
      t.human.showOpenDialog.resolves([vscode.Uri.file(dir)]);
      pickMedia('keys-a.wav', 'keys-b.wav');

      await vscode.commands.executeCommand('apiAudio.download');

      assert.equal(pickerOptions().canPickMany, true);
      assert.equal(pickerOptions().title, 'Download api.audio Media…');
      assert.equal(t.human.showOpenDialog.firstCall.args[0]?.title, 'Download 2 files to…');
      for (const node of [a, b]) {
        assert.ok(fs.readFileSync(path.join(dir, node.item.filename)).equals(t.emulator.control.getStoredBytes(node.item.mediaId)!));
      }
    });

    it('Delete… offers only the organisation\'s own media and deletes what was picked after the confirmation', async () => {
      await setSetting('showPublicLibrary', true);
      await settle(t.hooks);
      let offered: string[] = [];
      t.human.showQuickPick.callsFake((async (items: Promise<MediaPick[]>) => {
        const picks = await items;
        offered = picks.map((pick) => pick.mediaId);
        return picks.filter((pick) => pick.label === 'keys-b.wav');
      }) as never);
      t.human.showWarningMessage.resolves('Delete' as never);

      await vscode.commands.executeCommand('apiAudio.delete');

      assert.equal(pickerOptions().canPickMany, true);
      assert.ok(offered.includes(a.item.mediaId));
      assert.ok(!offered.some((id) => PUBLIC_SEED.some((seed) => seed.mediaId === id)), 'public items cannot be deleted: not offered');
      assert.deepEqual(messages(t.human.showWarningMessage), ["Delete 'keys-b.wav' from api.audio? This cannot be undone."]);
      assert.deepEqual(deletes().map((request) => request.query.mediaId), [b.item.mediaId]);
      // Put it back for the next tests.
      t.emulator.control.addMedia({ filename: 'keys-b.wav', tags: ['arrows'] });
      await t.hooks.services.library.refresh();
    });

    it('Open asks for one item and plays it', async () => {
      pickMedia('keys-a.wav');

      const opened = await vscode.commands.executeCommand<vscode.Uri[]>('apiAudio.open');

      assert.notEqual(pickerOptions().canPickMany, true, 'Open takes one item');
      assert.deepEqual(opened?.map(String), [`apiaudio-media:/${a.item.mediaId}/keys-a.wav`]);
    });

    it('Copy Media ID and Copy as mediaFiles Entry take several items; Copy Download URL one', async () => {
      pickMedia('keys-a.wav', 'keys-b.wav');
      await vscode.commands.executeCommand('apiAudio.copyMediaId');
      assert.deepEqual((await vscode.env.clipboard.readText()).split('\n').sort(), [a.item.mediaId, b.item.mediaId].sort());

      await vscode.commands.executeCommand('apiAudio.copyMediaFilesEntry');
      assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), { 'keys-a': a.item.mediaId, 'keys-b': b.item.mediaId });

      await vscode.commands.executeCommand('apiAudio.copyDownloadUrl');
      assert.notEqual((t.human.showQuickPick.lastCall.args[1] as vscode.QuickPickOptions).canPickMany, true);
      assert.match(await vscode.env.clipboard.readText(), /^http:\/\/127\.0\.0\.1:\d+\/s3\/[^\n]+$/);
    });

    it('Escape in the picker cancels quietly: no message, no request', async () => {
      pickMedia();

      for (const command of ['apiAudio.download', 'apiAudio.delete', 'apiAudio.open', 'apiAudio.copyDownloadUrl']) {
        await vscode.commands.executeCommand(command);
      }

      assert.equal(t.human.showQuickPick.callCount, 4);
      assert.equal(t.human.showOpenDialog.callCount, 0);
      for (const stub of [t.human.showInformationMessage, t.human.showWarningMessage, t.human.showErrorMessage]) assert.equal(stub.callCount, 0);
      assert.deepEqual(t.emulator.control.requests, []);
    });
  });
});
