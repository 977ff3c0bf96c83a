// Helpers for the AudioStack Files suites: rows of the Files view found by label as a
// person expands them, and a scripted stand-in for the folder picker
// (vscode.window.createQuickPick) that walks folders as a person would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FilesTreeNode } from '../../src/tree/filesTreeProvider';
import type { SuiteContext } from './helpers';

/** The Files view's rows as a person reads them: by label, expanding folders on the way. */
export function filesRows(t: SuiteContext) {
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
  /** Walks `Music/Beds/Ambient/calm-pad.wav` from the root, as a person expands the rows. */
  const rowAt = async (rowPath: string): Promise<FilesTreeNode> => {
    let node: FilesTreeNode | undefined;
    for (const part of rowPath.split('/')) node = await child(node, part);
    return node!;
  };
  return { files, labelOf, children, child, rowAt };
}

export interface FakeFolderPicker {
  /** The picker's title each time a folder was shown and the person read it. */
  titles: string[];
  /** The labels of the rows when the picker was first read. */
  firstRows: string[];
  done: Promise<void>;
}

/**
 * A fake QuickPick for the folder picker, driven like a person: wait for the folder to be
 * listed, then Enter on the row named by each step in turn ("Music", "Beds", "Upload Here";
 * a row's icon is not part of its name), or Escape for `undefined`. Only the person is
 * faked: the extension builds the rows and reads the one accepted.
 */
export function fakeFolderPicker(steps: Array<string | undefined>): { create: () => vscode.QuickPick<vscode.QuickPickItem>; record: FakeFolderPicker } {
  const accept = new vscode.EventEmitter<void>();
  const hide = new vscode.EventEmitter<void>();
  const other = new vscode.EventEmitter<never>();
  let finish: () => void = () => undefined;
  const record: FakeFolderPicker = { titles: [], firstRows: [], done: new Promise((resolve) => (finish = resolve)) };
  const nameOf = (item: vscode.QuickPickItem) => item.label.replace(/^\$\([\w~-]+\)\s*/, '');
  const quickPick = {
    title: undefined as string | undefined,
    placeholder: undefined as string | undefined,
    value: '',
    items: [] as readonly vscode.QuickPickItem[],
    selectedItems: [] as readonly vscode.QuickPickItem[],
    activeItems: [] as readonly vscode.QuickPickItem[],
    matchOnDescription: false,
    busy: false,
    onDidAccept: accept.event,
    onDidHide: hide.event,
    onDidChangeValue: other.event,
    onDidChangeSelection: other.event,
    onDidChangeActive: other.event,
    show() {
      setTimeout(() => void run(), 0);
    },
    hide() {
      hide.fire();
    },
    dispose() {
      for (const emitter of [accept, hide, other]) emitter.dispose();
      finish();
    },
  };
  /** A person waits for the spinner to stop and the rows to be drawn. */
  const listed = async () => {
    const deadline = Date.now() + 10_000;
    while (quickPick.busy || quickPick.items.length === 0) {
      if (Date.now() > deadline) throw new Error('the folder picker never finished listing');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const run = async () => {
    for (const step of steps) {
      await listed();
      record.titles.push(quickPick.title ?? '');
      if (record.firstRows.length === 0) record.firstRows = quickPick.items.map(nameOf);
      if (step === undefined) return quickPick.hide();
      const item = quickPick.items.find((candidate) => nameOf(candidate) === step);
      assert.ok(item, `no row "${step}" in the folder picker: ${quickPick.items.map(nameOf).join(', ')}`);
      quickPick.activeItems = [item];
      quickPick.selectedItems = [item];
      accept.fire();
    }
  };
  return { create: () => quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>, record };
}
