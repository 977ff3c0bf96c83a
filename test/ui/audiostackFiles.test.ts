// A person with a key switches the Media view to AudioStack Files from its title menu,
// walks the folders with the keyboard, plays a file and sees one that is still processing,
// then hovers an AudioStack file ID in a Python script.
import * as assert from 'node:assert/strict';
import { filesSeedFileId, filesSeedFolderId } from '../emulator';
import { useWorkbench } from './session';
import { SCREENSHOTS, UI_KEY, writeWorkspaceFile } from './workbench';

describe('UI: AudioStack Files in the Media view', () => {
  const t = useWorkbench();

  before(async () => {
    await t.ui.setApiKey(UI_KEY);
    await t.ui.clearNotifications();
  });

  /** Presses `key` on the focused row and waits until the row named `name` has the focus. */
  const press = async (key: string, name: RegExp) => {
    await t.workbench.page.keyboard.press(key);
    await t.ui.tree.locator('.monaco-list-row.focused').and(t.ui.treeItem(name)).waitFor();
  };
  /** Waits until the folder `name` is open and its first row `child` is drawn (listed on expand). */
  const expanded = async (name: RegExp, child: RegExp) => {
    await t.ui.waitForAttribute(t.ui.treeItem(name), 'aria-expanded', 'true');
    await t.ui.treeItem(child).waitFor();
  };

  it('switches the view to AudioStack Files from its title menu', async () => {
    await t.ui.showMediaView();
    await t.ui.switchToAudioStackFiles();
    // The tag rows of api.audio Media are gone; the root's file is listed with its size.
    assert.equal(await t.ui.treeItem('intro,').count(), 0);
    await t.ui.treeItem(/^jingle\.mp3, \d+(\.\d)?\skB/).waitFor();
  });

  it('expands Music, Beds and Ambient with the arrow keys and plays calm-pad.wav with Enter', async () => {
    await t.ui.treeItem('Folder Music').click();
    await press('ArrowRight', /^Folder Music$/);
    await expanded(/^Folder Music$/, /^Folder Beds$/);
    await press('ArrowDown', /^Folder Beds$/);
    await press('ArrowRight', /^Folder Beds$/);
    await expanded(/^Folder Beds$/, /^Folder Ambient$/);
    await press('ArrowDown', /^Folder Ambient$/);
    await press('ArrowRight', /^Folder Ambient$/);
    await expanded(/^Folder Ambient$/, /^calm-pad\.wav, /);
    await press('ArrowDown', /^calm-pad\.wav, /);
    const row = t.ui.treeItem(/^calm-pad\.wav, /);
    assert.match((await row.getAttribute('aria-label')) ?? '', /^calm-pad\.wav, \d+(\.\d)?\skB, 1\.5\ssec, file ID [0-9a-f-]{36}$/);
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.editorTab('calm-pad.wav').waitFor();
    await t.workbench.page.frameLocator('iframe.webview').first().frameLocator('iframe').first().locator('audio').waitFor({ state: 'attached' });
    await t.ui.waitForNone(t.ui.notification('Opening calm-pad.wav'));
    await t.ui.screenshot('audiostack-files', SCREENSHOTS);
    await t.ui.closeAllEditors();
  });

  it('after Reload Window the open folders and the selected row come back, as in api.audio Media', async () => {
    const calmPad = () => t.ui.treeItem(/^calm-pad\.wav, /);
    await t.ui.waitForAttribute(calmPad(), 'aria-selected', 'true');

    await t.ui.reloadWindow();
    await t.ui.showMediaView();

    await expanded(/^Folder Music$/, /^Folder Beds$/);
    await expanded(/^Folder Beds$/, /^Folder Ambient$/);
    await expanded(/^Folder Ambient$/, /^calm-pad\.wav, /);
    await t.ui.waitForAttribute(calmPad(), 'aria-selected', 'true');
    assert.equal(await t.ui.treeItem('Folder Voice').getAttribute('aria-expanded'), 'false', 'a folder never opened stays closed');
  });

  it('a Refresh that fails keeps what is shown under "Could not refresh"; a click on that row tries again', async () => {
    // The listing again after the reload (in the background) has finished: the progress bar is gone.
    await t.ui.waitForNone(t.ui.mediaPane.locator('.monaco-progress-container.active'));
    t.workbench.emulator.control.failNext(1, 400, { path: '/folders', body: JSON.stringify({ message: 'Validation failed' }) });
    await t.ui.mediaPane.hover();
    await t.ui.mediaPane.getByRole('button', { name: /^Refresh/ }).first().click();
    const stale = t.ui.treeItem(/^Could not refresh: showing the listing from /);
    await stale.waitFor();
    assert.match((await stale.getAttribute('aria-label')) ?? '', /Validation failed/, 'the reason is read out and shown beside the row');
    // And in full above the listing, where nothing cuts it off.
    await t.ui.mediaPane.locator('.message', { hasText: /^Could not refresh: .*Validation failed/ }).waitFor();
    await t.ui.treeItem(/^calm-pad\.wav, /).waitFor();
    await stale.click();
    await t.ui.waitForNone(t.ui.treeItem(/^Could not refresh/));
    // The message above the listing goes too (the view lays itself out again without it).
    await t.ui.waitForNone(t.ui.mediaPane.locator('.message', { hasText: /^Could not refresh/ }));
    await t.ui.treeItem(/^calm-pad\.wav, /).waitFor();
  });

  it('shows a file that is still processing with its state', async () => {
    await t.ui.treeItem('Folder Voice').click();
    await press('ArrowRight', /^Folder Voice$/);
    await expanded(/^Folder Voice$/, /^Folder Takes$/);
    await press('ArrowDown', /^Folder Takes$/);
    await press('ArrowRight', /^Folder Takes$/);
    await expanded(/^Folder Takes$/, /^broken-take\.mp3, /);
    const take = t.ui.treeItem(/^take-03\.wav, .*processing…/);
    await take.waitFor();
    // The spinning icon, and the description a sighted person reads.
    await take.locator('.codicon-sync.codicon-modifier-spin').waitFor();
    assert.match(await take.innerText(), /processing…/);
  });

  it('hovering a file ID in a Python script with the mouse shows the file\'s name and folder', async () => {
    // whoosh.wav is in Sound Effects, a folder not opened in the view: the hover looks it up.
    const whoosh = filesSeedFileId('Sound Effects/whoosh.wav');
    assert.equal(await t.ui.treeItem(/^whoosh\.wav, /).count(), 0, 'whoosh.wav is not listed in the view');
    const script = 'mix.py';
    writeWorkspaceFile(t.workbench, script, Buffer.from(['import audiostack', '', `sfx = audiostack.Files.get(file_id="${whoosh}")`, ''].join('\n')));
    await t.ui.showExplorer();
    await t.ui.sidebar.getByRole('treeitem', { name: script, exact: true }).dblclick();
    await t.ui.editorTab(script).waitFor();
    const id = t.workbench.page.locator('.part.editor .monaco-editor .view-line span span').filter({ hasText: whoosh }).first();
    const hover = t.workbench.page.locator('.monaco-hover').filter({ hasText: 'whoosh.wav' });
    // As a person does when a hover comes up empty (the lookup was still on its way):
    // move the mouse off the ID and back, up to three times.
    for (let attempt = 1; ; attempt++) {
      await id.hover();
      try {
        await hover.waitFor({ timeout: 8_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await t.ui.editorTab(script).hover();
      }
    }
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /whoosh\.wav · AudioStack file [0-9a-f-]{36}/);
    assert.match(text, /Folder Sound Effects/);
    assert.match(text, /Duration 0\.6\ssec/);
    await hover.getByRole('link', { name: /Play/ }).waitFor();
    await t.ui.closeAllEditors();
  });

  it('Delete with the keyboard keeps the place: the next row has the focus, and Down goes on from there', async () => {
    const ambient = filesSeedFolderId('Music/Beds/Ambient');
    for (const name of ['a-first.wav', 'b-doomed.wav', 'c-next.wav']) t.workbench.emulator.control.files.addFile({ fileName: name, folderId: ambient });
    await t.ui.showMediaView();
    await t.ui.mediaPane.hover();
    await t.ui.mediaPane.getByRole('button', { name: /^Refresh/ }).first().click();
    await t.ui.treeItem(/^a-first\.wav, /).waitFor();
    // As a person waits for the view's progress bar to finish before acting on its rows.
    await t.ui.waitForNone(t.ui.mediaPane.locator('.monaco-progress-container.active'));
    // The keyboard on the folder row (a click on a file would open it); a click there folds it, a second unfolds it.
    const folder = t.ui.treeItem(/^Folder Ambient$/);
    await folder.click();
    await t.ui.waitForAttribute(folder, 'aria-expanded', 'false');
    await folder.click();
    await expanded(/^Folder Ambient$/, /^a-first\.wav, /);
    await press('ArrowDown', /^a-first\.wav, /);
    await press('ArrowDown', /^b-doomed\.wav, /);
    await t.workbench.page.keyboard.press('Delete');
    const modal = t.ui.modal;
    await modal.waitFor();
    assert.match(await modal.innerText(), /Delete .?b-doomed\.wav.? from AudioStack\?/);
    // A person answers the question with Enter: its one button deletes.
    await t.workbench.page.keyboard.press('Enter');
    await modal.waitFor({ state: 'hidden' });
    await t.ui.waitForNone(t.ui.treeItem(/^b-doomed\.wav, /));
    await t.ui.tree.locator('.monaco-list-row.focused').and(t.ui.treeItem(/^c-next\.wav, /)).waitFor();
    await press('ArrowDown', /^calm-pad\.wav, /);
    assert.equal(t.workbench.emulator.control.files.listFiles().some((file) => file.fileName === 'b-doomed.wav'), false);
  });
});
