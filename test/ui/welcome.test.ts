// A new user without a key: the welcome view, a wrong key then the right one, and the
// view's error messages with their buttons; and the installed extension's Details page.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from './session';
import { REPO_ROOT, SCREENSHOTS, UI_KEY, WRONG_KEY } from './workbench';

describe('UI: a new user without a key', () => {
  const t = useWorkbench();

  it('opens the view on the welcome message with a Set API Key button', async () => {
    await t.ui.showMediaView();
    const welcome = t.ui.mediaPane.getByRole('button', { name: 'Set API Key' });
    await welcome.waitFor();
    assert.equal(await t.ui.tree.getByRole('treeitem').count(), 0);
    await t.ui.screenshot('welcome', SCREENSHOTS);
  });

  it('hides Refresh, Filter and Find from the palette until there is a key', async () => {
    const titles = await t.ui.paletteCommands('api.audio:');
    assert.ok(titles.includes('api.audio: Set API Key…'), titles.join(' | '));
    for (const hidden of ['api.audio: Refresh', 'api.audio: Filter by Tags…', 'api.audio: Find Media…', 'api.audio: Clear Filter']) {
      assert.ok(!titles.includes(hidden), `${hidden} is offered without a key: ${titles.join(' | ')}`);
    }
  });

  it('rejects a wrong key with Try Again, then lists the library with the right one; no progress lingers', async () => {
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

  it('shows Retry, Open Settings and Show Log when api.audio cannot be reached', async () => {
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

/** What the test reads of an <img> in the page (the DOM types are not in this project's lib). */
interface Picture {
  alt: string;
  complete: boolean;
  naturalWidth: number;
  getAttribute(name: string): string | null;
  addEventListener(type: 'load' | 'error', listener: () => void, options: { once: boolean }): void;
}

describe('UI: the installed extension', () => {
  const t = useWorkbench();

  it("shows every picture of the README on the extension's Details page", async () => {
    const page = t.workbench.page;
    // The Extensions view, its search box, the installed extension found by name.
    await page.keyboard.press('Control+Shift+X');
    const search = page.locator('.part.sidebar .extensions-viewlet .suggest-input-container textarea, .part.sidebar .extensions-viewlet .monaco-inputbox textarea').first();
    await search.waitFor();
    await search.focus();
    await page.keyboard.press('Control+A');
    await t.ui.typeLikeAPerson('@installed api.audio', '@installed '.length);
    const row = page.locator('.part.sidebar .extensions-viewlet').getByRole('listitem', { name: /^api\.audio Media/ });
    await row.first().waitFor();
    // Ctrl+Down moves from the search box to the results, Enter opens the row it is on.
    await page.keyboard.press('Control+ArrowDown');
    await row.first().and(page.locator('.monaco-list-row.focused')).waitFor();
    await page.keyboard.press('Enter');
    await t.ui.editorTab(/^Extension: api\.audio Media/).waitFor();

    // The Details page is a webview: an iframe holding the rendered README in its own frame.
    const readme = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await readme.getByRole('heading', { name: 'api.audio Media for VS Code' }).waitFor();
    const images = readme.locator('img');
    await images.first().waitFor({ state: 'attached' });
    // Each picture has loaded or failed by the time its load or error event fires.
    const pictures = await images.evaluateAll((nodes) =>
      Promise.all(
        (nodes as unknown as Picture[]).map(async (img) => {
          if (!img.complete) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, 15_000);
              const done = () => {
                clearTimeout(timer);
                resolve();
              };
              img.addEventListener('load', done, { once: true });
              img.addEventListener('error', done, { once: true });
            });
          }
          return { alt: img.alt, src: img.getAttribute('src')?.slice(0, 60) ?? '', width: img.naturalWidth };
        }),
      ),
    );
    assert.ok(pictures.length > 0, 'the Details page shows no picture at all');
    const inReadme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').match(/!\[[^\]]*\]\(/g) ?? [];
    assert.equal(pictures.length, inReadme.length, 'the Details page shows a different number of pictures than README.md has');
    const broken = pictures.filter((picture) => picture.width === 0);
    assert.deepEqual(broken, [], `${broken.length} of ${pictures.length} pictures did not load`);
  });
});
