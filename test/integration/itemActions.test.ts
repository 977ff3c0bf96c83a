import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MediaNode } from '../../src/tree/apiaudio/nodes';
import { PUBLIC_SEED, SEED, makeWavTone } from '../emulator';
import { messages, renderTree, setSetting, settle, useSeededExtension, waitFor } from './helpers';
import { mediaNode } from './transferHelpers';

describe('Item actions', function () {
  const t = useSeededExtension();

  const idOf = (filename: string) => SEED.find((seed) => seed.filename === filename)!.mediaId;
  const fileGets = () => t.emulator.control.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/s3/'));
  const deletes = () => t.emulator.control.requests.filter((request) => request.method === 'DELETE');
  /** A fresh item (so no earlier test left a local copy of it), listed in the tree. */
  const freshItem = async (filename: string, tags = ['fresh']): Promise<MediaNode> => {
    t.emulator.control.addMedia({ filename, tags, bytes: makeWavTone(300 + filename.length * 10, 300) });
    await vscode.commands.executeCommand('apiAudio.refresh');
    t.emulator.control.reset();
    return mediaNode(t.hooks, filename);
  };
  const activeTabUri = () => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputCustom) return { viewType: input.viewType, uri: input.uri };
    if (input instanceof vscode.TabInputText) return { viewType: 'text', uri: input.uri };
    return undefined;
  };

  describe('Open', () => {
    it('downloads into global storage and opens the file in the audio preview; a second open reuses it', async () => {
      const node = await freshItem('play-me.wav');
      const expected = path.join(t.hooks.services.context.globalStorageUri.fsPath, 'media', node.item.mediaId, 'play-me.wav');

      await vscode.commands.executeCommand('apiAudio.open', node);

      assert.ok(fs.readFileSync(expected).equals(t.emulator.control.getStoredBytes(node.item.mediaId)!), 'local copy differs');
      const tab = await waitFor(() => activeTabUri(), 'the audio preview tab');
      assert.equal(tab?.viewType, 'vscode.audioPreview');
      // Shown by file name and media ID, read from the local copy (not by its cache path).
      assert.equal(tab?.uri.toString(), `apiaudio-media:/${node.item.mediaId}/play-me.wav`);
      assert.equal(fileGets().length, 1);

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('apiAudio.open', node);
      assert.equal(fileGets().length, 1, 'the local copy is reused');
      assert.equal(activeTabUri()?.uri.toString(), `apiaudio-media:/${node.item.mediaId}/play-me.wav`);
    });

    it('lets concurrent opens of the same item share one download', async () => {
      const node = await freshItem('shared.wav');
      t.emulator.control.setLatency(300);

      await Promise.all([vscode.commands.executeCommand('apiAudio.open', node), vscode.commands.executeCommand('apiAudio.open', node)]);

      assert.equal(fileGets().length, 1);
      assert.equal(t.emulator.control.requests.filter((request) => request.query.target === 'download').length, 1);
    });
  });

  describe('Delete', () => {
    it('deletes an item after a modal confirmation naming it', async () => {
      const node = mediaNode(t.hooks, 'scratch-take.wav');
      t.human.showWarningMessage.resolves('Delete' as never);

      await vscode.commands.executeCommand('apiAudio.delete', node);

      assert.deepEqual(messages(t.human.showWarningMessage), ["Delete 'scratch-take.wav' from api.audio? This cannot be undone."]);
      assert.equal((t.human.showWarningMessage.firstCall.args[1] as vscode.MessageOptions).modal, true);
      assert.deepEqual(deletes().map((request) => request.query.mediaId), [idOf('scratch-take.wav')]);
      assert.equal(t.emulator.control.listStored().some((item) => item.filename === 'scratch-take.wav'), false);
      assert.equal((await renderTree(t.hooks)).some((line) => line.includes('scratch-take.wav')), false);
    });

    it('keeps the place as the Explorer does: the row after the deleted one is selected, the one before when it was last', async () => {
      t.emulator.control.addMedia({ filename: 'place-a.wav', tags: ['place'] });
      t.emulator.control.addMedia({ filename: 'place-b.wav', tags: ['place'] });
      t.emulator.control.addMedia({ filename: 'place-c.wav', tags: ['place'] });
      await vscode.commands.executeCommand('apiAudio.refresh');
      t.human.showWarningMessage.resolves('Delete' as never);
      const selectedName = () => {
        const [selected] = t.hooks.services.treeView.selection;
        return selected?.kind === 'media' ? selected.item.filename : undefined;
      };

      await vscode.commands.executeCommand('apiAudio.delete', mediaNode(t.hooks, 'place-b.wav'));
      await waitFor(() => selectedName() === 'place-c.wav', 'place-c.wav selected after place-b.wav went');

      // As the Delete key gives it: [the focused row].
      await vscode.commands.executeCommand('apiAudio.delete', [mediaNode(t.hooks, 'place-c.wav')]);
      await waitFor(() => selectedName() === 'place-a.wav', 'place-a.wav selected after the last row went');
    });

    it('removes the local copy that Open kept for playing', async () => {
      const node = await freshItem('played-then-deleted.wav');
      await vscode.commands.executeCommand('apiAudio.open', node);
      const copyDir = path.join(t.hooks.services.context.globalStorageUri.fsPath, 'media', node.item.mediaId);
      assert.ok(fs.existsSync(path.join(copyDir, 'played-then-deleted.wav')), 'Open kept no copy');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      t.human.showWarningMessage.resolves('Delete' as never);

      await vscode.commands.executeCommand('apiAudio.delete', node, [node]);

      assert.equal(fs.existsSync(copyDir), false);
    });

    it('deletes nothing when the confirmation is cancelled', async () => {
      const node = mediaNode(t.hooks, 'outro-sting.wav');
      t.human.showWarningMessage.resolves(undefined);

      await vscode.commands.executeCommand('apiAudio.delete', node, [node]);

      assert.equal(t.human.showWarningMessage.callCount, 1);
      assert.deepEqual(deletes(), []);
      assert.ok(t.emulator.control.listStored().some((item) => item.filename === 'outro-sting.wav'));
      assert.ok((await renderTree(t.hooks)).includes('  outro-sting.wav (outro)'));
    });

    it('confirms several items in one dialog that lists them, then deletes them all', async () => {
      const nodes = [mediaNode(t.hooks, 'voice-goodbye.mp3'), mediaNode(t.hooks, 'voice-welcome.wav')];
      t.human.showWarningMessage.resolves('Delete' as never);

      await vscode.commands.executeCommand('apiAudio.delete', nodes[0], nodes);

      assert.deepEqual(messages(t.human.showWarningMessage), ['Delete 2 files from api.audio? This cannot be undone.']);
      const detail = (t.human.showWarningMessage.firstCall.args[1] as vscode.MessageOptions).detail ?? '';
      assert.match(detail, /voice-goodbye\.mp3/);
      assert.match(detail, /voice-welcome\.wav/);
      assert.deepEqual(deletes().map((request) => request.query.mediaId).sort(), [idOf('voice-goodbye.mp3'), idOf('voice-welcome.wav')].sort());
      assert.equal((await renderTree(t.hooks)).some((line) => line.startsWith('voice ')), false, 'the voice tag is gone');
    });

    it('refuses to delete public-library items without asking', async () => {
      await setSetting('showPublicLibrary', true);
      await settle(t.hooks);
      const { tree } = t.hooks.services;
      const library = tree.getChildren().find((node) => node.kind === 'library')!;
      const publicNode = tree.getChildren(library).flatMap((tag) => tree.getChildren(tag)).find((node): node is MediaNode => node.kind === 'media')!;
      assert.ok(PUBLIC_SEED.some((seed) => seed.mediaId === publicNode.item.mediaId));

      await vscode.commands.executeCommand('apiAudio.delete', publicNode, [publicNode]);

      assert.deepEqual(messages(t.human.showWarningMessage), [
        `'${publicNode.item.filename}' is from the public api.audio library, which cannot be deleted.`,
      ]);
      assert.deepEqual(deletes(), []);
    });
  });

  describe('Copy', () => {
    it('copies the media IDs of the selection, one per line', async () => {
      const nodes = [mediaNode(t.hooks, 'ambient-bed.wav'), mediaNode(t.hooks, 'intro-sting.mp3')];
      await vscode.commands.executeCommand('apiAudio.copyMediaId', nodes[0], nodes);
      assert.equal(await vscode.env.clipboard.readText(), `${idOf('ambient-bed.wav')}\n${idOf('intro-sting.mp3')}`);
    });

    it('copies a mediaFiles entry for one item and one object for several', async () => {
      const one = mediaNode(t.hooks, 'podcast-theme.mp3');
      await vscode.commands.executeCommand('apiAudio.copyMediaFilesEntry', one, [one]);
      const single = await vscode.env.clipboard.readText();
      assert.equal(single, `{"podcast-theme": "${idOf('podcast-theme.mp3')}"}`);
      assert.deepEqual(JSON.parse(single), { 'podcast-theme': idOf('podcast-theme.mp3') });

      const two = [mediaNode(t.hooks, 'intro-sting.mp3'), mediaNode(t.hooks, 'outro-sting.wav')];
      await vscode.commands.executeCommand('apiAudio.copyMediaFilesEntry', two[0], two);
      assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), {
        'intro-sting': idOf('intro-sting.mp3'),
        'outro-sting': idOf('outro-sting.wav'),
      });
    });

    it('copies a fresh download link that works, warns that it expires and must not be shared, and never shows or logs it', async () => {
      const node = mediaNode(t.hooks, 'ambient-bed.wav');
      await vscode.commands.executeCommand('apiAudio.copyDownloadUrl', node, [node]);

      const url = await vscode.env.clipboard.readText();
      assert.ok(url.startsWith(`${t.emulator.url}/s3/`), url);
      assert.match(url, /Signature=/);
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(t.emulator.control.getStoredBytes(idOf('ambient-bed.wav'))!));
      assert.equal(t.human.showInformationMessage.callCount, 1);
      const message = String(t.human.showInformationMessage.firstCall.args[0]);
      assert.match(message, /expires in about an hour/);
      assert.match(message, /not share/i);
      // assertNoSecretsShownOrLogged (afterEach) checks that the signature is nowhere else.
      assert.ok(t.logSpies.some((spy) => spy.getCalls().some((call) => String(call.args[0]).includes('Copied a download link'))));
    });
  });

  describe('Look up by ID', () => {
    it('validates the typed ID and reveals a listed item', async () => {
      const id = idOf('ambient-bed.wav');
      t.human.showInputBox.resolves(` ${id} `);

      await vscode.commands.executeCommand('apiAudio.lookUpMedia');

      const validate = t.human.showInputBox.firstCall.args[0]!.validateInput!;
      assert.equal(validate(''), 'Enter a media ID.');
      assert.equal(validate('ab cd'), 'A media ID has no spaces.');
      assert.equal(validate(id), undefined);
      const selected = t.hooks.services.treeView.selection[0];
      assert.equal(selected?.kind === 'media' && selected.item.mediaId, id);
    });

    it('says clearly when no media has the ID', async () => {
      t.human.showInputBox.resolves('deadbeef');

      await vscode.commands.executeCommand('apiAudio.lookUpMedia');

      assert.deepEqual(messages(t.human.showWarningMessage), ['No media with ID deadbeef in this organisation.']);
    });

    it('offers Open, Download and Copy Media ID for an item the view does not list', async () => {
      const id = t.emulator.control.addMedia({ filename: 'not-listed-yet.wav', tags: ['late'] });
      t.human.showInputBox.resolves(id);
      t.human.showQuickPick.callsFake((async (items: readonly vscode.QuickPickItem[]) => {
        assert.deepEqual(items.map((item) => item.label), ['$(play) Open', '$(cloud-download) Download…', '$(copy) Copy Media ID']);
        return items[2];
      }) as never);

      await vscode.commands.executeCommand('apiAudio.lookUpMedia');

      assert.equal(t.human.showQuickPick.callCount, 1);
      assert.equal(await vscode.env.clipboard.readText(), id);
    });
  });
});
