// Media IDs in code, as a person meets them in a Python file: the hover with
// its Play link, completion inside mediaId="…", the warning on an unknown ID with its quick
// fixes, and a media item dragged from the Media view into the editor. Only keys, the
// mouse and the palette; assertions on what the workbench shows.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { SEED } from '../emulator';
import { useWorkbench } from './session';
import { startingWith } from './ui';
import { SCREENSHOTS, UI_KEY, writeWorkspaceFile } from './workbench';

const byName = (filename: string) => {
  const seed = SEED.find((item) => item.filename === filename);
  if (!seed) throw new Error(`${filename} is not in the seed library`);
  return seed;
};
const THEME = byName('podcast-theme.mp3');
const GOODBYE = byName('voice-goodbye.mp3');
const WELCOME = byName('voice-welcome.wav');
/** One typo away from voice-welcome.wav's ID: the quick fix offers to replace it. */
const TYPO_ID = `${WELCOME.mediaId.slice(0, -1)}${WELCOME.mediaId.endsWith('0') ? '1' : '0'}`;
/** Close to nothing in the library: only Look Up Media by ID is offered. */
const UNKNOWN_ID = 'ffff0000';

const SCRIPT = 'episode.py';
const SCRIPT_TEXT = [
  'import apiaudio',
  '',
  `apiaudio.Media.download(mediaId="${THEME.mediaId}")`,
  `apiaudio.Media.download(mediaId="${TYPO_ID}")`,
  `apiaudio.Media.download(mediaId="${UNKNOWN_ID}")`,
  '',
  '',
  '',
].join('\n');

