// The AudioStack Files view across a restart (the listing kept in the extension's global
// storage) and Find in AudioStack Files, inside real VS Code against the emulator.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FilesPick } from '../../src/commands/audiostack/find';
import type { CachedFiles } from '../../src/model/audiostack/filesBrowser';
import type { FileNode, FilesTreeNode, FolderNode } from '../../src/tree/audiostack/filesTreeProvider';
import { filesSeedFileId, filesSeedFolderId } from '../emulator';
import { OTHER_VALID_LOOKING_KEY, TEST_KEY, messages, readManifest, useSeededExtension, waitFor } from './helpers';
import { showFilesViewForEachTest } from './filesHelpers';

describe('AudioStack Files across a restart, and Find in AudioStack Files', function () {
  const t = useSeededExtension();

  const files = () => t.hooks.services.files;
  const labelOf = (node: FilesTreeNode): string => {
    const label = files().tree.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  };
  const children = async (node?: FilesTreeNode) => (await files().tree.getChildren(node)) ?? [];
  const cacheFile = () => path.join(t.hooks.services.context.globalStorageUri.fsPath, 'audiostack-files.json');
  /** Lists the root and opens Music, Music/Beds and Music/Beds/Ambient (in the model: no row drawn), the cache written. */
  const openThreeLevels = async () => {
    const { browser } = files();
    await browser.refresh();
    for (const folder of ['Music', 'Music/Beds', 'Music/Beds/Ambient']) await browser.load(filesSeedFolderId(folder));
    await browser.cacheSettled();
  };

  showFilesViewForEachTest(t);
  afterEach(() => {
    t.emulator.control.setLatency(0);
  });
  describe('The listing kept between sessions', () => {
    it('at the next start shows the last listing before the emulator answers, then lists the open folders again and replaces it', async () => {
      await openThreeLevels();
      const kept = JSON.parse(fs.readFileSync(cacheFile(), 'utf8')) as CachedFiles;
      assert.deepEqual(
        kept.folders.map((folder) => folder.key),
        ['', filesSeedFolderId('Music'), filesSeedFolderId('Music/Beds'), filesSeedFolderId('Music/Beds/Ambient')],
      );
      const text = fs.readFileSync(cacheFile(), 'utf8');
      assert.ok(!text.includes(TEST_KEY) && !/Signature/.test(text), 'no key, no presigned link');

      // A new session: nothing loaded, the server slow to answer; a file added since.
      const added = t.emulator.control.files.addFile({ fileName: 'added-meanwhile.wav', folderId: filesSeedFolderId('Music/Beds/Ambient') });
      const { browser } = files();
      browser.clear('idle');
      t.emulator.control.reset();
      t.emulator.control.setLatency(1_500);
      const started = browser.start();
      await waitFor(() => browser.fromCache, 'the cached listing');
      assert.deepEqual((await children()).map(labelOf), ['Empty', 'Music', 'Sound Effects', 'Voice', 'jingle.mp3']);
      const ambient = files().tree.folderNode(filesSeedFolderId('Music/Beds/Ambient'))!;
      assert.deepEqual((await children(ambient)).map(labelOf), ['calm-pad.wav', 'night-drone.mp3'], 'an opened folder shows without a request');
      assert.equal(t.emulator.control.requests.filter((request) => request.path.startsWith('/folders')).length <= 1, true, 'only the background listing of the root has begun');
      assert.equal(browser.state.kind, 'ready');

      await started;
      assert.equal(browser.fromCache, false);
      assert.deepEqual((await children(ambient)).map(labelOf), ['added-meanwhile.wav', 'calm-pad.wav', 'night-drone.mp3']);
      const listed = t.emulator.control.requests.map((request) => request.path);
      for (const folder of ['Music', 'Music/Beds', 'Music/Beds/Ambient']) assert.ok(listed.includes(`/folders/${filesSeedFolderId(folder)}`), folder);
      await browser.cacheSettled();
      assert.ok(fs.readFileSync(cacheFile(), 'utf8').includes(added), 'the new listing is kept');
    });

    it('never shows the listing of another key: a changed key starts from nothing, a rejected one clears the file', async () => {
      await openThreeLevels();
      const { browser } = files();
      await t.hooks.services.apiKeys.store(OTHER_VALID_LOOKING_KEY);
      await files().clients.settled();
      browser.clear('idle');
      assert.equal(await browser.restoreFromCache(), false, 'the cached listing is the other key\'s');
      assert.deepEqual(await children(), [], 'nothing shown before a listing');
      await browser.start();
      assert.equal(browser.state.kind, 'authFailed');
      await browser.cacheSettled();
      assert.equal(fs.existsSync(cacheFile()), false, 'a rejected key\'s listing is forgotten');
    });

    it('keeps the last listing with a row saying the refresh failed, as api.audio Media does', async () => {
      await openThreeLevels();
      const { browser } = files();
      browser.clear('idle');
      t.emulator.control.failNext(1, 400, { path: '/folders', body: JSON.stringify({ message: 'Validation failed' }) });
      await browser.start();
      const rows = await children();
      assert.match(labelOf(rows[0]), /^Could not refresh: showing the listing from /);
      assert.match(String(files().tree.getTreeItem(rows[0]).description), /Validation failed/);
      assert.equal(files().tree.getTreeItem(rows[0]).command?.command, 'apiAudio.files.refresh', 'the row retries');
      assert.deepEqual(rows.slice(1).map(labelOf), ['Empty', 'Music', 'Sound Effects', 'Voice', 'jingle.mp3']);
      await vscode.commands.executeCommand('apiAudio.files.refresh', rows[0]);
      assert.deepEqual((await children()).map(labelOf), ['Empty', 'Music', 'Sound Effects', 'Voice', 'jingle.mp3']);
    });
  });

  describe('Find in AudioStack Files', () => {
    /** Scripts the person: picks the item labelled `label` from the picker's items once they are built. */
    const pick = (label: string, before?: () => Promise<void>) => {
      t.human.showQuickPick.callsFake((async (items: Promise<readonly FilesPick[]>) => {
        const found = (await items).find((item) => item.label === label);
        await before?.();
        return found;
      }) as never);
    };
    const offered = async (): Promise<FilesPick[]> => [...(await (t.human.showQuickPick.firstCall.args[0] as unknown as Promise<readonly FilesPick[]>))];

    it('offers every loaded file and folder by name, folder path and size · duration · status, and reveals the choice in folders never drawn', async () => {
      await openThreeLevels();
      pick('calm-pad.wav');
      const revealed = (await vscode.commands.executeCommand('apiAudio.files.find')) as FileNode;

      const items = await offered();
      const calm = items.find((item) => item.label === 'calm-pad.wav')!;
      assert.equal(calm.description, 'Music/Beds/Ambient');
      assert.match(calm.detail ?? '', /^\d+(\.\d)?\skB · 1\.5\ssec · uploaded$/);
      const beds = items.find((item) => item.label === 'Beds')!;
      assert.equal(beds.description, 'Music');
      assert.equal(items.find((item) => item.label === 'jingle.mp3')?.description, '/');
      assert.ok(items.some((item) => item.label === 'Takes' || item.label === 'take-03.wav') === false, 'Voice was never opened: its contents are not offered');
      const options = t.human.showQuickPick.firstCall.args[1] as vscode.QuickPickOptions;
      assert.equal(options.matchOnDescription, true, 'a folder path finds what is in it');
      // The root, Music, Beds and Ambient are listed: the title says the search covers only those.
      assert.equal(options.title, 'Find in AudioStack Files — the 4 folders opened so far (open a folder to search it too)');

      const selection = files().view.selection;
      assert.equal(selection.length, 1);
      assert.equal(selection[0].kind, 'file');
      assert.equal((selection[0] as FileNode).file.fileId, filesSeedFileId('Music/Beds/Ambient/calm-pad.wav'));
      assert.equal(revealed.id, selection[0].id);
      // The chain of parents the view opened, built from what is loaded.
      const parent = files().tree.getParent(selection[0]) as FolderNode;
      assert.equal(parent.path, 'Music/Beds/Ambient');
      assert.equal((files().tree.getParent(parent) as FolderNode).path, 'Music/Beds');
    });

    it('reveals and selects a folder', async () => {
      await openThreeLevels();
      pick('Ambient');
      await vscode.commands.executeCommand('apiAudio.files.find');
      const [selected] = files().view.selection;
      assert.equal(selected.kind, 'folder');
      assert.equal((selected as FolderNode).path, 'Music/Beds/Ambient');
    });

    it('does not act on a row that a reload removed while the picker was open, and says what to do', async () => {
      await openThreeLevels();
      // A new key or address lists everything afresh: the open folders are not loaded any more.
      pick('calm-pad.wav', () => files().browser.reload());
      t.human.showInformationMessage.resolves(undefined);
      await vscode.commands.executeCommand('apiAudio.files.find');
      assert.deepEqual(files().view.selection.filter((node) => node.kind === 'file'), [], 'no row was revealed and selected');
      assert.match(messages(t.human.showInformationMessage).at(-1)!, /^calm-pad\.wav is no longer listed in the AudioStack Files view\. Refresh it, then find the file again\./);
    });

    it('says that nothing is listed yet, with Refresh', async () => {
      files().browser.clear('idle');
      await vscode.commands.executeCommand('apiAudio.files.find');
      assert.equal(t.human.showQuickPick.callCount, 0);
      const [call] = t.human.showInformationMessage.getCalls();
      assert.equal(call.args[0], 'No AudioStack files are listed yet. Refresh the AudioStack Files view first.');
      assert.equal(call.args[1], 'Refresh');
    });

    it('is in the palette, the view\'s title bar (search icon) and on Ctrl+F in the Files view', async () => {
      const manifest = readManifest();
      const command = manifest.contributes.commands.find((entry) => entry.command === 'apiAudio.files.find');
      assert.deepEqual(command, { command: 'apiAudio.files.find', title: 'Find in AudioStack Files…', category: 'AudioStack', icon: '$(search)' });
      assert.deepEqual(
        manifest.contributes.menus['view/title'].filter((entry) => entry.command === 'apiAudio.files.find').map((entry) => entry.when),
        ['view == apiAudio.files && apiAudio.hasApiKey'],
      );
      assert.deepEqual(
        manifest.contributes.menus.commandPalette.filter((entry) => entry.command === 'apiAudio.files.find').map((entry) => entry.when),
        ['apiAudio.hasApiKey && apiAudio.service == files'],
      );
      const key = manifest.contributes.keybindings?.find((entry) => entry.command === 'apiAudio.files.find');
      assert.deepEqual(key && { key: key.key, mac: key.mac, when: key.when }, { key: 'ctrl+f', mac: 'cmd+f', when: 'focusedView == apiAudio.files && !inputFocus' });
    });
  });
});
