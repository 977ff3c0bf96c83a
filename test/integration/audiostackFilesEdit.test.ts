// Changing AudioStack Files from the view, the palette and the keyboard: New Folder…,
// Rename…, Copy/Move to Folder…, Delete… (a folder with its contents), and drag and drop.
// Each change is checked in the emulator's store and in the tree; only the person is stubbed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as sinon from 'sinon';
import * as vscode from 'vscode';
import type { FileNode, FilesTreeNode, FolderNode } from '../../src/tree/audiostack/filesTreeProvider';
import { filesSeedFolderId, makeWavTone } from '../emulator';
import { filesRows, scriptFolderPicker, showFilesViewForEachTest } from './filesHelpers';
import { messages, setSetting, useSeededExtension, waitFor } from './helpers';
import { workspaceScratch } from './transferHelpers';

describe('Changing AudioStack Files', function () {
  const t = useSeededExtension();
  const files = () => t.hooks.services.files;
  const { labelOf, children, rowAt } = filesRows(t);
  const store = () => t.emulator.control.files;
  const keyboard = (node: FilesTreeNode) => [node];
  const filesIn = (folderId: string) =>
    store()
      .listFiles()
      .filter((file) => file.folderId === folderId)
      .map((file) => file.fileName)
      .sort();
  const foldersIn = (folderId: string) =>
    store()
      .listFolders()
      .filter((folder) => folder.parentFolderId === folderId)
      .map((folder) => folder.folderName)
      .sort();
  const selected = () => files().view.selection.map((node) => node.id);
  /** A folder of its own for one test (under `parent`, the top level by default), listed afresh in the tree. */
  const scratchFolder = async (name: string, contents: string[] = [], parent?: string): Promise<string> => {
    const folderId = store().addFolder({ folderName: name, parentFolderId: parent });
    for (const fileName of contents) store().addFile({ fileName, folderId });
    await files().browser.refresh();
    t.emulator.control.reset();
    return folderId;
  };
  const inputBox = () => t.human.showInputBox.lastCall.args[0] as vscode.InputBoxOptions;
  const validate = async (value: string) => (inputBox().validateInput ? await inputBox().validateInput!(value) : undefined);
  const lastMessage = (stub: sinon.SinonStub) => messages(stub).at(-1) ?? '';

  showFilesViewForEachTest(t);
  describe('New Folder…', () => {
    it('on a folder row, creates inside it after checking the name as typed, then selects the new row', async () => {
      const beds = (await rowAt('Music/Beds')) as FolderNode;
      await children(beds);
      t.emulator.control.reset();
      t.human.showInputBox.resolves('Loops');
      await vscode.commands.executeCommand('apiAudio.files.newFolder', beds);

      assert.deepEqual(foldersIn(beds.folder.folderId), ['Ambient', 'Loops']);
      assert.equal(await validate(''), 'Enter a folder name.');
      assert.equal(await validate('a/b'), 'A folder name cannot contain "/" or "\\".');
      assert.equal(await validate('..'), 'A folder cannot be named "..".');
      assert.equal(await validate('Ambient'), 'There is already a folder "Ambient" in Music/Beds. Choose another name.');
      assert.equal(await validate('Pads'), undefined);
      assert.equal(inputBox().title, 'New Folder in Music/Beds');

      assert.deepEqual((await children(beds)).map(labelOf), ['Ambient', 'Loops', 'corporate-bed.mp3', 'upbeat-bed.wav']);
      const created = store().listFolders().find((folder) => folder.folderName === 'Loops')!;
      await waitFor(() => selected()[0] === `folder:${created.folderId}`, 'the new folder selected');
      const lists = new Set(t.emulator.control.requests.filter((request) => request.method === 'GET').map((request) => request.path));
      assert.ok(lists.has(`/folders/${beds.folder.folderId}`) && lists.has(`/folders/${beds.folder.folderId}/files`), 'Music/Beds was listed again');
      // Nothing above it: not Music, not the root (a subfolder remembered as open may be listed when its row is drawn).
      assert.deepEqual([...lists].filter((listed) => listed === '/folders' || listed.startsWith(`/folders/${filesSeedFolderId('Music')}`)), []);
    });

    it('from the palette outside the view, asks for the parent with the folder picker, keeping a name typed there', async () => {
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor(() => !files().view.visible, 'the AudioStack Files view hidden');
      const voice = filesSeedFolderId('Voice');
      const picker = scriptFolderPicker(t.human, ['Voice', 'Create the Folder Here'], { typedBeforeLast: 'Retakes' });
      t.human.showInputBox.callsFake((async (options: vscode.InputBoxOptions) => `  ${options.value} `) as never);
      await vscode.commands.executeCommand('apiAudio.files.newFolder');
      assert.deepEqual(foldersIn(voice), ['Retakes', 'Takes']);
      assert.equal(picker.screens[0].title, 'New Folder in… — / (top level)');
      assert.deepEqual(picker.screens[1].rows.slice(0, 3), ['Create the Folder Here — Voice', 'Up — top level', 'Takes']);
      assert.equal(inputBox().title, 'New Folder in Voice');
      assert.equal(inputBox().value, 'Retakes', 'the name typed into the picker is in the name box');

      // Escape in the picker creates nothing and asks nothing more (the new row was revealed: hide the view again).
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor(() => !files().view.visible, 'the AudioStack Files view hidden');
      t.human.showInputBox.resetHistory();
      scriptFolderPicker(t.human, [], { escape: true });
      await vscode.commands.executeCommand('apiAudio.files.newFolder');
      assert.equal(t.human.showInputBox.callCount, 0);
    });

    it('from the view title, creates beside the selected row: a file\'s own folder', async () => {
      const take = await rowAt('Voice/Takes/take-01.wav');
      await files().view.reveal(take, { select: true, focus: false });
      await waitFor(() => files().view.selection[0]?.id === take.id, 'take-01.wav selected');
      t.human.showInputBox.resolves('Outtakes');
      await vscode.commands.executeCommand('apiAudio.files.newFolder');
      assert.equal(t.human.createQuickPick.callCount, 0, 'no folder picker');
      assert.equal(inputBox().title, 'New Folder in Voice/Takes');
      assert.deepEqual(foldersIn(filesSeedFolderId('Voice/Takes')), ['Outtakes']);
    });

    it('says why AudioStack refused a name, with a next step', async () => {
      const empty = await rowAt('Empty');
      t.emulator.control.failNext(1, 409, { path: '/folders', body: JSON.stringify({ message: 'A folder with this name already exists', errors: ['"Dup" is already a folder here'] }) });
      t.human.showInputBox.resolves('Dup');
      await vscode.commands.executeCommand('apiAudio.files.newFolder', empty);
      assert.match(lastMessage(t.human.showErrorMessage), /already exists/);
      assert.deepEqual(t.human.showErrorMessage.lastCall.args.slice(1), ['Show Log']);
    });
  });

  describe('Rename…', () => {
    it('renames a file from the keyboard (F2\'s arguments): the base name preselected, the row still selected after', async () => {
      const folderId = await scratchFolder('Renames', ['night-drone.mp3', 'other.mp3']);
      const row = (await rowAt('Renames/night-drone.mp3')) as FileNode;
      t.human.showInputBox.resolves('night-pad.mp3');
      await vscode.commands.executeCommand('apiAudio.files.rename', keyboard(row));

      assert.equal(inputBox().value, 'night-drone.mp3');
      assert.deepEqual(inputBox().valueSelection, [0, 'night-drone'.length]);
      assert.equal(await validate('other.mp3'), 'There is already a file "other.mp3" in Renames. Choose another name.');
      assert.equal(await validate('night-drone.mp3'), undefined, 'its own name is not "taken"');
      assert.deepEqual(filesIn(folderId), ['night-pad.mp3', 'other.mp3']);
      const folder = await rowAt('Renames');
      assert.deepEqual((await children(folder)).map(labelOf), ['night-pad.mp3', 'other.mp3']);
      await waitFor(() => selected()[0] === row.id, 'the renamed row selected');
    });

    it('renames a folder picked in the palette; its rows keep their place', async () => {
      const parent = await scratchFolder('Outer');
      const innerId = store().addFolder({ folderName: 'Inner', parentFolderId: parent });
      store().addFolder({ folderName: 'Sibling', parentFolderId: parent });
      await files().browser.refresh();
      await children(await rowAt('Outer'));
      t.human.showQuickPick.callsFake((async (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label === '$(folder) Inner' && item.description === 'Outer/Inner')) as never);
      t.human.showInputBox.resolves('Renamed');
      await vscode.commands.executeCommand('apiAudio.files.rename');

      assert.equal(await validate('Sibling'), 'There is already a folder "Sibling" in Outer. Choose another name.');
      assert.deepEqual(inputBox().valueSelection, [0, 'Inner'.length]);
      assert.deepEqual(foldersIn(parent), ['Renamed', 'Sibling']);
      assert.deepEqual((await children(await rowAt('Outer'))).map(labelOf), ['Renamed', 'Sibling']);
      await waitFor(() => selected()[0] === `folder:${innerId}`, 'the renamed folder selected');
      const offered = (t.human.showQuickPick.firstCall.args[0] as readonly vscode.QuickPickItem[]).map((item) => item.label);
      assert.ok(offered.includes('$(file) jingle.mp3') && offered.includes('$(folder) Music'), offered.join(', '));
    });

    it('does nothing when the name is unchanged or the box is dismissed', async () => {
      const row = await rowAt('jingle.mp3');
      t.human.showInputBox.resolves('jingle.mp3');
      await vscode.commands.executeCommand('apiAudio.files.rename', row);
      t.human.showInputBox.resolves(undefined);
      await vscode.commands.executeCommand('apiAudio.files.rename', row);
      assert.deepEqual(t.emulator.control.requests.filter((request) => request.method !== 'GET'), []);
    });
  });

  describe('Copy to Folder… and Move to Folder…', () => {
    it('copies a file from its row into the folder walked to in the picker', async () => {
      const source = await scratchFolder('CopyFrom', ['bed.wav']);
      const target = await scratchFolder('CopyTo');
      await children(await rowAt('CopyTo'));
      const row = await rowAt('CopyFrom/bed.wav');
      scriptFolderPicker(t.human, ['CopyTo', 'Copy Here']);
      await vscode.commands.executeCommand('apiAudio.files.copyToFolder', row);
      assert.deepEqual(filesIn(source), ['bed.wav']);
      assert.deepEqual(filesIn(target), ['bed.wav']);
      assert.deepEqual((await children(await rowAt('CopyTo'))).map(labelOf), ['bed.wav'], 'the open target folder was listed again');
      assert.equal(lastMessage(t.human.showInformationMessage), 'Copied bed.wav to CopyTo.');
    });

    it('moves several files picked in the palette; their own folder cannot be chosen', async () => {
      const source = await scratchFolder('MoveFrom', ['a.wav', 'b.wav', 'c.wav']);
      const target = await scratchFolder('MoveTo');
      await children(await rowAt('MoveFrom'));
      t.human.showQuickPick.callsFake((async (items: readonly vscode.QuickPickItem[]) => items.filter((item) => item.label === 'a.wav' || item.label === 'c.wav')) as never);
      const picker = scriptFolderPicker(t.human, ['MoveFrom', 'Up', 'MoveTo', 'Move Here']);
      await vscode.commands.executeCommand('apiAudio.files.moveToFolder');

      assert.equal(picker.screens[1].rows[0], 'Move Here — MoveFrom — some of the files are here');
      assert.equal(picker.screens[0].title, 'Move 2 files to… — / (top level)');
      assert.deepEqual(filesIn(source), ['b.wav']);
      assert.deepEqual(filesIn(target), ['a.wav', 'c.wav']);
      assert.deepEqual((await children(await rowAt('MoveFrom'))).map(labelOf), ['b.wav'], 'the source folder was listed again');
      assert.deepEqual((await children(await rowAt('MoveTo'))).map(labelOf), ['a.wav', 'c.wav']);
      assert.equal(lastMessage(t.human.showInformationMessage), 'Moved 2 files to MoveTo.');
      // Each original was deleted only after its copy was confirmed.
      const calls = t.emulator.control.requests.filter((r) => r.method !== 'GET' || /^\/files\/[0-9a-f-]{36}$/.test(r.path)).map((r) => r.method);
      assert.deepEqual(calls.filter((m) => m !== 'GET').length, 4);
      for (let i = 0; i < calls.length; i++) if (calls[i] === 'DELETE') assert.ok(calls.slice(0, i).includes('GET'), `a DELETE before any confirmation: ${calls.join(' ')}`);
    });

    it('keeps the copy and says so when the original cannot be deleted; Retry deletes only the original', async () => {
      const source = await scratchFolder('Stubborn', ['keep.wav']);
      const target = await scratchFolder('Elsewhere');
      const row = (await rowAt('Stubborn/keep.wav')) as FileNode;
      t.emulator.control.failNext(1, 500, { path: `/files/${row.file.fileId}`, method: 'DELETE', body: JSON.stringify({ message: 'Internal error' }) });
      let retry: () => void = () => undefined;
      t.human.showErrorMessage.callsFake((async (_message: string, ...actions: string[]) => {
        if (actions.includes('Retry')) return new Promise((resolve) => (retry = () => resolve('Retry')));
        return undefined;
      }) as never);
      scriptFolderPicker(t.human, ['Elsewhere', 'Move Here']);
      await vscode.commands.executeCommand('apiAudio.files.moveToFolder', row);

      assert.deepEqual(filesIn(source), ['keep.wav'], 'the original is kept');
      assert.deepEqual(filesIn(target), ['keep.wav'], 'the copy stays');
      const message = lastMessage(t.human.showErrorMessage);
      assert.match(message, /^Could not finish moving keep\.wav\. keep\.wav was copied to Elsewhere, but its original was kept \(.*500.*\): it is in both folders now\.$/);
      assert.deepEqual(t.human.showErrorMessage.lastCall.args.slice(1), ['Retry', 'Show Log']);

      const copies = t.emulator.control.requests.filter((request) => request.path === '/files/copy').length;
      retry();
      await waitFor(() => filesIn(source).length === 0, 'the original deleted by Retry');
      assert.deepEqual(filesIn(target), ['keep.wav']);
      assert.equal(t.emulator.control.requests.filter((request) => request.path === '/files/copy').length, copies, 'Retry made no second copy');
    });
  });

  describe('Delete…', () => {
    it('deletes files after one confirmation naming the count, whose only button is the destructive one', async () => {
      const folderId = await scratchFolder('Bin', ['one.wav', 'two.wav', 'three.wav', 'keep.wav']);
      const rows = (await children(await rowAt('Bin'))).filter((row) => labelOf(row) !== 'keep.wav');
      await vscode.commands.executeCommand('apiAudio.files.delete', rows[0], rows);
      const [question, options, ...buttons] = t.human.showWarningMessage.lastCall.args as unknown as [string, vscode.MessageOptions, ...string[]];
      assert.equal(question, 'Delete 3 files from AudioStack? This cannot be undone.');
      assert.equal(options.modal, true);
      assert.deepEqual(buttons, ['Delete']);
      assert.equal(filesIn(folderId).length, 4, 'dismissed: nothing deleted');

      t.human.showWarningMessage.resolves('Delete' as never);
      await vscode.commands.executeCommand('apiAudio.files.delete', rows[0], rows);
      assert.deepEqual(filesIn(folderId), ['keep.wav']);
      assert.deepEqual((await children(await rowAt('Bin'))).map(labelOf), ['keep.wav']);
    });

    it('keeps the place as the Explorer does: the row after the deleted one is selected, the one before when it was last', async () => {
      await scratchFolder('Place', ['a-place.wav', 'b-place.wav', 'c-place.wav']);
      const row = async (name: string) => (await children(await rowAt('Place'))).find((node) => labelOf(node) === name)!;
      const selectedName = () => {
        const [node] = files().view.selection;
        return node?.kind === 'file' ? node.file.fileName : undefined;
      };
      t.human.showWarningMessage.resolves('Delete' as never);

      await vscode.commands.executeCommand('apiAudio.files.delete', await row('b-place.wav'));
      await waitFor(() => selectedName() === 'c-place.wav', 'c-place.wav selected after b-place.wav went');

      // As the Delete key gives it: [the focused row].
      await vscode.commands.executeCommand('apiAudio.files.delete', [await row('c-place.wav')]);
      await waitFor(() => selectedName() === 'a-place.wav', 'a-place.wav selected after the last row went');
    });

    it('from the palette, deletes the folders and files checked in the picker after one confirmation naming both', async () => {
      const folderId = await scratchFolder('Palette', ['loose.wav']);
      const inner = store().addFolder({ folderName: 'Gone', parentFolderId: folderId });
      store().addFile({ fileName: 'inside.wav', folderId: inner });
      await files().browser.refresh();
      await children(await rowAt('Palette'));
      t.human.showQuickPick.callsFake((async (items: readonly vscode.QuickPickItem[]) =>
        items.filter((item) => item.label === '$(folder) Gone' || item.label === '$(file) loose.wav')) as never);
      t.human.showWarningMessage.resolves('Delete Folder and Its Contents' as never);
      await vscode.commands.executeCommand('apiAudio.files.delete');

      const [question, options, ...buttons] = t.human.showWarningMessage.lastCall.args as unknown as [string, vscode.MessageOptions, ...string[]];
      assert.equal(question, 'Delete 1 file and 1 folder from AudioStack? This cannot be undone.');
      assert.match(String(options.detail), /^Palette\/Gone\/ \(1 file\)\nPalette\/loose\.wav\n/);
      assert.deepEqual(buttons, ['Delete Folder and Its Contents']);
      assert.equal(t.human.showQuickPick.firstCall.args[1]?.canPickMany, true);
      assert.deepEqual(filesIn(folderId), []);
      assert.deepEqual(foldersIn(folderId), []);
      assert.deepEqual(await children(await rowAt('Palette')), []);
    });

    it('deletes an empty folder after the plain confirmation', async () => {
      const parent = await scratchFolder('Parent');
      store().addFolder({ folderName: 'Hollow', parentFolderId: parent });
      await files().browser.refresh();
      const hollow = await rowAt('Parent/Hollow');
      t.human.showWarningMessage.resolves('Delete' as never);
      await vscode.commands.executeCommand('apiAudio.files.delete', keyboard(hollow));
      assert.equal(lastMessage(t.human.showWarningMessage), "Delete the folder 'Hollow' from AudioStack? This cannot be undone.");
      assert.deepEqual(t.human.showWarningMessage.lastCall.args.slice(2), ['Delete']);
      assert.deepEqual(foldersIn(parent), []);
      assert.deepEqual(await children(await rowAt('Parent')), []);
    });

    it('deletes a folder with its contents, deepest first, after a confirmation that counts them (from the keyboard)', async () => {
      const top = await scratchFolder('Attic', ['a1.wav', 'a2.wav']);
      const sub = store().addFolder({ folderName: 'Boxes', parentFolderId: top });
      store().addFile({ fileName: 'b1.wav', folderId: sub });
      const deeper = store().addFolder({ folderName: 'Deeper', parentFolderId: sub });
      store().addFile({ fileName: 'd1.wav', folderId: deeper });
      await files().browser.refresh();
      const attic = (await rowAt('Attic')) as FolderNode;
      t.emulator.control.reset();
      t.human.showWarningMessage.resolves('Delete Folder and Its Contents' as never);
      await vscode.commands.executeCommand('apiAudio.files.delete', keyboard(attic));

      const [question, options, ...buttons] = t.human.showWarningMessage.lastCall.args as unknown as [string, vscode.MessageOptions, ...string[]];
      assert.equal(question, "Delete the folder 'Attic' and the 4 files and 2 subfolders in it from AudioStack? This cannot be undone.");
      assert.match(String(options.detail), /^'Attic' holds 4 files and 2 subfolders\. AudioStack deletes only empty folders/);
      assert.deepEqual(buttons, ['Delete Folder and Its Contents']);
      assert.equal(store().listFolders().some((folder) => [top, sub, deeper].includes(folder.folderId)), false);
      assert.equal(store().listFiles().some((file) => [top, sub, deeper].includes(file.folderId)), false);
      // Each folder is deleted after what is in it, the deepest first.
      const order = t.emulator.control.requests.filter((request) => request.method === 'DELETE').map((request) => request.path);
      const folderDeletes = order.filter((path) => path.startsWith('/folders/'));
      assert.deepEqual(folderDeletes, [`/folders/${deeper}`, `/folders/${sub}`, `/folders/${top}`]);
      assert.ok(order.indexOf(`/folders/${deeper}`) >= 1 && order.indexOf(`/folders/${top}`) === order.length - 1, order.join(' '));
      assert.equal((await children()).some((row) => labelOf(row) === 'Attic'), false, 'the row is gone');
    });

    it('counts every page of a big folder before asking', async () => {
      const big = await scratchFolder('Big');
      store().addFilesBulk(1005, { folderId: big, prefix: 'big' });
      const row = await rowAt('Big');
      await vscode.commands.executeCommand('apiAudio.files.delete', row);
      assert.equal(lastMessage(t.human.showWarningMessage), "Delete the folder 'Big' and the 1,005 files in it from AudioStack? This cannot be undone.");
      const pages = t.emulator.control.requests.filter((request) => request.path === `/folders/${big}/files`).map((request) => request.query.offset);
      assert.deepEqual(pages, ['0', '1000']);
      assert.equal(filesIn(big).length, 1005, 'dismissed: nothing deleted');
    });

    it('deletes every file of a folder whose pages AudioStack sends smaller than asked', async () => {
      const capped = await scratchFolder('Capped');
      store().addFilesBulk(120, { folderId: capped, prefix: 'capped' });
      const row = await rowAt('Capped');
      t.emulator.control.files.capPageSize(50);
      t.human.showWarningMessage.resolves('Delete Folder and Its Contents' as never);
      await vscode.commands.executeCommand('apiAudio.files.delete', row);
      assert.equal(messages(t.human.showWarningMessage)[0], "Delete the folder 'Capped' and the 120 files in it from AudioStack? This cannot be undone.");
      const pages = t.emulator.control.requests.filter((request) => request.path === `/folders/${capped}/files`).map((request) => request.query.offset);
      assert.deepEqual(pages, ['0', '50', '100']);
      assert.deepEqual(filesIn(capped), [], 'every file deleted');
      assert.equal(store().listFolders().some((folder) => folder.folderId === capped), false, 'and then the folder');
    });

    /** Cancels the deletion after `after` items (the Cancel button of its progress notification). */
    const cancelAfter = (after: number) => {
      const original = vscode.window.withProgress;
      t.sandbox.stub(vscode.window, 'withProgress').callsFake(((options: vscode.ProgressOptions, task: (p: vscode.Progress<{ increment?: number }>, token: vscode.CancellationToken) => Thenable<unknown>) => {
        if (!String(options.title ?? '').startsWith('Deleting')) return original(options, task as never);
        const source = new vscode.CancellationTokenSource();
        let steps = 0;
        return task({ report: (value) => value.increment !== undefined && ++steps === after && source.cancel() }, source.token);
      }) as never);
    };

    it('stops when cancelled half-way and says exactly what was deleted and what is left', async () => {
      await setSetting('maxConcurrentTransfers', 1);
      const folderId = await scratchFolder('Halfway', ['h1.wav', 'h2.wav', 'h3.wav', 'h4.wav', 'h5.wav']);
      const row = await rowAt('Halfway');
      cancelAfter(2);
      t.human.showWarningMessage.callsFake((async (message: string) => (message.startsWith('Delete the folder') ? 'Delete Folder and Its Contents' : undefined)) as never);
      await vscode.commands.executeCommand('apiAudio.files.delete', row);
      assert.equal(filesIn(folderId).length, 3);
      assert.equal(lastMessage(t.human.showWarningMessage), "Deleting was cancelled. Deleted 2 files. Still on AudioStack: the folder 'Halfway' with 3 files in it.");
      assert.deepEqual((await children(await rowAt('Halfway'))).length, 3, 'the folder was listed again');
    });

    it('stops at the first failure and says what was deleted and what is left', async () => {
      await setSetting('maxConcurrentTransfers', 1);
      const folderId = await scratchFolder('Failing', ['f1.wav', 'f2.wav', 'f3.wav']);
      const second = store().listFiles().find((file) => file.folderId === folderId && file.fileName === 'f2.wav')!;
      const row = await rowAt('Failing');
      t.emulator.control.failNext(1, 500, { path: `/files/${second.fileId}`, body: JSON.stringify({ message: 'Internal error' }) });
      t.human.showWarningMessage.resolves('Delete Folder and Its Contents' as never);
      await vscode.commands.executeCommand('apiAudio.files.delete', row);
      assert.deepEqual(filesIn(folderId), ['f2.wav', 'f3.wav']);
      assert.match(
        lastMessage(t.human.showErrorMessage),
        /^Deleting stopped: Failing\/f2\.wav could not be deleted \(.*500.*\)\. Deleted 1 file\. Still on AudioStack: the folder 'Failing' with 2 files in it\.$/,
      );
      assert.equal(t.emulator.control.requests.some((request) => request.method === 'DELETE' && request.path === `/folders/${folderId}`), false);
    });
  });

  describe('Drag and drop', () => {
    const drop = async (target: FilesTreeNode | undefined, dragged: FilesTreeNode[] | vscode.DataTransfer) => {
      let data: vscode.DataTransfer;
      if (Array.isArray(dragged)) {
        data = new vscode.DataTransfer();
        t.hooks.filesDragAndDrop.handleDrag(dragged, data);
      } else data = dragged;
      await t.hooks.filesDragAndDrop.handleDrop(target, data, new vscode.CancellationTokenSource().token);
    };

    it('moves file rows dropped onto a folder row, after the Explorer\'s question; onto the empty space, to the top level', async () => {
      const source = await scratchFolder('DragFrom', ['drag-a.wav', 'drag-b.wav']);
      const target = await scratchFolder('DragTo');
      const rows = await children(await rowAt('DragFrom'));
      const into = await rowAt('DragTo');
      await drop(into, rows);
      assert.equal(lastMessage(t.human.showWarningMessage), "Move 2 files into 'DragTo'?");
      assert.deepEqual(filesIn(source), ['drag-a.wav', 'drag-b.wav'], 'declined: nothing moved');

      t.human.showWarningMessage.resolves('Move' as never);
      await drop(into, rows);
      assert.deepEqual(filesIn(source), []);
      assert.deepEqual(filesIn(target), ['drag-a.wav', 'drag-b.wav']);

      const moved = (await children(await rowAt('DragTo')))[0];
      await drop(undefined, [moved]);
      assert.equal(lastMessage(t.human.showWarningMessage), "Move 'drag-a.wav' into the top level?");
      assert.ok(filesIn(t.emulator.control.files.rootFolderId()).includes('drag-a.wav'));
      assert.ok((await children()).some((row) => labelOf(row) === 'drag-a.wav'), 'the top level was listed again');

      // Dropped onto a file of its own folder: nothing to do, nothing asked.
      t.human.showWarningMessage.resetHistory();
      const [sibling] = await children(await rowAt('DragTo'));
      await drop(sibling, [sibling]);
      assert.equal(t.human.showWarningMessage.callCount, 0);
    });

    it('uploads files dropped from the Explorer or the OS into the folder they were dropped on', async () => {
      const folder = (await rowAt('Sound Effects')) as FolderNode;
      const file = path.join(workspaceScratch('stack-drop'), 'dropped-hit.wav');
      fs.writeFileSync(file, makeWavTone(523.25, 200));
      const uri = vscode.Uri.file(file);
      const data = new vscode.DataTransfer();
      data.set('text/uri-list', new vscode.DataTransferItem(`${uri.toString()}\r\n`));
      await drop(folder, data);
      const stored = await waitFor(
        () => t.emulator.control.files.listFiles().find((entry) => entry.fileName === 'dropped-hit.wav' && entry.status === 'uploaded'),
        'the dropped file uploaded',
      );
      assert.equal(stored.folderId, folder.folder.folderId, 'uploaded into the folder it was dropped on');
      assert.ok(t.emulator.control.files.getStoredBytes(stored.fileId)!.equals(fs.readFileSync(file)));
      assert.equal(t.human.showOpenDialog.callCount + t.human.createQuickPick.callCount, 0, 'a drop asks for no file and no folder');
    });
  });
});
