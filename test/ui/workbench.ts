// One VS Code workbench for a UI test file: a seeded emulator, code-server with the
// packaged .vsix installed (a throw-away user-data folder, a copy of the fixture
// workspace), and a Chromium page showing the workbench. Nothing here reaches into the
// extension: tests drive the page and read its DOM.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../emulator';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** A key the emulator accepts (32+ characters, no spaces). */
export const UI_KEY = 'uitest-0123456789abcdef0123456789abcdef';
export const WRONG_KEY = 'wrong0-0123456789abcdef0123456789abcdef';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Set by `npm run screenshots`: the tests also write the README's pictures. */
export const SCREENSHOTS = process.env.APIAUDIO_SCREENSHOTS === '1';

export function packagedVsix(): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run "npm run package" (npm run test:ui does).`);
  return vsix;
}

let browser: Browser | undefined;
/** Stops that must run even when the process is ended by the run's time limit. */
const running = new Set<() => void>();
process.once('exit', () => {
  for (const stop of running) stop();
});

async function sharedBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (Debian: apt-get install chromium).`);
  const { CHROMIUM_ARGS } = await import('../vscode/codeServer.mjs');
  browser ??= await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = undefined;
}

export interface WorkbenchOptions {
  /** Environment of code-server (and so of the extension host), e.g. `apiaudio_key`. */
  env?: Record<string, string>;
  /** Extra User settings (the browser side). */
  userSettings?: Record<string, unknown>;
  /** The display language, a VS Code language id ("de"); English when absent. */
  displayLanguage?: string;
}

export interface Workbench {
  page: Page;
  emulator: RunningEmulator;
  /** The copy of test/fixtures/workspace the window has open. */
  workspace: string;
  /** Where settings live: the window's User settings and the remote machine's. */
  settings: { user: string; machine: string };
  /** Loads the workbench page (again: Reload Window does the same from the UI). */
  load(): Promise<void>;
  close(): Promise<void>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const { startCodeServer, workbenchUrl } = await import('../vscode/codeServer.mjs');
  const scratch = mkdtempSync(path.join(tmpdir(), 'apiaudio-ui-'));
  const workspace = path.join(scratch, 'workspace');
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const emulator = await startEmulator({ apiKeys: [UI_KEY] });
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.apiaudio_key) delete env.apiaudio_key;
  delete env.aflr_key;
  let context: BrowserContext | undefined;
  let stopServer: () => void = () => undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    stopServer();
    running.delete(stopServer);
    await emulator.close().catch(() => undefined);
    if (process.env.APIAUDIO_UI_KEEP) console.error(`[ui] kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const server = await startCodeServer({
      repoRoot: REPO_ROOT,
      scratch,
      workspace,
      env,
      displayLanguage: options.displayLanguage,
      installExtensions: [packagedVsix()],
      userSettings: { 'workbench.editor.enablePreview': true, ...options.userSettings },
      // apiAudio.baseUrl is machine-scoped: a remote window reads it from here only.
      machineSettings: { 'apiAudio.baseUrl': emulator.url, 'apiAudio.filesBaseUrl': emulator.url },
    });
    stopServer = server.stop;
    running.add(server.stop);
    context = await (await sharedBrowser()).newContext({ viewport: { width: 1100, height: 680 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    // The workbench reads the clipboard through the browser's API.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${server.port}` });
    const url = workbenchUrl({ port: server.port, workspace });
    const load = async () => {
      await page.goto(url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // The extension contributes an activity-bar entry once the workbench knows it.
      await page.getByRole('tab', { name: /^api\.audio/ }).waitFor({ timeout: 60_000 });
      if (options.displayLanguage) {
        // The language VS Code resolved: without it the "German" run would pass in English.
        const language = await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE ?? 'en');
        if (language !== options.displayLanguage) throw new Error(`VS Code took "${language}" as the display language, not "${options.displayLanguage}"`);
      }
    };
    await load();
    return { page, emulator, workspace, settings: server.settings, load, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Writes a file into the window's workspace (e.g. something to upload). */
export function writeWorkspaceFile(workbench: Workbench, name: string, bytes: Buffer): string {
  const file = path.join(workbench.workspace, name);
  writeFileSync(file, bytes);
  return file;
}
