// A new user without a key: the welcome view, a wrong key then the right one, and the
// view's error messages with their buttons.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { useWorkbench } from './session';
import { SCREENSHOTS, UI_KEY, WRONG_KEY } from './workbench';

describe('UI: a new user without a key', () => {
  const t = useWorkbench();

  it('opens the view on the welcome message with a Set API Key button', async () => {
    await t.ui.showMediaView();
    const welcome = t.ui.mediaPane.getByRole('button', { name: 'Set API Key' });
    await welcome.waitFor();
    assert.equal(await t.ui.tree.getByRole('treeitem').count(), 0);
    await t.ui.screenshot('welcome', SCREENSHOTS);
  });

  it('hides Refresh, Filter and Find from the palette until there is a key (bug 9)', async () => {
    const titles = await t.ui.paletteCommands('api.audio:');
    assert.ok(titles.includes('api.audio: Set API Key…'), titles.join(' | '));
    for (const hidden of ['api.audio: Refresh', 'api.audio: Filter by Tags…', 'api.audio: Find Media…', 'api.audio: Clear Filter']) {
      assert.ok(!titles.includes(hidden), `${hidden} is offered without a key: ${titles.join(' | ')}`);
    }
  });

  it('rejects a wrong key with Try Again, then lists the library with the right one; no progress lingers (bug 7)', async () => {
    await t.ui.mediaPane.getByRole('button', { name: 'Set API Key' }).click();
    await t.ui.enterApiKey(WRONG_KEY);
    const rejected = t.ui.notification('api.audio rejected this API key');
    await rejected.waitFor();
    await t.ui.notificationButton('api.audio rejected this API key', 'Try Again').click();
    await t.ui.enterApiKey(UI_KEY);
    await t.ui.treeItem('intro').waitFor();
    // The "Checking the API key" progress closes with its work.
    await t.ui.waitForNone(t.ui.notification('Checking the API key'));
    assert.equal(await t.ui.mediaPane.getByRole('button', { name: 'Set API Key' }).count(), 0);
  });

  it('shows Retry, Open Settings and Show Log when api.audio cannot be reached (bug 4)', async () => {
    const settings = JSON.parse(readFileSync(t.workbench.settings.machine, 'utf8')) as Record<string, unknown>;
    // A base URL nothing answers on, as a person might type it in the remote settings.
    writeFileSync(t.workbench.settings.machine, JSON.stringify({ ...settings, 'apiAudio.baseUrl': 'http://127.0.0.1:9' }, null, 2));
    const retry = t.ui.mediaPane.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    for (const name of ['Open Settings', 'Show Log']) {
      await t.ui.mediaPane.getByRole('button', { name }).waitFor();
    }
    await t.ui.mediaPane.getByText(/Could not reach api\.audio/).waitFor();
    await t.ui.screenshot('error-view', SCREENSHOTS);
    // The buttons work and stay: Show Log opens the log with the failure.
    await t.ui.mediaPane.getByRole('button', { name: 'Show Log' }).click();
    await t.workbench.page.locator('.part.panel').getByText('Refreshing the media library failed').first().waitFor();
    await retry.click({ trial: true });

    writeFileSync(t.workbench.settings.machine, JSON.stringify(settings, null, 2));
    await t.ui.treeItem('intro').waitFor();
    await t.ui.clearNotifications().catch(() => undefined);
  });
});
