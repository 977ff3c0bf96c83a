// Shared helpers for the integration suite (runs inside the VS Code extension host).
// Tests reach the extension's own objects through the hooks activate() returns in test
// mode; only the human (input boxes, quick picks, dialogs, messages) is stubbed.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/extension';
import type { MediaTreeNode } from '../../src/tree/apiaudio/nodes';
import { startEmulator, type RunningEmulator } from '../emulator';
import { readLocalizedManifest } from '../unit/manifestText';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
  name: string;
  publisher: string;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    views: Record<string, Array<{ id: string; name: string }>>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
    keybindings?: Array<{ command: string; key: string; mac?: string; when?: string }>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

/** package.json as VS Code shows it in English: its %key% strings read from package.nls.json. */
export function readManifest(): Manifest {
  return readLocalizedManifest<Manifest>(REPO_ROOT);
}

const manifest = readManifest();
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
export const VIEW_ID = 'apiAudio.media';

/** A key the emulator accepts (the SDK's rule: 32+ characters, no spaces). */
export const TEST_KEY = 'itest-0123456789abcdef0123456789abcdef';
export const OTHER_VALID_LOOKING_KEY = 'wrong-0123456789abcdef0123456789abcdef';

export async function activateExtension(): Promise<TestHooks> {
  const extension = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const hooks = await extension.activate();
  if (!hooks) throw new Error('the extension returned no test hooks: is it running in test mode?');
  // The start-up refresh waits for the view to be shown.
  await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  await hooks.ready;
  return hooks;
}

/** A seeded emulator for one test file. */
export async function startSeededEmulator(): Promise<RunningEmulator> {
  return startEmulator({ apiKeys: [TEST_KEY] });
}

/** Points the extension at `emulatorUrl`, with `key` stored (null: none), and waits for a fresh listing. */
export async function connect(hooks: TestHooks, emulatorUrl: string, key: string | null = TEST_KEY): Promise<void> {
  // Settings and secrets round-trip through the workbench: write only what differs.
  for (const setting of ['baseUrl', 'filesBaseUrl']) {
    if (vscode.workspace.getConfiguration('apiAudio').inspect(setting)?.globalValue !== emulatorUrl) await setSetting(setting, emulatorUrl);
  }
  const stored = await hooks.services.context.secrets.get('apiAudio.apiKey');
  if (key === null && stored !== undefined) await hooks.services.apiKeys.remove();
  else if (key !== null && stored !== key) await hooks.services.apiKeys.store(key);
  await settle(hooks);
}

/**
 * Waits for the library to finish whatever load a key or settings change started: the
 * change events have been delivered when the update resolved; the provider's check of the
 * connection decides whether a reload starts, and refresh() joins that reload.
 */
export async function settle(hooks: TestHooks): Promise<void> {
  // Both services watch the key: each announces a change of its connection once checked.
  await Promise.all([hooks.services.clients.settled(), hooks.services.files.clients.settled()]);
  await hooks.services.library.refresh();
}

export async function setSetting(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('apiAudio').update(name, value, vscode.ConfigurationTarget.Global);
}

/**
 * Puts every apiAudio setting but the base URLs back to its default and clears the filter
 * and the SDK environment variables; the next connect() sets the base URL and the key.
 */
export async function resetExtension(hooks: TestHooks): Promise<void> {
  if (process.env.apiaudio_key !== undefined || process.env.aflr_key !== undefined) {
    delete process.env.apiaudio_key;
    delete process.env.aflr_key;
    // No event tells the window that its environment changed: a real process never sees it.
    hooks.services.clients.recheck();
    hooks.services.files.clients.recheck();
  }
  const config = vscode.workspace.getConfiguration();
  for (const name of Object.keys(manifest.contributes.configuration.properties)) {
    // Each write round-trips through settings.json: touch only what a test changed.
    if (name !== 'apiAudio.baseUrl' && name !== 'apiAudio.filesBaseUrl' && config.inspect(name)?.globalValue !== undefined) {
      await config.update(name, undefined, vscode.ConfigurationTarget.Global);
    }
  }
  if (hooks.services.library.filterTags.length > 0) await hooks.services.library.setFilter([]);
}

export interface SuiteContext {
  hooks: TestHooks;
  emulator: RunningEmulator;
  sandbox: sinon.SinonSandbox;
  /** Every prompt stubbed (fail-fast) and every message recorded, fresh per test. */
  human: HumanStubs;
  logSpies: sinon.SinonSpy[];
}