describe('UI: media IDs in a Python file', () => {
  const t = useWorkbench();

  before(async () => {
    await t.ui.setApiKey(UI_KEY);
    await t.ui.clearNotifications();
    writeWorkspaceFile(t.workbench, SCRIPT, Buffer.from(SCRIPT_TEXT));
    await t.ui.showExplorer();
    // A double click keeps the editor open (a single click previews it until the next file).
    await t.ui.sidebar.getByRole('treeitem', { name: SCRIPT, exact: true }).dblclick();
    await t.ui.editorTab(SCRIPT).waitFor();
  });

  /** Waits until a line of the open editor reads `line` (Monaco draws spaces as no-break spaces). */
  async function waitForLine(line: string): Promise<void> {
    const pattern = new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s')}$`);
    await t.workbench.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-line').filter({ hasText: pattern }).waitFor();
  }

  /**
   * Picks an entry of the open quick-fix menu with the mouse. The menu ignores the pointer
   * until it moves (so a resting pointer does not select a row): move, then click.
   */
  async function pickFix(entry: Locator): Promise<void> {
    const box = await entry.boundingBox();
    assert.ok(box, 'the quick fix is shown');
    await t.workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await entry.click();
  }

  /** The text run of the editor that shows `text` (a string token, with its quotes). */
  function token(text: string): Locator {
    return t.workbench.page.locator('.part.editor .monaco-editor .view-line span span').filter({ hasText: text }).first();
  }

  /** Ctrl+G, the line number, Enter: the cursor at the start of `line` (1-based). */
  async function goToLine(line: number): Promise<void> {
    await t.workbench.page.keyboard.press('Control+g');
    await t.ui.quickInputBox.waitFor();
    await t.ui.quickInputBox.fill(`:${line}`);
    await t.workbench.page.keyboard.press('Enter');
    await t.ui.quickInput.waitFor({ state: 'hidden' });
  }

  it('hovering a media ID shows its file name and a Play link that plays it', async () => {
    const hover = t.workbench.page.locator('.monaco-hover').filter({ hasText: THEME.filename });
    await token(THEME.mediaId).hover();
    await hover.waitFor();
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Tags: music intro outro/);
    const play = hover.getByRole('link', { name: /Play/ });
    await play.waitFor();
    if (SCREENSHOTS) {
      // The editor from its tabs down to a little below the hover.
      const editor = await t.workbench.page.locator('.part.editor').boundingBox();
      const shown = await hover.boundingBox();
      assert.ok(editor && shown);
      const height = Math.min(editor.height, shown.y + shown.height + 48 - editor.y);
      await t.ui.screenshot('code-hover', true, { x: editor.x, y: editor.y, width: editor.width, height });
    }
    await play.click();
    await t.ui.editorTab(THEME.filename).waitFor();
    await t.workbench.page.frameLocator('iframe.webview').first().frameLocator('iframe').first().locator('audio').waitFor({ state: 'attached' });
    // Back to the script for the next test.
    await t.ui.editorTab(SCRIPT).click();
  });

  it('warns about unknown IDs; the quick fixes replace a mistyped ID and look up an unknown one', async () => {
    const problem = (id: string) => t.workbench.page.locator('.part.panel').getByRole('treeitem').filter({ hasText: `No media with ID "${id}"` });
    await t.ui.command('View: Focus Problems (Errors, Warnings, Infos)');
    await problem(TYPO_ID).waitFor();
    await problem(UNKNOWN_ID).waitFor();
    assert.equal(await problem(THEME.mediaId).count(), 0, 'a listed ID is not flagged');
    assert.equal(await t.workbench.page.locator('.part.editor .squiggly-warning').count(), 2);

    // The cursor on the mistyped ID, Ctrl+. : replace it with the file one typo away.
    await token(TYPO_ID).click();
    await t.workbench.page.keyboard.press('Control+.');
    const fixes = t.workbench.page.locator('.action-widget');
    const replace = fixes.getByRole('option', { name: startingWith(`Replace with ${WELCOME.filename} (${WELCOME.mediaId})`) });
    await replace.waitFor();
    await pickFix(replace);
    await waitForLine(`apiaudio.Media.download(mediaId="${WELCOME.mediaId}")`);
    await problem(TYPO_ID).waitFor({ state: 'detached' });

    // Nothing close to this one: Look Up Media by ID asks api.audio and says what it found.
    await token(UNKNOWN_ID).click();
    await t.workbench.page.keyboard.press('Control+.');
    const lookUp = fixes.getByRole('option', { name: startingWith('Look Up Media by ID') });
    await lookUp.waitFor();
    assert.equal(await fixes.getByRole('option', { name: /^Replace with/ }).count(), 0);
    await pickFix(lookUp);
    await t.ui.notification(`No media with ID ${UNKNOWN_ID} in this organisation.`).waitFor();
    await t.ui.clearNotifications();
  });

  it('typing mediaId=" offers the library by file name; accepting inserts the ID', async () => {
    await goToLine(6);
    await t.workbench.page.keyboard.type('apiaudio.Media.download(mediaId="');
    const suggest = t.workbench.page.locator('.part.editor .suggest-widget.visible');
    const rows = suggest.getByRole('option');
    await rows.filter({ hasText: THEME.filename }).waitFor();
    const offered = await rows.allInnerTexts();
    for (const seed of SEED) assert.ok(offered.some((row) => row.includes(seed.filename)), `${seed.filename} is not offered: ${offered.join(' | ')}`);
    await t.workbench.page.keyboard.type('goodbye');
    await rows.first().filter({ hasText: GOODBYE.filename }).waitFor();
    await t.workbench.page.keyboard.press('Enter');
    await waitForLine(`apiaudio.Media.download(mediaId="${GOODBYE.mediaId}")`);
    await suggest.waitFor({ state: 'hidden' });
  });

  it('dragging an item from the Media view into the script (Shift held over the editor) inserts a mediaFiles entry', async () => {
    await t.ui.showMediaView();
    await t.ui.expand(t.ui.treeItem('music,'));
    const item = t.ui.treeItem(THEME.filename).first();
    // The empty last line of the script, past its end.
    const lineNumber = t.workbench.page.locator('.part.editor .editor-group-container.active .line-numbers').filter({ hasText: /^8$/ });
    const target = await lineNumber.boundingBox();
    assert.ok(target, 'line 8 is shown');
    const y = target.y + target.height / 2;
    // A real HTML5 drag (Playwright drives Chromium's drag events). The item carries a
    // resource, so over an editor VS Code offers to open it; holding Shift drops into the
    // text instead, as VS Code asks for files from the Explorer (editor.dropIntoEditor).
    const mouse = t.workbench.page.mouse;
    await item.hover();
    await mouse.down();
    await mouse.move(target.x + 150, y, { steps: 8 });
    await t.workbench.page.keyboard.down('Shift');
    try {
      await mouse.move(target.x + 300, y, { steps: 4 });
      await mouse.up();
    } finally {
      await t.workbench.page.keyboard.up('Shift');
    }
    await waitForLine(`{"podcast-theme": "${THEME.mediaId}"}`);
  });
});
