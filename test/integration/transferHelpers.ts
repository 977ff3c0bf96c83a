// Helpers for the transfer and item-action suites: a scripted stand-in for the tag
// picker (vscode.window.createQuickPick), scratch folders inside the test workspace, and
// finding tree nodes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/extension';
import type { MediaNode, MediaTreeNode, TagNode } from '../../src/tree/apiaudio/nodes';
import type { HumanStubs } from './helpers';

export interface TagPickerScript {
  /** Existing tags to check (by label). */
  check?: string[];
  /** A new tag typed last and confirmed with Enter. */
  typeThenEnter?: string;
  /** Dismiss instead of accepting. */
  dismiss?: boolean;
}

export interface FakeTagPicker {
  /** Labels of the items when the picker was shown. */
  shownLabels: string[];
  /** Labels checked when the picker was shown (the preset tags). */
  initiallyChecked: string[];
  /** The titles shown while typing (what Enter would add). */
  offered: string[];
  done: Promise<void>;
}

/**
 * A fake QuickPick driven like a person would: check existing tags, type new ones,
 * check existing tags, press Enter. Only the person is faked: the extension's own code
 * builds the items and reads the selection.
 */
export function fakeTagPicker(script: TagPickerScript): { create: () => vscode.QuickPick<vscode.QuickPickItem>; record: FakeTagPicker } {
  const changeValue = new vscode.EventEmitter<string>();
  const changeSelection = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>();
  const accept = new vscode.EventEmitter<void>();
  const hide = new vscode.EventEmitter<void>();
  let finish: () => void = () => undefined;
  const record: FakeTagPicker = { shownLabels: [], initiallyChecked: [], offered: [], done: new Promise((resolve) => (finish = resolve)) };
  const quickPick = {
    title: undefined as string | undefined,
    placeholder: undefined as string | undefined,
    value: '',
    items: [] as readonly vscode.QuickPickItem[],
    selectedItems: [] as readonly vscode.QuickPickItem[],
    activeItems: [] as readonly vscode.QuickPickItem[],
    canSelectMany: false,
    matchOnDescription: false,
    ignoreFocusOut: false,
    onDidChangeValue: changeValue.event,
    onDidChangeSelection: changeSelection.event,
    onDidAccept: accept.event,
    onDidHide: hide.event,
    busy: false,
    show() {
      // A person waits for the spinner to stop before reading the list.
      const whenLoaded = async () => {
        while (quickPick.busy) await new Promise((resolve) => setTimeout(resolve, 10));
        record.shownLabels = quickPick.items.map((item) => item.label);
        record.initiallyChecked = quickPick.selectedItems.map((item) => item.label);
        await run();
      };
      setTimeout(() => void whenLoaded(), 0);
    },
    hide() {
      hide.fire();
    },
    dispose() {
      for (const emitter of [changeValue, changeSelection, accept, hide]) emitter.dispose();
      finish();
    },
  };
  const select = (item: vscode.QuickPickItem) => {
    quickPick.selectedItems = [...quickPick.selectedItems, item];
    changeSelection.fire(quickPick.selectedItems);
  };
  const run = async () => {
    assert.equal(quickPick.canSelectMany, true, 'the tag picker allows several tags');
    if (script.dismiss) return quickPick.hide();
    for (const tag of script.check ?? []) {
      const item = quickPick.items.find((candidate) => candidate.label === tag);
      assert.ok(item, `tag ${tag} is not offered`);
      select(item);
    }
    if (script.typeThenEnter !== undefined) {
      quickPick.value = script.typeThenEnter;
      changeValue.fire(script.typeThenEnter);
      record.offered.push(quickPick.title ?? '');
    }
    accept.fire();
  };
  return { create: () => quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>, record };
}

/** Scripts the next tag picker and returns what it saw. */
export function scriptTagPicker(human: HumanStubs, script: TagPickerScript): FakeTagPicker {
  const picker = fakeTagPicker(script);
  human.createQuickPick.callsFake(picker.create as never);
  return picker.record;
}

/** A fresh folder inside the test workspace. */
export function workspaceScratch(name: string): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root, 'the test window has no workspace folder');
  const dir = path.join(root, `${name}-${Date.now().toString(36)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function tagNode(hooks: TestHooks, tag: string | undefined): TagNode {
  const node = hooks.services.tree.getChildren().find((child): child is TagNode => child.kind === 'tag' && child.tag === tag);
  assert.ok(node, `no tag node ${tag ?? 'Untagged'}`);
  return node;
}

/** The first tree node showing `filename` (what VS Code passes when the item is clicked). */
export function mediaNode(hooks: TestHooks, filename: string): MediaNode {
  const { tree } = hooks.services;
  for (const root of tree.getChildren()) {
    const found = tree.getChildren(root).find((child: MediaTreeNode): child is MediaNode => child.kind === 'media' && child.item.filename === filename);
    if (found) return found;
  }
  assert.fail(`no media node for ${filename}`);
}
