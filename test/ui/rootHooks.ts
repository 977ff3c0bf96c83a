// Root hooks of the UI suite: one bound on the whole run (code-server, Chromium and the
// emulators are stopped on exit, whatever happens), one shared browser closed at the end,
// and a picture of the page for each failing test (APIAUDIO_UI_FAILURES, default a temp folder).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Context } from 'mocha';
import { closeBrowser, packagedVsix } from './workbench';
import { currentPage } from './session';

const RUN_TIMEOUT_MS = Number(process.env.APIAUDIO_UI_TIMEOUT_MS ?? 1_500_000);
const failures = process.env.APIAUDIO_UI_FAILURES ?? path.join(tmpdir(), 'apiaudio-ui-failures');

export const mochaHooks = {
  beforeAll(): void {
    packagedVsix();
    setTimeout(() => {
      console.error(`[ui] the run did not finish within ${RUN_TIMEOUT_MS} ms: stopping.`);
      process.exit(124);
    }, RUN_TIMEOUT_MS).unref();
  },
  async afterEach(this: Context): Promise<void> {
    const page = currentPage();
    if (this.currentTest?.state !== 'failed' || !page) return;
    mkdirSync(failures, { recursive: true });
    const file = path.join(failures, `${this.currentTest.fullTitle().replace(/[^\w-]+/g, '_').slice(0, 120)}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    console.error(`[ui] screenshot of the failure: ${file}`);
    if (process.env.APIAUDIO_UI_DEBUG) console.error(await page.locator('.part.sidebar').ariaSnapshot().catch(() => ''));
  },
  async afterAll(): Promise<void> {
    await closeBrowser();
  },
};
