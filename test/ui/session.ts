// One workbench per test file: `useWorkbench()` opens it before the file's tests and
// closes it after them.
import type { Page } from 'playwright-core';
import { Ui } from './ui';
import { openWorkbench, type Workbench, type WorkbenchOptions } from './workbench';

let current: Workbench | undefined;

export function currentPage(): Page | undefined {
  return current?.page;
}

export interface Session {
  workbench: Workbench;
  ui: Ui;
}

export function useWorkbench(options: WorkbenchOptions = {}): Session {
  const session = {} as Session;
  before(async function () {
    this.timeout(120_000);
    session.workbench = current = await openWorkbench(options);
    session.ui = new Ui(session.workbench.page, options.displayLanguage);
  });
  // Whatever a failed test left open (a quick input, a dialog, a menu) is dismissed, as a
  // person would with Escape, so the next test starts from the workbench.
  afterEach(async () => {
    const page = session.workbench?.page;
    if (!page) return;
    const open = page.locator('.quick-input-widget:visible, .monaco-dialog-box:visible, .context-view.monaco-menu-container:visible');
    for (let i = 0; i < 5 && (await open.count()) > 0; i++) await page.keyboard.press('Escape');
  });
  after(async () => {
    await session.workbench?.close();
    current = undefined;
  });
  return session;
}
