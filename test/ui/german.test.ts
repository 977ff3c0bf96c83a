// A person whose VS Code speaks German: the view, its welcome, the command titles in the
// palette and the extension's messages are German (package.nls.de.json and
// l10n/bundle.l10n.de.json of the installed .vsix). VS Code's own words stay English here:
// the window's language pack is an empty one (test/vscode/codeServer.mjs).
import * as assert from 'node:assert/strict';
import { useWorkbench } from './session';
import { UI_KEY, WRONG_KEY } from './workbench';

describe('UI: in German', () => {
  const t = useWorkbench({ displayLanguage: 'de' });

  it('names the view Medien and welcomes a new user in German, with the links kept', async () => {
    await t.ui.showMediaView();
    await t.ui.sidebar.getByRole('heading', { name: /^api\.audio: Medien/ }).waitFor();
    await t.ui.mediaPane.getByText('Verbinden Sie sich mit api.audio, um die Medien Ihrer Organisation zu durchsuchen, hochzuladen und abzuspielen.').waitFor();
    await t.ui.mediaPane.getByText('Der Schlüssel wird im geheimen Speicher von VS Code aufbewahrt, nie in den Einstellungen.').waitFor();
    await t.ui.mediaPane.getByRole('button', { name: 'API-Schlüssel festlegen' }).waitFor();
    await t.ui.mediaPane.getByRole('button', { name: 'AudioStack-Dateien anzeigen' }).waitFor();
    assert.equal(await t.ui.mediaPane.getByText('Connect to api.audio').count(), 0, 'the English welcome is shown too');
  });

  it('finds Set API Key by its German title as a person types it, and answers a wrong key in German', async () => {
    const page = t.workbench.page;
    await page.keyboard.press('F1');
    await t.ui.quickInputBox.waitFor();
    await t.ui.typeLikeAPerson('API-Schlüssel fest', 4);
    const option = t.ui.quickPickOption('api.audio: API-Schlüssel festlegen…');
    await option.waitFor();
    // The row the person ends up on is the one Enter runs.
    await option.and(page.locator('.monaco-list-row.focused')).waitFor();
    await page.keyboard.press('Enter');
    await t.ui.quickInput.filter({ hasText: 'api.audio: API-Schlüssel festlegen' }).waitFor();
    await t.ui.quickInput.filter({ hasText: 'Fügen Sie Ihren api.audio-API-Schlüssel ein.' }).waitFor();

    await t.ui.enterApiKey(WRONG_KEY);
    const rejected = 'api.audio hat diesen API-Schlüssel abgelehnt. Prüfen Sie, ob Sie ihn vollständig kopiert haben.';
    await t.ui.notification(rejected).waitFor();
    await t.ui.notificationButton(rejected, 'Erneut versuchen').click();
    await t.ui.enterApiKey(UI_KEY);
    await t.ui.notification('api.audio-API-Schlüssel im geheimen Speicher gespeichert.').waitFor();
    await t.ui.treeItem('intro').waitFor();
    await t.ui.clearNotifications();
  });

  it('asks before removing the key and says it is gone, in German; the German welcome comes back', async () => {
    const page = t.workbench.page;
    await page.keyboard.press('F1');
    await t.ui.quickInputBox.waitFor();
    await t.ui.typeLikeAPerson('Schlüssel entf', 6);
    const option = t.ui.quickPickOption('api.audio: API-Schlüssel entfernen');
    await option.and(page.locator('.monaco-list-row.focused')).waitFor();
    await page.keyboard.press('Enter');
    const modal = t.ui.modal.filter({ hasText: 'Den api.audio-API-Schlüssel aus dem geheimen Speicher dieses Computers entfernen?' });
    await modal.waitFor();
    assert.match(await modal.innerText(), /Die Medienansicht bleibt leer, bis Sie wieder einen Schlüssel festlegen\./);
    await modal.getByRole('button', { name: 'Entfernen', exact: true }).click();
    await t.ui.notification('Der api.audio-API-Schlüssel wurde entfernt.').waitFor();
    await t.ui.mediaPane.getByRole('button', { name: 'API-Schlüssel festlegen' }).waitFor();
  });
});
