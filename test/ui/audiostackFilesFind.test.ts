// A person finds a file deep in the AudioStack folders with Find in AudioStack Files (from
// the palette, then with Ctrl+F in the view), lands on its row with the keyboard there and
// plays it with Enter; after Reload Window the folders come back from the last session.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './session';
import { UI_KEY } from './workbench';

describe('UI: Find in AudioStack Files, and the Files listing after a reload', () => {
  const t = useWorkbench();
  const page = () => t.workbench.page;

  before(async () => {
    await t.ui.setApiKey(UI_KEY);
    await t.ui.clearNotifications();
    await t.ui.command('api.audio: Show AudioStack Files');
    await t.ui.treeItem('Folder Music').waitFor();
  });

  /** Opens a folder row with a click and waits for its first row (folders are listed when opened). */
  const open = async (name: RegExp, child: RegExp) => {
    await t.ui.expand(t.ui.treeItem(name));
    await t.ui.treeItem(child).waitFor();
  };
  const focusedRow = () => t.ui.tree.locator('.monaco-list-row.focused');

  it('finds a nested file typed at a person\'s pace, selects its row in closed folders, and Enter plays it', async () => {
    // Music/Beds/Ambient listed once, then closed again: the row to find is not drawn.
    await open(/^Folder Music$/, /^Folder Beds$/);
    await open(/^Folder Beds$/, /^Folder Ambient$/);
    await open(/^Folder Ambient$/, /^night-drone\.mp3, /);
    await t.ui.mediaPane.hover();
    await t.ui.mediaPane.getByRole('button', { name: 'Collapse All' }).click();
    await t.ui.treeItem(/^night-drone\.mp3, /).waitFor({ state: 'detached' });

    await page().keyboard.press('F1');
    await t.ui.quickInputBox.waitFor();
    await t.ui.typeLikeAPerson('Find in AudioSt', 6);
    await t.ui.quickPickOption(/^AudioStack: Find in AudioStack Files…/).waitFor();
    await page().keyboard.press('Enter');
    await t.ui.quickInput.filter({ hasText: 'Find in AudioStack Files' }).waitFor();
    await t.ui.typeLikeAPerson('night-dr', 3);
    assert.equal(await t.ui.quickInputBox.inputValue(), 'night-dr', 'no key was lost');
    await t.ui.quickPickOption(/^night-drone\.mp3/).waitFor();
    assert.match(await t.ui.quickPickOption(/^night-drone\.mp3/).innerText(), /Music\/Beds\/Ambient/);
    await page().keyboard.press('Enter');

    const row = t.ui.treeItem(/^night-drone\.mp3, /);
    await t.ui.waitForAttribute(row, 'aria-selected', 'true');
    await focusedRow().and(row).waitFor();
    assert.ok(await t.ui.hasFocusWithin(t.ui.tree), 'the keyboard is in the view');
    await page().keyboard.press('Enter');
    await t.ui.editorTab('night-drone.mp3').waitFor();
    await t.ui.waitForNone(t.ui.notification('Opening night-drone.mp3'));
    await t.ui.closeAllEditors();
  });

  it('opens the same picker with Ctrl+F in the view, and Arrow Up moves from the found row', async () => {
    await t.ui.treeItem(/^Folder Music$/).click();
    await focusedRow().and(t.ui.treeItem(/^Folder Music$/)).waitFor();
    await page().keyboard.press('Control+f');
    await t.ui.quickInput.filter({ hasText: 'Find in AudioStack Files' }).waitFor();
    await t.ui.typeLikeAPerson('calm', 2);
    await t.ui.quickPickOption(/^calm-pad\.wav/).waitFor();
    await page().keyboard.press('Enter');
    await t.ui.waitForAttribute(t.ui.treeItem(/^calm-pad\.wav, /), 'aria-selected', 'true');
    await page().keyboard.press('ArrowUp');
    await focusedRow().and(t.ui.treeItem(/^Folder Ambient$/)).waitFor();
  });

  it('after Reload Window shows the folders opened before even when AudioStack cannot be reached, and says so', async () => {
    await t.ui.treeItem(/^calm-pad\.wav, /).waitFor();
    // AudioStack fails the next root listing: what shows comes from the last session.
    t.workbench.emulator.control.reset();
    t.workbench.emulator.control.failNext(1, 400, { path: '/folders', body: JSON.stringify({ message: 'Validation failed' }) });
    await t.ui.reloadWindow();
    await t.ui.showMediaView();
    await t.ui.treeItem(/^Could not refresh: showing the listing from /).waitFor();
    await t.ui.treeItem('Folder Music').waitFor();
    await t.ui.expand(t.ui.treeItem(/^Folder Music$/));
    await t.ui.expand(t.ui.treeItem(/^Folder Beds$/));
    await t.ui.expand(t.ui.treeItem(/^Folder Ambient$/));
    await t.ui.treeItem(/^calm-pad\.wav, /).waitFor();
    const ambient = t.workbench.emulator.control.requests.filter((request) => request.path.startsWith('/folders/') && request.method === 'GET');
    assert.deepEqual(ambient, [], 'the folders came from the cache: the failed root listing stopped the rest');
  });
});
