// Helpers for the AudioStack Files suites: the view's rows as a person expands them, and a
// scripted stand-in for the folder picker (vscode.window.createQuickPick) that walks the
// folders as a person does: Enter on a folder goes into it, Enter on the first row chooses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FilesTreeNode } from '../../src/tree/audiostack/filesTreeProvider';
import type { HumanStubs, SuiteContext } from './helpers';

export interface FilesRows {
  files(): SuiteContext['hooks']['services']['files'];
  labelOf(node: FilesTreeNode): string;
  children(node?: FilesTreeNode): Promise<FilesTreeNode[]>;
  child(parent: FilesTreeNode | undefined, label: string): Promise<FilesTreeNode>;
  /** Walks `Music/Beds/Ambient/calm-pad.wav` from the root, as a person expands the rows. */
  rowAt(rowPath: string): Promise<FilesTreeNode>;
}

export function filesRows(t: SuiteContext): FilesRows {
  const files = () => t.hooks.services.files;
  const labelOf = (node: FilesTreeNode): string => {
    const label = files().tree.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  };
  const children = async (node?: FilesTreeNode) => (await files().tree.getChildren(node)) ?? [];
  const child = async (parent: FilesTreeNode | undefined, label: string): Promise<FilesTreeNode> => {
    const found = (await children(parent)).find((node) => labelOf(node) === label);
    assert.ok(found, `no row "${label}" under ${parent ? labelOf(parent) : 'the root'}: ${(await children(parent)).map(labelOf).join(', ')}`);
    return found;
  };
  const rowAt = async (rowPath: string): Promise<FilesTreeNode> => {
    let node: FilesTreeNode | undefined;
    for (const part of rowPath.split('/')) node = await child(node, part);
    return node!;
  };
  return { files, labelOf, children, child, rowAt };
}

export interface FolderPickerRecord {
  /** Each screen the picker showed: its title and rows (`label — description`). */
  screens: Array<{ title: string; rows: string[] }>;
  done: Promise<void>;
}

/**
 * Scripts the next folder picker: `steps` are the rows (labels without their icon) a person
 * presses Enter on, one screen after another; `escape` ends with Escape instead. Only the
 * person is faked: the extension builds the rows and reads what was accepted.
 */
export function scriptFolderPicker(human: HumanStubs, steps: readonly string[], options: { escape?: boolean; typedBeforeLast?: string } = {}): FolderPickerRecord {
  const accept = new vscode.EventEmitter<void>();
  const hide = new vscode.EventEmitter<void>();
  let finish: () => void = () => undefined;
  const record: FolderPickerRecord = { screens: [], done: new Promise((resolve) => (finish = resolve)) };
  let items: readonly vscode.QuickPickItem[] = [];
  let shown = 0;
  const picker = {
    title: undefined as string | undefined,
    placeholder: undefined as string | undefined,
    value: '',
    busy: false,
    matchOnDescription: false,
    selectedItems: [] as readonly vscode.QuickPickItem[],
    activeItems: [] as readonly vscode.QuickPickItem[],
    get items() {
      return items;
    },
    set items(value: readonly vscode.QuickPickItem[]) {
      items = value;
      shown++;
    },
    onDidAccept: accept.event,
    onDidHide: hide.event,
    show() {
      void run();
    },
    hide() {
      hide.fire();
    },
    dispose() {
      accept.dispose();
      hide.dispose();
      finish();
    },
  };
  const stripIcon = (label: string) => label.replace(/^\$\([^)]*\)\s*/, '');
  /** A person waits for the rows of the next screen (the spinner gone) before reading them. */
  const nextScreen = async (seen: number) => {
    const deadline = Date.now() + 10_000;
    while (shown <= seen || picker.busy) {
      if (Date.now() > deadline) throw new Error(`the folder picker showed no new rows after ${record.screens.length} screens`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    record.screens.push({ title: picker.title ?? '', rows: items.map((item) => `${stripIcon(item.label)}${item.description ? ` — ${item.description}` : ''}`) });
  };
  const run = async () => {
    let seen = 0;
    for (const step of steps) {
      await nextScreen(seen);
      seen = shown;
      const item = items.find((candidate) => stripIcon(candidate.label) === step);
      assert.ok(item, `no row "${step}" in the folder picker: ${record.screens.at(-1)?.rows.join(' | ')}`);
      picker.activeItems = [item];
      picker.selectedItems = [item];
      // Text typed into the filter before the last Enter (the row chosen is always shown).
      if (step === steps.at(-1) && options.typedBeforeLast !== undefined) picker.value = options.typedBeforeLast;
      accept.fire();
    }
    if (options.escape) {
      if (steps.length === 0) await nextScreen(seen);
      picker.hide();
    }
  };
  human.createQuickPick.callsFake((() => picker) as never);
  return record;
}

/**
 * The AudioStack Files view shown and freshly listed before each test (the emulator's
 * request log then cleared), and api.audio Media shown again after the suite.
 */
export function showFilesViewForEachTest(t: SuiteContext): void {
  beforeEach(async () => {
    await vscode.commands.executeCommand('apiAudio.showAudioStackFiles');
    // A reload forgets every folder and lists the root again (and code insight's lookups).
    await t.hooks.services.files.browser.reload();
    t.emulator.control.reset();
  });
  after(async () => {
    await vscode.commands.executeCommand('apiAudio.showApiAudioMedia');
  });
}
