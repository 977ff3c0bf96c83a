// Item commands from anywhere and what a person had: the palette's Download… and Delete…
// with the media picker, the keys acting on the row the keyboard is on, a window reload that
// brings back the expanded tags and the selection, and the question before the API key
// goes to a server that is not api.audio's. Typed and moved at a person's pace.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from './session';
import { UI_KEY } from './workbench';

/** About a person's typing speed. */
const TYPING = { delay: 180 };

describe('UI: item commands, keys and what a reload keeps', () => {
  const t = useWorkbench();
  const page = () => t.workbench.page;

  before(async () => {
    await t.ui.setApiKey(UI_KEY);
    await t.ui.clearNotifications();
  });

  /** Opens the palette and types `title` as a person does, then runs the command with Enter. */
  async function runFromPalette(title: string): Promise<void> {
    await page().keyboard.press('F1');
    await t.ui.quickInputBox.waitFor();
    // Whatever the palette proposes, then '>' and the title as typed.
    await t.ui.quickInputBox.fill('');
    await page().keyboard.type(`>${title}`, TYPING);
    // As a person does: wait for the list to follow the last key, then arrow down to the
    // command when another one ranks first ("Copy Download URL" for "Download").
    const wanted = t.ui.quickInput.getByRole('option', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
    await wanted.waitFor();
    const active = t.ui.quickInput.locator('.monaco-list-row.focused');
    for (let step = 0; step < 5 && !(await wanted.evaluate((row) => row.classList.contains('focused'))); step++) {
      await page().keyboard.press('ArrowDown');
      await active.first().waitFor();
    }
    assert.match(await active.first().innerText(), new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await page().keyboard.press('Enter');
  }

  it('downloads from the palette: Download… asks for the media by name, several checked, then a folder', async () => {
    await runFromPalette('api.audio: Download');
    await t.ui.quickInput.filter({ hasText: 'Download api.audio Media' }).waitFor();
    await page().keyboard.type('sting', TYPING);
    for (const name of ['intro-sting.mp3', 'outro-sting.wav']) {
      const option = t.ui.quickPickOption(name);
      await option.click();
      await t.ui.waitForAttribute(option, 'aria-checked', 'true');
    }
    await page().keyboard.press('Enter');
    // code-server's own folder dialog proposes the workspace.
    await t.ui.quickInput.getByRole('button', { name: 'Download Here' }).click();
    await t.ui.notification(/Downloaded 2 files to/).waitFor();
    for (const name of ['intro-sting.mp3', 'outro-sting.wav']) assert.ok(existsSync(path.join(t.workbench.workspace, name)), name);
    await t.ui.clearNotifications();
  });

  it('deletes from the palette: Delete… asks for the media by name, then confirms naming it', async () => {
    t.workbench.emulator.control.addMedia({ filename: 'palette-victim.wav', tags: ['victims'] });
    await t.ui.command('api.audio: Refresh');
    await t.ui.treeItem('victims,').waitFor();
    await runFromPalette('api.audio: Delete');
    await t.ui.quickInput.filter({ hasText: 'Delete api.audio Media' }).waitFor();
    await page().keyboard.type('victim', TYPING);
    const option = t.ui.quickPickOption('palette-victim.wav');
    await option.click();
    await t.ui.waitForAttribute(option, 'aria-checked', 'true');
    await page().keyboard.press('Enter');
    const modal = t.ui.modal.filter({ hasText: "Delete 'palette-victim.wav' from api.audio?" });
    await modal.waitFor();
    await modal.getByRole('button', { name: 'Delete', exact: true }).click();
    await t.ui.treeItem('victims,').waitFor({ state: 'detached' });
    assert.equal(t.workbench.emulator.control.listStored().some((item) => item.filename === 'palette-victim.wav'), false);
  });

  it('acts on the row the keyboard is on: arrow down then Delete names that row; Enter opens it', async () => {
    await t.ui.showMediaView();
    // The keyboard on intro-sting.mp3 under "intro", selected (Find Media puts it there).
    await runFromPalette('api.audio: Find Media');
    await page().keyboard.type('intro-st', TYPING);
    await t.ui.quickPickOption('intro-sting.mp3').waitFor();
    await page().keyboard.press('Enter');
    await t.ui.waitForAttribute(t.ui.treeItem('intro-sting.mp3').first(), 'aria-selected', 'true');

    await page().keyboard.press('ArrowDown');
    await t.ui.tree.locator('.monaco-list-row.focused').filter({ hasText: 'podcast-theme.mp3' }).waitFor();
    await page().keyboard.press('Delete');
    const modal = t.ui.modal;
    await modal.waitFor();
    assert.match(await modal.innerText(), /Delete 'podcast-theme\.mp3' from api\.audio\?/);
    await page().keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
    assert.ok(t.workbench.emulator.control.listStored().some((item) => item.filename === 'podcast-theme.mp3'), 'Escape deleted nothing');

    await page().keyboard.press('ArrowUp');
    await t.ui.tree.locator('.monaco-list-row.focused').filter({ hasText: 'intro-sting.mp3' }).waitFor();
    await page().keyboard.press('Enter');
    await t.ui.editorTab('intro-sting.mp3').waitFor();
    await t.ui.closeAllEditors();
  });

  it('after Reload Window the expanded tags and the selection come back; the Set API Key welcome never flashes', async () => {
    await t.ui.showMediaView();
    await t.ui.expand(t.ui.treeItem('music,'));
    await runFromPalette('api.audio: Find Media');
    await page().keyboard.type('ambient', TYPING);
    await t.ui.quickPickOption('ambient-bed.wav').waitFor();
    await page().keyboard.press('Enter');
    await t.ui.waitForAttribute(t.ui.treeItem('ambient-bed.wav').first(), 'aria-selected', 'true');
    // Whatever the new page shows, from its first moment.
    await page().addInitScript({
      content: `
        window.apiAudioSeen = [];
        new MutationObserver(() => {
          if (document.body && document.body.innerText.includes('Connect to api.audio to browse')) window.apiAudioSeen.push('the Set API Key welcome');
        }).observe(document, { subtree: true, childList: true, characterData: true });`,
    });

    await t.ui.reloadWindow();
    await t.ui.showMediaView();

    await t.ui.waitForAttribute(t.ui.treeItem('music,'), 'aria-expanded', 'true');
    await t.ui.waitForAttribute(t.ui.treeItem('intro,'), 'aria-expanded', 'true');
    await t.ui.waitForAttribute(t.ui.treeItem('background,'), 'aria-expanded', 'true');
    await t.ui.waitForAttribute(t.ui.treeItem('ambient-bed.wav').first(), 'aria-selected', 'true');
    assert.equal(await t.ui.treeItem('outro,').getAttribute('aria-expanded'), 'false', 'a tag never expanded stays collapsed');
    const seen = await page().evaluate<string[]>("window.apiAudioSeen ?? ['the observer did not run']");
    assert.deepEqual(seen, []);
  });

  it('a server that is not api.audio\'s: the change asks nothing, the welcome says why; its button asks, and Enter does not send the key', async () => {
    const machine = t.workbench.settings.machine;
    const settings = JSON.parse(readFileSync(machine, 'utf8')) as Record<string, unknown>;
    writeFileSync(machine, JSON.stringify({ ...settings, 'apiAudio.baseUrl': 'https://media.example.test' }, null, 2));
    try {
      // The welcome says why in full, with the way forward as buttons (nothing cut off, nothing to hover)…
      const why = t.ui.mediaPane.getByText(/Your API key was not sent: the api\.audio address in the settings \(apiAudio\.baseUrl\) is not an api\.audio server/);
      await why.waitFor();
      // …and no question took the keyboard while the setting changed.
      assert.equal(await t.ui.modal.count(), 0, 'no question on the change itself');
      await t.ui.mediaPane.getByRole('button', { name: 'Send Key to This Server…' }).click();
      const question = t.ui.modal.filter({ hasText: 'Send your api.audio API key to https://media.example.test?' });
      await question.waitFor();
      const focused = await question.evaluate((element) => element.ownerDocument.activeElement?.textContent?.trim() ?? '');
      assert.notEqual(focused, 'Send Key to This Server', 'the default button must not send the key');
      await page().keyboard.press('Enter');
      await question.waitFor({ state: 'hidden' });
      await why.waitFor();
      // Sending it would have failed differently: the host does not exist here.
      assert.equal(await t.ui.mediaPane.getByText(/Could not reach api\.audio/).count(), 0);
      // Open Settings shows the address to correct: a machine setting, on the Remote tab of this remote window.
      await t.ui.mediaPane.getByRole('button', { name: 'Open Settings' }).click();
      const settingsEditor = page().locator('.settings-editor');
      await settingsEditor.locator('.setting-item-label', { hasText: /^Base Url$/ }).first().waitFor();
      // Closed as a person does, with the tab's close button (the palette's keys belong to the settings search now).
      const tab = t.ui.editorTab('Settings');
      await tab.hover();
      await tab.getByRole('button', { name: /^Close/ }).click();
      await tab.waitFor({ state: 'detached' });
    } finally {
      writeFileSync(machine, JSON.stringify(settings, null, 2));
    }
    await t.ui.treeItem('intro,').waitFor();
  });
});
