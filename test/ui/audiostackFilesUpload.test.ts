// A person who has switched the Media view to AudioStack Files right-clicks an audio file
// in the Explorer, chooses Upload to AudioStack…, walks the folder picker to Music/Beds
// with the arrow keys and uploads there; the file shows in Music/Beds as processing, then
// as a normal row with its size.
import * as assert from 'node:assert/strict';
import { makeWavTone } from '../emulator';
import { useWorkbench } from './session';
import { UI_KEY, writeWorkspaceFile } from './workbench';

describe('UI: upload to an AudioStack folder', () => {
  const t = useWorkbench();

  before(async () => {
    await t.ui.setApiKey(UI_KEY);
    await t.ui.clearNotifications();
    await t.ui.switchToAudioStackFiles();
  });

  /** The quick pick row the keyboard is on. */
  const focusedRow = () => t.ui.quickInput.locator('.monaco-list-row.focused');
  /** Presses `key` in the folder picker and waits until the row `name` has the focus. */
  const press = async (key: string, name: string) => {
    await t.workbench.page.keyboard.press(key);
    await focusedRow().filter({ hasText: name }).waitFor();
  };

  it('uploads a file from the Explorer into Music/Beds through the folder picker, shows it processing there, then ready with its size', async () => {
    // AudioStack holds the new file in processing until the test releases it.
    t.workbench.emulator.control.files.setProcessingMs(3_600_000);
    writeWorkspaceFile(t.workbench, 'stack-take.wav', makeWavTone(523, 2_000));
    await t.ui.showExplorer();
    const file = t.ui.sidebar.getByRole('treeitem', { name: /^stack-take\.wav/ });
    await file.click({ button: 'right' });
    await t.ui.menuItem('Upload to AudioStack…').waitFor();
    assert.equal(await t.ui.menuItem('Upload Audio File…').count(), 0, 'one Upload: the one of the service the view shows');
    await t.ui.pickMenuItem('Upload to AudioStack…');

    // The picker opens at the top level, "Upload Here" first; the arrows walk to Music, Enter opens it.
    await t.ui.quickInput.filter({ hasText: 'Upload stack-take.wav to AudioStack — / (top level)' }).waitFor();
    await focusedRow().filter({ hasText: 'Upload Here' }).waitFor();
    await press('ArrowDown', 'Empty');
    await press('ArrowDown', 'Music');
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.quickInput.filter({ hasText: '— /Music' }).waitFor();
    await focusedRow().filter({ hasText: 'Upload Here' }).waitFor();
    await press('ArrowDown', 'Up');
    await press('ArrowDown', 'Beds');
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.quickInput.filter({ hasText: '— /Music/Beds' }).waitFor();
    const here = focusedRow().filter({ hasText: 'Upload Here' });
    await here.waitFor();
    assert.match(await here.innerText(), /Music\/Beds/);
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.quickInput.waitFor({ state: 'hidden' });

    // The view comes to the front with the new file selected in Music/Beds, still processing.
    const processing = t.ui.treeItem(/^stack-take\.wav, .*processing…/);
    await processing.waitFor();
    await t.ui.waitForAttribute(processing, 'aria-selected', 'true');
    await processing.locator('.codicon-sync.codicon-modifier-spin').waitFor();
    await t.ui.notification(/Uploading stack-take\.wav to Music\/Beds/).filter({ hasText: 'processing on AudioStack…' }).waitFor();
    assert.ok(await t.ui.treeItem('Folder Beds').count(), 'it is listed in Music/Beds');

    // AudioStack finishes: the row becomes a normal one with its size and duration.
    const stored = t.workbench.emulator.control.files.listFiles().find((entry) => entry.fileName === 'stack-take.wav');
    assert.ok(stored, 'the file is on AudioStack');
    assert.equal(stored.status, 'processing');
    t.workbench.emulator.control.files.setStatus(stored.fileId, 'uploaded');
    const ready = t.ui.treeItem(/^stack-take\.wav, \d+(\.\d)?\skB, 2\ssec, file ID [0-9a-f-]{36}$/);
    await ready.waitFor();
    await t.ui.notification(/Uploaded stack-take\.wav to Music\/Beds \(file ID/).waitFor();
    assert.equal(await t.ui.treeItem(/^stack-take\.wav/).count(), 1, 'one row for the file');
    const folder = t.workbench.emulator.control.files.listFolders().find((entry) => entry.folderId === stored.folderId);
    assert.equal(folder?.folderName, 'Beds');
  });
});