/**
 * Registers the usual mocha hooks for a suite: the extension activated, one seeded
 * emulator for the file, each test connected with `key` (null: no key) with the human
 * stubbed and the log spied on; after a passing test, nothing shown or logged may hold
 * the key or a signature; then everything is put back. Read the fields inside tests.
 */
export function useSeededExtension(key: string | null = TEST_KEY): SuiteContext {
  const t = {} as SuiteContext;
  before(async () => {
    t.hooks = await activateExtension();
    t.emulator = await startSeededEmulator();
  });
  beforeEach(async () => {
    t.sandbox = sinon.createSandbox();
    t.human = stubHuman(t.sandbox);
    t.logSpies = spyOnLog(t.hooks, t.sandbox);
    await connect(t.hooks, t.emulator.url, key);
    t.emulator.control.reset();
  });
  afterEach(async function () {
    try {
      if (this.currentTest?.state === 'passed') assertNoSecretsShownOrLogged(t.human, t.logSpies);
    } finally {
      t.sandbox.restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await resetExtension(t.hooks);
    }
  });
  after(async () => {
    await t.emulator.close();
  });
  return t;
}

export type HumanStubs = ReturnType<typeof stubHuman>;

/**
 * Stubs every way the extension asks a person something. Any prompt a test did not
 * script fails the test at once instead of hanging; plain notifications are recorded.
 */
export function stubHuman(sandbox: sinon.SinonSandbox) {
  const unexpected = (what: string) => (...args: unknown[]) =>
    Promise.reject(new Error(`Unexpected ${what}: ${JSON.stringify(args[0])?.slice(0, 200)}`));
  return {
    showInputBox: sandbox.stub(vscode.window, 'showInputBox').callsFake(unexpected('input box')),
    showQuickPick: sandbox.stub(vscode.window, 'showQuickPick').callsFake(unexpected('quick pick') as never),
    showOpenDialog: sandbox.stub(vscode.window, 'showOpenDialog').callsFake(unexpected('open dialog')),
    showSaveDialog: sandbox.stub(vscode.window, 'showSaveDialog').callsFake(unexpected('save dialog')),
    createQuickPick: sandbox.stub(vscode.window, 'createQuickPick').callsFake(unexpected('quick pick (createQuickPick)') as never),
    showInformationMessage: sandbox.stub(vscode.window, 'showInformationMessage').resolves(undefined),
    showWarningMessage: sandbox.stub(vscode.window, 'showWarningMessage').resolves(undefined),
    showErrorMessage: sandbox.stub(vscode.window, 'showErrorMessage').resolves(undefined),
  };
}

/** Spies on the log channel, so a test can check that no secret reached it. */
export function spyOnLog(hooks: TestHooks, sandbox: sinon.SinonSandbox): sinon.SinonSpy[] {
  const channel = hooks.services.logger.channel;
  return (['trace', 'debug', 'info', 'warn', 'error'] as const).map((level) => sandbox.spy(channel, level));
}

/** Fails when a message shown to the person or a log line holds the API key or a signature. */
export function assertNoSecretsShownOrLogged(human: HumanStubs, logSpies: sinon.SinonSpy[]): void {
  const texts = [
    ...[human.showInformationMessage, human.showWarningMessage, human.showErrorMessage].flatMap((stub) =>
      stub.getCalls().map((call) => JSON.stringify(call.args)),
    ),
    ...logSpies.flatMap((spy) => spy.getCalls().map((call) => JSON.stringify(call.args))),
  ];
  for (const text of texts) {
    assert.ok(!text.includes(TEST_KEY), `the API key was shown or logged: ${text}`);
    assert.ok(!/Signature=(?!REDACTED)[^&\s"]+/.test(text), `a presigned signature was shown or logged: ${text}`);
  }
}

/** The labels of a message stub's calls (first argument). */
export function messages(stub: sinon.SinonStub): string[] {
  return stub.getCalls().map((call) => String(call.args[0]));
}

/** The tree as text: `label (description)` lines, children indented, fully expanded. */
export async function renderTree(hooks: TestHooks, depth = 3): Promise<string[]> {
  const { tree } = hooks.services;
  const lines: string[] = [];
  const walk = async (node: MediaTreeNode | undefined, indent: string, level: number) => {
    const children = await tree.getChildren(node);
    for (const child of children ?? []) {
      const item = tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      lines.push(`${indent}${label}${item.description ? ` (${item.description})` : ''}`);
      if (level < depth) await walk(child, `${indent}  `, level + 1);
    }
  };
  await walk(undefined, '', 1);
  return lines;
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
