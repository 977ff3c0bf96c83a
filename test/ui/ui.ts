// What a person does in the workbench, as Playwright steps: clicks, keys, the command
// palette by title, context menus. Every wait is on a condition in the DOM.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { readLocalizedManifest } from '../unit/manifestText';
import { REPO_ROOT } from './workbench';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches an accessible name that starts with `text` (VS Code appends hints such as ", similar commands"). */
export function startingWith(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}`);
}

/** About how long a person takes from one key to the next. */
export const PERSON_KEY_DELAY_MS = 180;
/** A person's pause in the middle of typing. */
const PERSON_PAUSE_MS = 1_200;

export class Ui {
  /** The names of the extension's views (Media, AudioStack Files) in the window's display language, as a RegExp alternation. */
  private readonly viewNamePattern: string;

  /** `language`: the window's display language (English when absent), for the view names the steps look for. */
  constructor(
    readonly page: Page,
    language?: string,
  ) {
    const manifest = readLocalizedManifest<{ contributes: { views: Record<string, Array<{ name: string }>> } }>(REPO_ROOT, language);
    this.viewNamePattern = Object.values(manifest.contributes.views)
      .flat()
      .map((view) => escapeRegExp(view.name))
      .join('|');
  }

  // --- the Media view ---------------------------------------------------------------

  get sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** The side bar while it shows the api.audio container (its only view is Media). */
  get mediaPane(): Locator {
    return this.sidebar;
  }

  get tree(): Locator {
    return this.sidebar.getByRole('tree', { name: new RegExp(`^(${this.viewNamePattern})$`) });
  }

  /** A row of the Media tree by its accessible name (a string matches its beginning). */
  treeItem(name: string | RegExp): Locator {
    return this.tree.getByRole('treeitem', { name: typeof name === 'string' ? startingWith(name) : name });
  }

  async showMediaView(): Promise<void> {
    await this.showContainer(/^api\.audio/, this.sidebar.getByRole('heading', { name: new RegExp(`^api\\.audio: (${this.viewNamePattern})`) }));
  }

  /**
   * Switches the view to AudioStack Files as a person does: Switch Service… in its title bar,
   * a few letters typed, Enter; resolves once the root's folders are drawn.
   */
  async switchToAudioStackFiles(): Promise<void> {
    await this.mediaPane.hover();
    await this.mediaPane.getByRole('button', { name: 'Switch Service…' }).click();
    await this.quickPickOption('api.audio Media').waitFor();
    await this.typeLikeAPerson('AudioSt', 4);
    await this.quickPickOption('api.audio Media').waitFor({ state: 'hidden' });
    await this.page.keyboard.press('Enter');
    await this.treeItem('Folder Music').waitFor();
  }

  async showExplorer(): Promise<void> {
    await this.showContainer(/^Explorer/, this.sidebar.getByRole('heading', { name: 'Explorer', exact: true }));
  }

  /** Clicks an activity-bar entry unless it is already the open one (a second click would close the side bar). */
  private async showContainer(name: RegExp, heading: Locator): Promise<void> {
    const tab = this.page.locator('.part.activitybar').getByRole('tab', { name });
    if ((await tab.getAttribute('aria-selected')) !== 'true' || !(await heading.isVisible())) {
      await tab.click();
      // Move the pointer away, or the tab's hover covers the side bar's first rows.
      await this.page.mouse.move(700, 400);
    }
    await heading.waitFor();
  }

  /** Expands a collapsed tree row (a click on it, as a person would). */
  async expand(row: Locator): Promise<void> {
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await this.waitForAttribute(row, 'aria-expanded', 'true');
  }

  async waitForAttribute(locator: Locator, name: string, value: string): Promise<void> {
    await locator.and(this.page.locator(`[${name}="${value}"]`)).waitFor();
  }

  /** Right-clicks `target` and picks `item` from its context menu. */
  async contextMenu(target: Locator, item: string): Promise<void> {
    await target.click({ button: 'right' });
    await this.pickMenuItem(item);
  }

  /**
   * Clicks an entry of the open menu. A menu ignores the clicks that reach it while it is
   * still opening, so the click is repeated until the menu has closed.
   */
  async pickMenuItem(item: string): Promise<void> {
    const entry = this.menuItem(item);
    const menu = this.page.locator('.context-view.monaco-menu-container');
    for (let attempt = 0; attempt < 5; attempt++) {
      await entry.hover();
      await entry.click();
      try {
        await menu.waitFor({ state: 'hidden', timeout: 1_000 });
        return;
      } catch {
        // still open: the click came too early
      }
    }
    throw new Error(`the menu entry ${item} did not react to clicks`);
  }

  /** An item of the open context menu (VS Code draws it in a shadow root Playwright pierces). */
  menuItem(name: string): Locator {
    return this.page.locator('.context-view.monaco-menu-container').getByRole('menuitem', { name: startingWith(name) });
  }

  /** The view's `…` menu entry `item` (view/title secondary actions). */
  async viewMenu(item: string): Promise<void> {
    await this.mediaPane.locator('[aria-label^="Views and More Actions"], [aria-label^="More Actions"]').first().click();
    await this.pickMenuItem(item);
  }

  // --- the command palette and quick inputs -----------------------------------------

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  /** A row of the open quick pick (`option`, or `checkbox` in a multi-select one). */
  quickPickOption(name: string | RegExp): Locator {
    const list = this.quickInput.getByRole('listbox');
    const accessibleName = typeof name === 'string' ? startingWith(name) : name;
    return list
      .getByRole('option', { name: accessibleName })
      .or(list.getByRole('checkbox', { name: accessibleName }).and(list.locator('.monaco-list-row')));
  }

  /** Opens the palette with `>` and `filter` typed; resolves with the visible command titles. */
  async paletteCommands(filter: string): Promise<string[]> {
    await this.openPalette(filter);
    const options = this.quickInput.getByRole('option');
    await options.first().waitFor();
    const names = await options.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
    await this.page.keyboard.press('Escape');
    await this.quickInput.waitFor({ state: 'hidden' });
    return names.map((name) => name.replace(/, similar commands$/, ''));
  }

  /** Runs a command by its title from the palette, as typed by a person. */
  async command(title: string): Promise<void> {
    await this.openPalette(title);
    const option = this.quickInput.getByRole('option', { name: new RegExp(`^${escapeRegExp(title)}(,|$)`) });
    await option.first().waitFor();
    await option.first().click();
  }

  private async openPalette(text: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInputBox.waitFor();
    await this.quickInputBox.fill(`>${text}`);
  }

  /**
   * Types into what has the keyboard focus at a person's pace: PERSON_KEY_DELAY_MS between
   * keys, and a pause (a person thinking, not a wait for anything) after `pauseAfter` keys.
   */
  async typeLikeAPerson(text: string, pauseAfter?: number): Promise<void> {
    const keys = [...text];
    const at = pauseAfter ?? keys.length;
    await this.page.keyboard.type(keys.slice(0, at).join(''), { delay: PERSON_KEY_DELAY_MS });
    if (at < keys.length) {
      await this.page.waitForTimeout(PERSON_PAUSE_MS);
      await this.page.keyboard.type(keys.slice(at).join(''), { delay: PERSON_KEY_DELAY_MS });
    }
  }

  /** Types `key` into the Set API Key box (already open), as a person does, and confirms. */
  async enterApiKey(key: string): Promise<void> {
    const box = this.quickInput.locator('input[type="password"]');
    await box.waitFor();
    await box.focus();
    await this.typeLikeAPerson(key, Math.floor(key.length / 2));
    await this.page.keyboard.press('Enter');
  }

  /** Sets the key from the palette and waits for the listing (a tag row). */
  async setApiKey(key: string, firstRow = 'intro'): Promise<void> {
    await this.command('api.audio: Set API Key…');
    await this.enterApiKey(key);
    await this.showMediaView();
    await this.treeItem(firstRow).waitFor();
  }

  /**
   * Developer: Reload Window, then waits for the new page to restore the side bar it had.
   * The old page shows the activity bar until it unloads, and the new one shows the
   * restored container's tab unselected for a moment: a click then would close the side bar.
   */
  async reloadWindow(): Promise<void> {
    const selectedTab = '.part.activitybar [role="tab"][aria-selected="true"]';
    const sideBarShown = (await this.page.locator(selectedTab).count()) > 0;
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: 60_000 });
    await this.command('Developer: Reload Window');
    await navigated;
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.getByRole('tab', { name: /^api\.audio/ }).waitFor({ timeout: 60_000 });
    if (sideBarShown) await this.page.locator(selectedTab).waitFor({ timeout: 60_000 });
  }

  // --- notifications and dialogs -----------------------------------------------------

  /** A notification toast whose text matches. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts [role="dialog"]').filter({ hasText: text });
  }

  get anyToast(): Locator {
    return this.page.locator('.notifications-toasts [role="dialog"]');
  }

  /** A button of the notification matching `text`. */
  notificationButton(text: string | RegExp, button: string): Locator {
    return this.notification(text).getByRole('button', { name: button, exact: true });
  }

  async clearNotifications(): Promise<void> {
    await this.command('Notifications: Clear All Notifications');
    await this.anyToast.first().waitFor({ state: 'detached' });
  }

  /** The modal dialog VS Code shows for `{ modal: true }` messages. */
  get modal(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  // --- editors ----------------------------------------------------------------------

  editorTab(name: string | RegExp): Locator {
    return this.page.locator('.part.editor').getByRole('tab', { name: typeof name === 'string' ? startingWith(name) : name });
  }

  /** Closes every editor (keyboard focus must be somewhere that allows it). */
  async closeAllEditors(): Promise<void> {
    await this.command('View: Close All Editors');
    await this.page.locator('.part.editor [role="tab"]').first().waitFor({ state: 'detached' });
  }

  /** Waits until nothing matches `locator` (each match detached in turn). */
  async waitForNone(locator: Locator): Promise<void> {
    while ((await locator.count()) > 0) await locator.first().waitFor({ state: 'detached' });
  }

  /** True when the keyboard focus is inside `locator`. */
  async hasFocusWithin(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => element.contains(element.ownerDocument.activeElement));
  }

  /** Writes `media/<name>.png` (only in `npm run screenshots`): the page, or the `clip` rectangle of it. */
  async screenshot(name: string, enabled: boolean, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
    if (!enabled) return;
    const dir = path.join(REPO_ROOT, 'media');
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, `${name}.png`), clip });
  }
}
