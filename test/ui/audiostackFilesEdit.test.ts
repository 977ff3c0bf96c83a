// A person changes AudioStack Files from the view with the keyboard: a new folder typed
// into the box (told while typing that the name is taken), a file renamed with F2, a file
// moved by walking the folder picker with the arrow keys, and a folder with contents deleted
// after a confirmation that counts them. Each result is checked in the tree.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useWorkbench } from './session';
import { UI_KEY } from './workbench';

describe('UI: changing AudioStack Files', () => {
  const t = useWorkbench();
  const page = () => t.workbench.page;
  const store = () => t.workbench.emulator.control.files;
  const focusedRow = () => t.ui.tree.locator('.monaco-list-row.focused');
  const focusedOption = () => t.ui.quickInput.locator('.monaco-list-row.focused');

  before(async () => {
    await t.ui.setApiKey(UI_KEY);
    await t.ui.command('api.audio: Show AudioStack Files');
    await t.ui.treeItem('Folder Music').waitFor();
    await t.ui.clearNotifications();
  });

  /** Puts the keyboard on the first row, then moves down with the arrow key until it is on `name`. */
  const keyTo = async (name: RegExp) => {
    const first = t.ui.tree.getByRole('treeitem').first();
    await first.click();
    await focusedRow().and(first).waitFor();
    for (let step = 0; step < 30; step++) {
      const label = (await focusedRow().getAttribute('aria-label')) ?? '';
      if (name.test(label)) return;
      await page().keyboard.press('ArrowDown');
      await focusedRow().and(t.ui.tree.locator(`[aria-label]:not([aria-label="${label.replace(/"/g, '\\"')}"])`)).waitFor();
    }
    throw new Error(`no row ${name} below the first one`);
  };
  /** Opens the folder the keyboard is on (Right arrow) and waits for its first row `child`. */
  const open = async (folder: RegExp, child: RegExp) => {
    await page().keyboard.press('ArrowRight');
    await t.ui.waitForAttribute(t.ui.treeItem(folder), 'aria-expanded', 'true');
    await t.ui.treeItem(child).waitFor();
  };
  /** In the open quick pick: arrow down until the active row matches, as a person reads the list. */
  const arrowToOption = async (name: RegExp) => {
    const seen: string[] = [];
    for (let step = 0; step < 15; step++) {
      await focusedOption().first().waitFor();
      seen.push((await focusedOption().first().getAttribute('aria-label')) ?? '');
      if (name.test(seen.at(-1)!)) return;
      const before = await focusedOption().first().getAttribute('aria-label');
      await page().keyboard.press('ArrowDown');
      await t.ui.quickInput.locator(`.monaco-list-row.focused:not([aria-label="${(before ?? '').replace(/"/g, '\\"')}"])`).waitFor();
    }
    throw new Error(`no option ${name} in the quick pick: ${seen.join(' | ')}`);
  };
  const selected = (row: Locator) => t.ui.waitForAttribute(row, 'aria-selected', 'true');

  it('creates a folder inside the folder the keyboard is on, saying while typing that a name is taken', async () => {
    await keyTo(/^Folder Voice$/);
    await open(/^Folder Voice$/, /^Folder Takes$/);
    await page().keyboard.press('Shift+F10');
    await t.ui.pickMenuItem('New Folder…');
    await t.ui.quickInput.filter({ hasText: 'New Folder in Voice' }).waitFor();
    await t.ui.typeLikeAPerson('Takes', 3);
    const message = t.ui.quickInput.locator('.quick-input-message');
    await message.filter({ hasText: 'There is already a folder "Takes" in Voice. Choose another name.' }).waitFor();
    await t.ui.typeLikeAPerson(' 2');
    await message.filter({ hasText: 'There is already a folder' }).waitFor({ state: 'detached' }).catch(async () => {
      await message.filter({ hasText: 'There is already a folder' }).waitFor({ state: 'hidden' });
    });
    await page().keyboard.press('Enter');

    const row = t.ui.treeItem(/^Folder Takes 2$/);
    await row.waitFor();
    await selected(row);
    const voice = store().listFolders().find((folder) => folder.folderName === 'Voice')!;
    assert.ok(store().listFolders().some((folder) => folder.folderName === 'Takes 2' && folder.parentFolderId === voice.folderId));
  });

  it('renames the file the keyboard is on with F2: typing replaces the name and keeps the extension', async () => {
    await keyTo(/^jingle\.mp3, /);
    await page().keyboard.press('F2');
    await t.ui.quickInput.filter({ hasText: 'Rename jingle.mp3' }).waitFor();
    assert.equal(await t.ui.quickInputBox.inputValue(), 'jingle.mp3');
    await t.ui.typeLikeAPerson('station-ident', 7);
    assert.equal(await t.ui.quickInputBox.inputValue(), 'station-ident.mp3');
    await page().keyboard.press('Enter');

    const row = t.ui.treeItem(/^station-ident\.mp3, /);
    await row.waitFor();
    await selected(row);
    await focusedRow().and(row).waitFor();
    assert.equal(await t.ui.treeItem(/^jingle\.mp3, /).count(), 0);
    assert.ok(store().listFiles().some((file) => file.fileName === 'station-ident.mp3'));
  });

  it('moves a file with Move to Folder…, walking the folder picker with the arrow keys and Enter', async () => {
    await keyTo(/^Folder Sound Effects$/);
    await open(/^Folder Sound Effects$/, /^whoosh\.wav, /);
    await keyTo(/^whoosh\.wav, /);
    await page().keyboard.press('Shift+F10');
    await t.ui.pickMenuItem('Move to Folder…');
    await t.ui.quickInput.filter({ hasText: 'Move whoosh.wav to…' }).waitFor();
    // The file's own folder cannot be chosen; Music can: go into it, then choose it.
    await t.ui.quickPickOption(/Sound Effects.*the file is already here/).waitFor();
    // Screen readers hear each row's icon first ("folder  Music"), as the list reads them.
    await arrowToOption(/^folder\s+Music$/);
    await page().keyboard.press('Enter');
    await t.ui.quickInput.filter({ hasText: '/Music' }).waitFor();
    await t.ui.quickPickOption(/^folder\s+Beds$/).waitFor();
    assert.match((await focusedOption().first().getAttribute('aria-label')) ?? '', /^check\s+Move Here, Music$/);
    await page().keyboard.press('Enter');
    await t.ui.notification('Moved whoosh.wav to Music.').waitFor();

    await t.ui.waitForNone(t.ui.treeItem(/^whoosh\.wav, /));
    await keyTo(/^Folder Music$/);
    await open(/^Folder Music$/, /^whoosh\.wav, /);
    const music = store().listFolders().find((folder) => folder.folderName === 'Music')!;
    assert.ok(store().listFiles().some((file) => file.fileName === 'whoosh.wav' && file.folderId === music.folderId));
    await t.ui.clearNotifications();
  });

  it('deletes a folder with its contents after a confirmation that counts them, answered with the keyboard', async () => {
    const old = store().addFolder({ folderName: 'Old Takes' });
    store().addFile({ fileName: 'old-1.wav', folderId: old });
    store().addFile({ fileName: 'old-2.wav', folderId: old });
    const inner = store().addFolder({ folderName: 'Older', parentFolderId: old });
    store().addFile({ fileName: 'old-3.wav', folderId: inner });
    await t.ui.command('AudioStack: Refresh AudioStack Files');
    await t.ui.treeItem(/^Folder Old Takes$/).waitFor();

    await keyTo(/^Folder Old Takes$/);
    await page().keyboard.press('Delete');
    const modal = t.ui.modal;
    await modal.waitFor();
    assert.match(await modal.innerText(), /Delete the folder 'Old Takes' and the 3 files and 1 subfolder in it from AudioStack\?/);
    // A person checks which button has the focus, Tabs to the one that deletes if needed
    // (the dialog opens on its first button, as api.audio Media's Delete does), and presses Enter.
    const destructive = modal.getByRole('button', { name: 'Delete Folder and Its Contents' });
    for (let step = 0; step < 4 && !(await destructive.evaluate((button) => button === button.ownerDocument.activeElement)); step++) {
      await page().keyboard.press('Tab');
    }
    await page().keyboard.press('Enter');
    await modal.waitFor({ state: 'hidden' });

    await t.ui.waitForNone(t.ui.treeItem(/^Folder Old Takes$/));
    assert.equal(store().listFolders().some((folder) => folder.folderId === old || folder.folderId === inner), false);
    assert.equal(store().listFiles().some((file) => file.folderId === old || file.folderId === inner), false);
  });
});
