import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileNode } from '../../src/tree/audiostack/filesTreeProvider';
import { filesSeedFileId, filesSeedFolderId } from '../emulator';
import { filesRows, showFilesViewForEachTest } from './filesHelpers';
import { OTHER_VALID_LOOKING_KEY, messages, readManifest, setSetting, useSeededExtension, waitFor } from './helpers';

describe('AudioStack Files in the Media view', function () {
  const t = useSeededExtension();

  const { files, labelOf, children, rowAt } = filesRows(t);
  const folderGets = (folderId: string) =>
    t.emulator.control.requests.filter((request) => request.method === 'GET' && request.path === `/folders/${folderId}`).length;
  const fileGets = () => t.emulator.control.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/s3/'));
  const viewShown = (id: 'files' | 'media') => (id === 'files' ? files().view.visible : t.hooks.services.treeView.visible);

  showFilesViewForEachTest(t);
  describe('Choosing the service', () => {
    it('switches between api.audio Media and AudioStack Files from the picker and remembers the choice on this machine', async () => {
      t.human.showQuickPick.callsFake((async (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label === 'api.audio Media')) as never);
      await vscode.commands.executeCommand('apiAudio.switchService');
      assert.equal(t.hooks.services.context.globalState.get('apiAudio.service'), 'media');
      await waitFor(() => viewShown('media'), 'the api.audio Media view');
      const offered = (t.human.showQuickPick.firstCall.args[0] as readonly vscode.QuickPickItem[]).map((item) => `${item.label}${item.description ? ` (${item.description})` : ''}`);
      assert.deepEqual(offered, ['api.audio Media', 'AudioStack Files (shown now)']);

      t.human.showQuickPick.callsFake((async (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label === 'AudioStack Files')) as never);
      await vscode.commands.executeCommand('apiAudio.switchService');
      assert.equal(t.hooks.services.context.globalState.get('apiAudio.service'), 'files');
      await waitFor(() => viewShown('files'), 'the AudioStack Files view');
    });

    it('offers the switch in both views\' title menus and in the welcome', () => {
      const manifest = readManifest();
      const titles = manifest.contributes.menus['view/title'].filter((entry) => entry.command === 'apiAudio.switchService').map((entry) => entry.when);
      assert.deepEqual(titles, ['view == apiAudio.media', 'view == apiAudio.files']);
      const welcome = manifest.contributes.viewsWelcome.filter((entry) => entry.contents.includes('command:apiAudio.showAudioStackFiles'));
      assert.ok(welcome.some((entry) => entry.view === 'apiAudio.media'), 'the api.audio welcome offers AudioStack Files');
      assert.ok(manifest.contributes.viewsWelcome.some((entry) => entry.view === 'apiAudio.files' && entry.contents.includes('command:apiAudio.showApiAudioMedia')));
    });
  });

  describe('apiAudio.filesBaseUrl', () => {
    it('a new request timeout lists neither service again; a new Files address lists AudioStack Files again, once', async () => {
      let announced = 0;
      const listener = files().clients.onDidChange(() => announced++);
      try {
        await setSetting('requestTimeoutSeconds', 45);
        await Promise.all([files().clients.settled(), t.hooks.services.clients.settled()]);
        const lists = () => t.emulator.control.requests.filter((request) => request.method === 'GET' && /^\/(folders|file\/customaudio)/.test(request.path));
        assert.deepEqual(lists(), [], 'a new timeout needs a new client, not a new listing');
        assert.equal(announced, 0);
        const sameServer = t.emulator.url.replace('127.0.0.1', 'localhost');
        await setSetting('filesBaseUrl', sameServer);
        await files().clients.settled();
        assert.equal(announced, 1, 'one change event for one change of address');
        await waitFor(() => lists().some((request) => request.path === '/folders'), 'AudioStack Files listed again');
        assert.ok(lists().every((request) => request.path.startsWith('/folders')), 'api.audio Media is not listed again');
      } finally {
        listener.dispose();
        await setSetting('filesBaseUrl', t.emulator.url);
        await files().clients.settled();
        await files().browser.refresh();
      }
    });

    /** The welcome content shown for the Files view's state, as the manifest words it. */
    const welcomeFor = (state: string) =>
      readManifest().contributes.viewsWelcome.find((entry) => entry.view === 'apiAudio.files' && entry.when?.includes(`apiAudio.filesState == ${state}`));

    it('names the setting when its value is not a usable address; the welcome offers Retry, Open Settings and Show Log', async () => {
      await setSetting('filesBaseUrl', 'not a url');
      await files().clients.settled();
      await files().browser.refresh();
      assert.equal(files().browser.state.kind, 'failed');
      assert.match(files().browser.state.errorMessage ?? '', /^The setting apiAudio\.filesBaseUrl is not a valid URL \("not a url"\)\. Enter the API's address, e\.g\. https:\/\/v2\.api\.audio\./);
      assert.deepEqual(await children(), [], 'no cut-off row: the welcome shows');
      const welcome = welcomeFor('failed')?.contents ?? '';
      for (const command of ['apiAudio.files.refresh', 'apiAudio.openSettings', 'apiAudio.showLog']) assert.ok(welcome.includes(`(command:${command})`), welcome);
      assert.equal(t.emulator.control.requests.length, 0);
    });

    it('asks before the key goes to a server that is not AudioStack\'s, naming the setting; declined, the welcome says the key was not sent, as api.audio Media\'s does', async () => {
      await setSetting('filesBaseUrl', 'https://files.example.test');
      await files().clients.settled();
      await files().browser.refresh({ background: true });
      assert.equal(t.human.showWarningMessage.callCount, 0, 'the change of address itself asks nothing');
      assert.equal(files().browser.state.kind, 'untrusted');
      // The welcome's Send Key to This Server… (the Refresh command): the person acts, the question comes.
      await vscode.commands.executeCommand('apiAudio.files.refresh');
      const [question] = t.human.showWarningMessage.getCalls().map((call) => call.args);
      assert.equal(question?.[0], 'Send your api.audio API key to https://files.example.test?');
      assert.match((question?.[1] as { detail: string }).detail, /^The setting apiAudio\.filesBaseUrl points to https:\/\/files\.example\.test/);
      assert.equal(files().browser.state.kind, 'untrusted');
      assert.match(files().browser.state.errorMessage ?? '', /^Your API key was not sent to https:\/\/files\.example\.test, .*change the setting apiAudio\.filesBaseUrl\./);
      assert.deepEqual(await children(), []);
      const welcome = welcomeFor('untrusted')?.contents ?? '';
      assert.match(welcome, /apiAudio\.filesBaseUrl/);
      assert.match(welcome, /\[Send Key to This Server…\]\(command:apiAudio\.files\.refresh\)/);
      assert.match(welcome, /\[Open Settings\]\(command:apiAudio\.openSettings\)/);
    });
  });

  describe('Browsing', () => {
    it('lists the root folder\'s folders and files', async () => {
      assert.deepEqual((await children()).map(labelOf), ['Empty', 'Music', 'Sound Effects', 'Voice', 'jingle.mp3']);
    });

    it('opens three levels of folders, each listed once until Refresh', async () => {
      const ambient = await rowAt('Music/Beds/Ambient');
      const ambientId = filesSeedFolderId('Music/Beds/Ambient');
      assert.deepEqual((await children(ambient)).map(labelOf), ['calm-pad.wav', 'night-drone.mp3']);
      await children(ambient);
      await rowAt('Music/Beds/Ambient');
      assert.equal(folderGets(ambientId), 1, 'a folder opened again is not listed again');

      await vscode.commands.executeCommand('apiAudio.files.refresh');
      await children(await rowAt('Music/Beds/Ambient'));
      assert.equal(folderGets(ambientId), 2, 'Refresh lists it again');
    });

    it('shows a file\'s size, duration and type, and its tooltip through the media layer', async () => {
      const row = (await rowAt('Music/Beds/Ambient/calm-pad.wav')) as FileNode;
      const item = files().tree.getTreeItem(row);
      const size = t.emulator.control.files.getStoredBytes(row.file.fileId)!.length;
      assert.match(String(item.description), /^\d+(\.\d)?\skB · 1\.5\ssec$/);
      assert.equal(row.file.size, size);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pulse');
      assert.equal(item.contextValue, 'stackFile');
      const tooltip = (item.tooltip as vscode.MarkdownString).value;
      assert.ok(tooltip.includes(`\`${filesSeedFileId('Music/Beds/Ambient/calm-pad.wav')}\``), tooltip);
      assert.ok(tooltip.includes('| Folder | Music/Beds/Ambient |'), tooltip);
      assert.equal(item.command?.command, 'apiAudio.files.open');
    });

    it('shows a file that is still processing, and one that failed, with their state', async () => {
      const processing = files().tree.getTreeItem(await rowAt('Voice/Takes/take-03.wav'));
      assert.match(String(processing.description), /processing…$/);
      assert.equal((processing.iconPath as vscode.ThemeIcon).id, 'sync~spin');
      assert.equal(processing.contextValue, 'stackFile.unready');
      assert.equal(processing.command?.command, 'apiAudio.files.open', 'a click says why it cannot play yet');
      const failed = files().tree.getTreeItem(await rowAt('Voice/Takes/broken-take.mp3'));
      assert.match(String(failed.description), /failed$/);
      assert.equal((failed.iconPath as vscode.ThemeIcon).id, 'error');
    });

    it('pages a folder\'s files by apiAudio.pageSize with Show more…', async () => {
      const folderId = t.emulator.control.files.addFolder({ folderName: 'Many' });
      t.emulator.control.files.addFilesBulk(25, { folderId, prefix: 'many' });
      await setSetting('pageSize', 10);
      await files().browser.refresh();
      const many = await rowAt('Many');
      let rows = await children(many);
      assert.equal(rows.filter((row) => row.kind === 'file').length, 10);
      const more = rows.at(-1)!;
      assert.equal(labelOf(more), 'Show more…');

      await vscode.commands.executeCommand('apiAudio.files.showMore', more);
      rows = await children(many);
      assert.equal(rows.filter((row) => row.kind === 'file').length, 20);
      await vscode.commands.executeCommand('apiAudio.files.showMore', rows.at(-1));
      rows = await children(many);
      assert.equal(rows.filter((row) => row.kind === 'file').length, 25);
      assert.ok(!rows.some((row) => row.kind === 'filesMore'), 'no Show more… after the last page');
      const pages = t.emulator.control.requests.filter((request) => request.path === `/folders/${folderId}/files`).map((request) => `${request.query.limit}/${request.query.offset}`);
      assert.deepEqual(pages, ['10/0', '10/10', '10/20']);
    });

    it('a failed Refresh keeps the listing under "Could not refresh" with Retry; with nothing listed, the welcome for the state; a rejected key\'s welcome', async () => {
      const before = (await children()).map(labelOf);
      t.emulator.control.failNext(1, 400, { path: '/folders', body: JSON.stringify({ message: 'Validation failed', errors: ['bad request'] }) });
      await vscode.commands.executeCommand('apiAudio.files.refresh');
      const rows = await children();
      const first = files().tree.getTreeItem(rows[0]);
      assert.match(String(first.label), /^Could not refresh: showing the listing from /);
      assert.match(String(first.description), /Validation failed/);
      assert.equal(first.command?.command, 'apiAudio.files.refresh');
      assert.deepEqual(rows.slice(1).map(labelOf), before, 'what was shown stays');
      assert.match(files().view.message ?? '', /^Could not refresh: .*Validation failed/, 'the reason in full above the listing');
      t.emulator.control.reset();
      await vscode.commands.executeCommand('apiAudio.files.refresh', rows[0]);
      assert.deepEqual((await children()).map(labelOf), before, 'Retry lists the root; the message row goes');
      assert.equal(files().view.message, undefined);

      // Nothing listed yet (a new key, say) and the root fails: no cut-off row, the welcome for "failed".
      files().browser.clear('idle');
      t.emulator.control.failNext(1, 400, { path: '/folders', body: JSON.stringify({ message: 'Validation failed', errors: ['bad request'] }) });
      await files().browser.refresh();
      assert.equal(files().browser.state.kind, 'failed');
      assert.deepEqual(await children(), []);
      await vscode.commands.executeCommand('apiAudio.files.refresh');
      assert.deepEqual((await children()).map(labelOf), before, 'Retry from the welcome lists the root');

      // A folder that fails says so under it; its Retry lists that folder again.
      const bedsId = filesSeedFolderId('Music/Beds');
      t.emulator.control.failNext(1, 400, { path: `/folders/${bedsId}`, body: JSON.stringify({ message: 'Validation failed' }) });
      const beds = await rowAt('Music/Beds');
      const musicLists = folderGets(filesSeedFolderId('Music'));
      const [failedRow] = await children(beds);
      assert.equal(labelOf(failedRow), 'Could not list Music/Beds');
      await vscode.commands.executeCommand('apiAudio.files.refresh', failedRow);
      assert.deepEqual((await children(beds)).map(labelOf), ['Ambient', 'corporate-bed.mp3', 'upbeat-bed.wav']);
      assert.equal(folderGets(filesSeedFolderId('Music')), musicLists, 'the folder above was not listed again');

      await t.hooks.services.apiKeys.store(OTHER_VALID_LOOKING_KEY);
      await files().clients.settled();
      await files().browser.refresh();
      assert.equal(files().browser.state.kind, 'authFailed');
      assert.deepEqual(await children(), [], 'the welcome asks for another key');
    });
  });

  describe('File commands', () => {
    const activeTabUri = () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      if (input instanceof vscode.TabInputCustom) return { viewType: input.viewType, uri: input.uri.toString() };
      return undefined;
    };

    it('plays a file in the audio preview from a local copy, downloaded once', async () => {
      const row = (await rowAt('Music/Beds/Ambient/calm-pad.wav')) as FileNode;
      const id = row.file.fileId;
      const local = path.join(t.hooks.services.context.globalStorageUri.fsPath, 'media', `audiostack-${id}`, 'calm-pad.wav');
      fs.rmSync(path.dirname(local), { recursive: true, force: true });

      await vscode.commands.executeCommand('apiAudio.files.open', row);

      const tab = await waitFor(() => activeTabUri(), 'the audio preview tab');
      assert.deepEqual(tab, { viewType: 'vscode.audioPreview', uri: `apiaudio-media:/audiostack-${id}/calm-pad.wav` });
      assert.ok(fs.readFileSync(local).equals(t.emulator.control.files.getStoredBytes(id)!));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('apiAudio.files.open', row);
      assert.equal(fileGets().length, 1, 'the local copy is reused');
    });

    it('downloads to the chosen folder and asks before replacing a file there', async () => {
      const row = (await rowAt('Music/Beds/upbeat-bed.wav')) as FileNode;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-download-'));
      t.human.showOpenDialog.resolves([vscode.Uri.file(dir)]);

      await vscode.commands.executeCommand('apiAudio.files.download', row);
      const bytes = t.emulator.control.files.getStoredBytes(row.file.fileId)!;
      assert.ok(fs.readFileSync(path.join(dir, 'upbeat-bed.wav')).equals(bytes));
      assert.ok(messages(t.human.showInformationMessage).includes(`Downloaded upbeat-bed.wav to ${dir}.`), messages(t.human.showInformationMessage).join('\n'));

      t.human.showWarningMessage.resolves('Keep Both' as never);
      await vscode.commands.executeCommand('apiAudio.files.download', row);
      assert.match(messages(t.human.showWarningMessage)[0], /^upbeat-bed\.wav already exists in /);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['upbeat-bed (1).wav', 'upbeat-bed.wav']);
      assert.ok(fs.readFileSync(path.join(dir, 'upbeat-bed (1).wav')).equals(bytes));
    });

    it('copies the file ID and a download link that works without the key', async () => {
      const row = (await rowAt('jingle.mp3')) as FileNode;
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('apiAudio.files.copyFileId', row);
      assert.equal(await vscode.env.clipboard.readText(), filesSeedFileId('jingle.mp3'));

      await vscode.commands.executeCommand('apiAudio.files.copyDownloadLink', row);
      const link = await vscode.env.clipboard.readText();
      assert.ok(link.startsWith(t.emulator.url), link);
      const response = await fetch(link);
      assert.equal(response.status, 200);
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(t.emulator.control.files.getStoredBytes(row.file.fileId)!));
      assert.match(messages(t.human.showInformationMessage).at(-1)!, /^Copied the download link for jingle\.mp3\. .*Do not share it/);
    });

    it('from the palette, offers the loaded files with their folders (only finished ones for Download) and acts on the ones picked', async () => {
      await rowAt('Music/Beds/Ambient/calm-pad.wav');
      await rowAt('Voice/Takes/take-03.wav');
      t.human.showQuickPick.callsFake((async (items: readonly (vscode.QuickPickItem & { node: FileNode })[]) =>
        items.filter((item) => item.label === 'calm-pad.wav' || item.label === 'jingle.mp3')) as never);
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('apiAudio.files.copyFileId');
      // In the tree's order: a folder's files before the root's own (folders come first).
      assert.equal(await vscode.env.clipboard.readText(), `${filesSeedFileId('Music/Beds/Ambient/calm-pad.wav')}\n${filesSeedFileId('jingle.mp3')}`);
      const offered = t.human.showQuickPick.firstCall.args[0] as readonly vscode.QuickPickItem[];
      const calm = offered.find((item) => item.label === 'calm-pad.wav');
      assert.equal(calm?.description, 'Music/Beds/Ambient');
      assert.ok(offered.some((item) => item.label === 'take-03.wav'), 'Copy File ID offers a file still processing');
      assert.deepEqual(t.human.showQuickPick.firstCall.args[1], {
        title: 'Copy AudioStack File IDs',
        placeHolder: 'Type part of a file name or folder; Space checks a file, Enter confirms',
        matchOnDescription: true,
        matchOnDetail: true,
        canPickMany: true,
      });

      t.human.showQuickPick.resetHistory();
      t.human.showQuickPick.resolves(undefined as never);
      await vscode.commands.executeCommand('apiAudio.files.download');
      const downloadable = (t.human.showQuickPick.firstCall.args[0] as readonly vscode.QuickPickItem[]).map((item) => item.label);
      assert.ok(downloadable.includes('calm-pad.wav') && !downloadable.includes('take-03.wav'), downloadable.join(', '));
      assert.equal(t.human.showOpenDialog.callCount, 0, 'Escape in the picker downloads nothing and asks nothing more');
    });

    it('from a keybinding, acts on the focused row, or on the selection when that row is part of it', async () => {
      const jingle = (await rowAt('jingle.mp3')) as FileNode;
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('apiAudio.files.copyFileId', [jingle]);
      assert.equal(await vscode.env.clipboard.readText(), filesSeedFileId('jingle.mp3'));
      await vscode.commands.executeCommand('apiAudio.files.copyFileId', [{ kind: 'folder' }]);
      assert.equal(await vscode.env.clipboard.readText(), filesSeedFileId('jingle.mp3'), 'a folder row copies nothing');
    });

    it('says why a file still processing cannot be played, with a next step', async () => {
      const row = await rowAt('Voice/Takes/take-03.wav');
      await vscode.commands.executeCommand('apiAudio.files.open', row);
      const [error] = messages(t.human.showErrorMessage);
      assert.match(error, /take-03\.wav is still processing on AudioStack; .*Try again in a moment\./);
      const failed = await rowAt('Voice/Takes/broken-take.mp3');
      await vscode.commands.executeCommand(files().tree.getTreeItem(failed).command!.command, failed);
      assert.match(messages(t.human.showErrorMessage).at(-1)!, /^AudioStack could not process broken-take\.mp3 \(status "failed"\), so it cannot be played or downloaded\. Check that it is an audio file, then upload it again\./);
    });
  });
});
