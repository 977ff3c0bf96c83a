// The main journeys with a key set: browse, play, filter, find, download, upload, delete,
// the public library and a window reload.
import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ORG, makeWavTone, seedMediaId } from '../emulator';
import { useWorkbench } from './session';
import { SCREENSHOTS, UI_KEY } from './workbench';

describe('UI: the Media view with a key', () => {
  const t = useWorkbench();

  before(async () => {
    await t.ui.setApiKey(UI_KEY);
    await t.ui.clearNotifications();
  });

  it('groups the library by tag; labels say "1 file"; the hover has friendly labels', async () => {
    await t.ui.treeItem('background, 1 file').waitFor();
    assert.equal(await t.ui.tree.getByRole('treeitem', { name: /\b1 files\b/ }).count(), 0);
    const music = t.ui.treeItem('music,');
    await t.ui.expand(music);
    const theme = t.ui.treeItem('podcast-theme.mp3');
    await theme.hover();
    const tooltip = t.workbench.page.getByRole('tooltip');
    await tooltip.filter({ hasText: 'podcast-theme.mp3' }).waitFor();
    const text = (await tooltip.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Created Mar 14, 2023/);
    assert.match(text, /Duration 1\.3\ssec/);
    assert.doesNotMatch(text, /createdAt|durationSeconds|2023-03-14T/);
    await t.ui.screenshot('tree', SCREENSHOTS);
    await t.workbench.page.keyboard.press('Escape');
  });

  it('plays an item on a single click in a preview named after the file, keeping the focus in the tree', async () => {
    await t.ui.expand(t.ui.treeItem('intro,'));
    const item = t.ui.treeItem('intro-sting.mp3').first();
    await item.click();
    const tab = t.ui.editorTab('intro-sting.mp3');
    await tab.waitFor();
    // The media preview's player, and the download's progress closed.
    await t.workbench.page.frameLocator('iframe.webview').first().frameLocator('iframe').first().locator('audio').waitFor({ state: 'attached' });
    await t.ui.waitForNone(t.ui.notification('Opening intro-sting.mp3'));
    assert.ok(await t.ui.hasFocusWithin(t.ui.tree), 'the keyboard focus stays in the Media view');
    // Arrows keep working on the tree.
    await t.workbench.page.keyboard.press('ArrowUp');
    await t.ui.tree.locator('.monaco-list-row.focused').filter({ hasNotText: 'intro-sting.mp3' }).waitFor();
    // The tab and its breadcrumb name the file, not the cache folder it is kept in.
    const breadcrumbs = await t.workbench.page.locator('.part.editor .breadcrumbs-control').first().innerText();
    assert.doesNotMatch(breadcrumbs, /globalStorage|apiaudio-community/);
    await t.ui.screenshot('playing', SCREENSHOTS);
    await t.ui.closeAllEditors();
  });

  it('shows an active filter in the view, and clearing it keeps the tags expanded', async () => {
    const voice = t.ui.treeItem('voice,');
    await t.ui.expand(voice);
    await t.ui.command('api.audio: Filter by Tags…');
    await t.ui.quickPickOption('voice').waitFor();
    await t.ui.typeLikeAPerson('mus', 2);
    await t.ui.quickPickOption('voice').waitFor({ state: 'hidden' });
    await t.ui.quickPickOption('music').click();
    await t.workbench.page.keyboard.press('Enter');
    const filterRow = t.ui.treeItem(/^Filtered by tags: music/);
    await filterRow.waitFor();
    await t.ui.treeItem('voice,').waitFor({ state: 'detached' });
    // The filter row clears the filter with its inline button.
    await filterRow.hover();
    await filterRow.getByRole('button', { name: 'Clear Filter' }).click();
    await filterRow.waitFor({ state: 'detached' });
    await t.ui.waitForAttribute(t.ui.treeItem('voice,'), 'aria-expanded', 'true');
    await t.ui.waitForAttribute(t.ui.treeItem('music,'), 'aria-expanded', 'true');
  });

  it('a refresh that fails over a listing says so in a row with Retry and Show Log, and Retry repairs it', async () => {
    await t.ui.showMediaView();
    await t.ui.treeItem('intro,').waitFor();
    // Every listing request fails until the server is well again (retries included).
    t.workbench.emulator.control.failNext(50, 500, { path: '/file/customaudio' });
    await t.ui.command('api.audio: Refresh');
    const stale = t.ui.treeItem(/^Could not refresh: showing the listing from/);
    await stale.waitFor();
    // The listing stays, below the row.
    await t.ui.treeItem('intro,').waitFor();
    await stale.hover();
    await stale.getByRole('button', { name: 'Show Log' }).waitFor();
    const retry = stale.getByRole('button', { name: 'Refresh' });
    await retry.waitFor();
    t.workbench.emulator.control.reset();
    await retry.click();
    await stale.waitFor({ state: 'detached' });
    await t.ui.treeItem('intro,').waitFor();
  });

  it('finds an item by part of its name and selects it in the view', async () => {
    await t.ui.command('api.audio: Find Media…');
    await t.ui.typeLikeAPerson('goodbye', 4);
    await t.ui.quickPickOption('voice-goodbye.mp3').waitFor();
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.waitForAttribute(t.ui.treeItem('voice-goodbye.mp3').first(), 'aria-selected', 'true');
  });

  it('looks up a media ID typed at a person’s pace and selects the item in the view', async () => {
    const mediaId = seedMediaId(DEFAULT_ORG, 'voice-welcome.wav');
    await t.ui.command('api.audio: Look Up Media by ID…');
    await t.ui.quickInput.filter({ hasText: 'Look Up api.audio Media by ID' }).waitFor();
    await t.ui.typeLikeAPerson(mediaId, 3);
    assert.equal(await t.ui.quickInputBox.inputValue(), mediaId);
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.waitForAttribute(t.ui.treeItem('voice-welcome.wav').first(), 'aria-selected', 'true');
  });

  it('downloads with a conflict: Overwrite is not the default, Enter keeps both; no progress lingers', async () => {
    const existing = path.join(t.workbench.workspace, 'outro-sting.wav');
    writeFileSync(existing, 'a file the person already had');
    await t.ui.expand(t.ui.treeItem('outro,'));
    await t.ui.contextMenu(t.ui.treeItem('outro-sting.wav').first(), 'Download…');
    // code-server's own folder dialog: the proposed folder is the workspace.
    const dialogInput = t.ui.quickInputBox;
    await dialogInput.waitFor();
    await t.ui.quickInput.getByRole('button', { name: 'Download Here' }).click();
    const modal = t.ui.modal;
    await modal.filter({ hasText: 'outro-sting.wav already exists' }).waitFor();
    const focused = await modal.evaluate((element) => element.ownerDocument.activeElement?.textContent ?? '');
    assert.notEqual(focused.trim(), 'Overwrite', 'the default button must not destroy the existing file');
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.notification(/Downloaded outro-sting \(1\)\.wav/).waitFor();
    await t.ui.waitForNone(t.ui.notification(/Downloading/));
    assert.ok(existsSync(path.join(t.workbench.workspace, 'outro-sting (1).wav')));
    await t.ui.clearNotifications();
  });

  it('uploads from the Explorer (its own menu group) with a new tag typed at a person’s pace: exactly that one tag, the item revealed', async () => {
    writeFileSync(path.join(t.workbench.workspace, 'new-take.wav'), makeWavTone(440, 7_000));
    await t.ui.showExplorer();
    const file = t.ui.sidebar.getByRole('treeitem', { name: startingName('new-take.wav') });
    await file.click({ button: 'right' });
    const entries = await menuEntries(t.workbench.page);
    const at = entries.indexOf('Upload Audio File…');
    assert.ok(at >= 0, entries.join(' | '));
    assert.equal(entries[at - 1] ?? '---', '---', `a group of its own: ${entries.join(' | ')}`);
    assert.equal(entries[at + 1] ?? '---', '---', `a group of its own: ${entries.join(' | ')}`);
    await t.ui.pickMenuItem('Upload Audio File…');

    await t.ui.quickInput.filter({ hasText: 'Tags for new-take.wav' }).waitFor();
    // The organisation's tags are listed before the person starts typing.
    await t.ui.quickPickOption('background').waitFor();
    // A new tag, typed at a person's pace with a pause in the middle: it stays one tag.
    await t.ui.typeLikeAPerson('jingles', 3);
    await t.ui.quickInput.filter({ hasText: 'Enter adds “jingles”' }).waitFor();
    assert.equal(await t.ui.quickInputBox.inputValue(), 'jingles', 'the typed text stays in the box');
    assert.equal(await t.ui.quickInput.locator('[aria-checked="true"]').count(), 0, 'no existing tag is checked');
    // Slow transfers, so the progress can be seen (and photographed).
    t.workbench.emulator.control.throttle(128 * 1024);
    await t.workbench.page.keyboard.press('Enter');
    const progress = t.ui.notification(/Uploading new-take\.wav/);
    // Some bytes sent, the toast fully shown.
    // The bytes move while the upload runs: the progress does not sit at "0 byte of 603 kB"
    // until the end. The file fits the socket's buffer: it is sent in one burst that
    // the old progress never showed. api.audio has not got the whole file yet when it shows.
    await progress.filter({ hasText: /[1-9][\d.]* (kB|MB) of/ }).waitFor();
    const stored = t.workbench.emulator.control.listStored().some((item) => item.filename === 'new-take.wav');
    assert.equal(stored, false, 'the progress showed bytes only once the upload had finished');
    if (SCREENSHOTS) await t.workbench.page.locator('.notification-toast.notification-fade-in-done').first().waitFor();
    await t.ui.screenshot('upload', SCREENSHOTS);
    await t.ui.notification(/Uploaded new-take\.wav/).waitFor();
    t.workbench.emulator.control.throttle(null);
    const uploaded = t.workbench.emulator.control.listStored().filter((item) => item.filename === 'new-take.wav');
    assert.deepEqual(
      uploaded.map((item) => item.tags),
      [['jingles']],
      'uploaded with exactly the one typed tag',
    );
    await t.ui.waitForNone(progress);
    // The Media view comes to the front (the Explorer was) with the new item selected.
    await t.ui.waitForAttribute(t.ui.treeItem('new-take.wav, tags jingles'), 'aria-selected', 'true');
    await t.ui.clearNotifications();
  });

  it('from the palette with a non-audio file open, says why before asking for a file', async () => {
    await t.ui.showExplorer();
    await t.ui.sidebar.getByRole('treeitem', { name: startingName('notes.txt') }).click();
    await t.ui.editorTab('notes.txt').waitFor();
    await t.ui.command('api.audio: Upload Audio File…');
    await t.ui.notification(/notes\.txt is not a \.wav or \.mp3 file/).waitFor();
    // The file dialog (a quick input in the browser) opens after the notification: close it
    // only once it is there, or it would open over the next palette command.
    await t.ui.quickInput.waitFor();
    await t.workbench.page.keyboard.press('Escape');
    await t.ui.quickInput.waitFor({ state: 'hidden' });
    await t.ui.closeAllEditors();
    await t.ui.clearNotifications();
  });

  it('deletes the selected item with the Delete key after a confirmation', async () => {
    await t.ui.showMediaView();
    const item = t.ui.treeItem('new-take.wav').first();
    await item.click();
    await t.ui.editorTab('new-take.wav').waitFor();
    await t.workbench.page.keyboard.press('Delete');
    await t.ui.modal.filter({ hasText: 'new-take.wav' }).waitFor();
    await t.ui.modal.getByRole('button', { name: 'Delete' }).click();
    await item.waitFor({ state: 'detached' });
    assert.equal(t.workbench.emulator.control.listStored().some((stored) => stored.filename === 'new-take.wav'), false);
    await t.ui.closeAllEditors();
    await t.ui.clearNotifications().catch(() => undefined);
  });

  it('shows and hides the public library and keeps listing from the emulator', async () => {
    await t.ui.showMediaView();
    await t.ui.viewMenu('Show or Hide the Public Library');
    const library = libraryRow();
    await library.waitFor();
    await t.ui.expand(library);
    await t.ui.treeItem('lofi,').waitFor();
    await t.ui.viewMenu('Show or Hide the Public Library');
    await library.waitFor({ state: 'detached' });
    await t.ui.viewMenu('Show or Hide the Public Library');
    await library.waitFor();
    await t.ui.treeItem('intro,').waitFor();
    assert.equal(await t.ui.sidebar.getByText(/ENOTFOUND|Could not/).count(), 0);
    assert.equal(await t.ui.anyToast.filter({ hasText: /ENOTFOUND|v1\.api\.audio/ }).count(), 0);
  });

  it('lists both roots after Reload Window with the public library shown', async () => {
    await t.ui.showMediaView();
    if ((await libraryRow().count()) === 0) await t.ui.viewMenu('Show or Hide the Public Library');
    // Expanded rows are restored by the reload while the extension refreshes.
    await t.ui.expand(libraryRow());
    await t.ui.expand(t.ui.treeItem('lofi,'));
    await t.ui.reloadWindow();
    await t.ui.showMediaView();
    await libraryRow().waitFor();
    await t.ui.treeItem('intro,').waitFor();
    assert.equal(await t.ui.anyToast.filter({ hasText: /already registered/ }).count(), 0);
    // Still there once the refresh after the start has finished.
    await t.ui.command('api.audio: Refresh');
    await libraryRow().waitFor();
    assert.equal(await t.ui.anyToast.filter({ hasText: /already registered/ }).count(), 0);
  });

  /** The public library's row, by the text a person reads. */
  function libraryRow() {
    return t.ui.tree.getByRole('treeitem').filter({ hasText: 'api.audio Library' });
  }
});

function startingName(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** The open context menu's entries in order, separators as `---`. */
async function menuEntries(page: import('playwright-core').Page): Promise<string[]> {
  const menu = page.locator('.context-view.monaco-menu-container');
  await menu.getByRole('menuitem').first().waitFor();
  return menu.locator('.actions-container > li').evaluateAll((items) =>
    items.map((item) => (item.querySelector('.separator') || item.classList.contains('separator') ? '---' : (item.querySelector('.action-label')?.textContent ?? '').trim())),
  );
}
