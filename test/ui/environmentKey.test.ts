// The SDK's way of giving a key: the `apiaudio_key` environment variable (as in `npm start`).
import * as assert from 'node:assert/strict';
import { useWorkbench } from './session';
import { UI_KEY } from './workbench';

describe('UI: a key from the apiaudio_key environment variable', () => {
  const t = useWorkbench({ env: { apiaudio_key: UI_KEY } });

  it('lists with the environment key and offers to store it', async () => {
    await t.ui.showMediaView();
    await t.ui.treeItem('intro,').waitFor();
    const offer = /using the API key from the environment variable apiaudio_key/;
    await t.ui.notificationButton(offer, 'Store Key').click();
    await t.ui.notification('now kept in secret storage').waitFor();
    await t.ui.clearNotifications();
  });

  it('Remove API Key says the view keeps listing with the environment key, and it does', async () => {
    await t.ui.command('api.audio: Remove API Key');
    const modal = t.ui.modal.filter({ hasText: 'Remove the api.audio API key' });
    await modal.waitFor();
    const text = await modal.innerText();
    assert.match(text, /keeps listing with the key in the environment variable apiaudio_key/);
    assert.doesNotMatch(text, /stays empty/);
    await modal.getByRole('button', { name: 'Remove', exact: true }).click();
    await t.ui.notification(/keeps listing with the key in the environment variable apiaudio_key/).waitFor();
    await t.ui.treeItem('intro,').waitFor();
    assert.equal(await t.ui.mediaPane.getByRole('button', { name: 'Set API Key' }).count(), 0);
  });

  it('after Reload Window with the public library shown, lists both roots', async () => {
    const library = t.ui.tree.getByRole('treeitem').filter({ hasText: 'api.audio Library' });
    await t.ui.viewMenu('Show or Hide the Public Library');
    await t.ui.expand(library);
    await t.ui.reloadWindow();
    await t.ui.showMediaView();
    await library.waitFor();
    await t.ui.treeItem('intro,').waitFor();
    await t.ui.expand(library);
    await t.ui.treeItem('lofi,').waitFor();
    assert.equal(await t.ui.anyToast.filter({ hasText: /already registered/ }).count(), 0);
  });
});
