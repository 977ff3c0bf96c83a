// What the Media view keeps for the next window: the expanded rows and the selection, by
// their stable ids, and how those ids lead back to rows of a new listing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MediaTreeProvider } from '../../src/tree/apiaudio/mediaTreeProvider';
import { setSetting, settle, useSeededExtension, waitFor } from './helpers';
import { mediaNode, tagNode } from './transferHelpers';

describe('Media view state kept for the next window', function () {
  const t = useSeededExtension();
  const stored = (key: string) => t.hooks.services.context.workspaceState.get<string[]>(key) ?? [];

  it('keeps the ids of the rows the person expands and of the selection in the workspace state', async () => {
    const node = mediaNode(t.hooks, 'outro-sting.wav');
    await t.hooks.services.treeView.reveal(node, { select: true, focus: true, expand: true });

    await waitFor(() => stored('apiAudio.view.expanded').includes('own/tag:outro'), 'the expanded tag to be kept');
    await waitFor(() => stored('apiAudio.view.selected').join() === node.id, 'the selection to be kept');

    await vscode.commands.executeCommand('list.collapse'); // to the tag row
    await vscode.commands.executeCommand('list.collapse'); // and closes it
    await waitFor(() => !stored('apiAudio.view.expanded').includes('own/tag:outro'), 'the collapsed tag to be forgotten');
  });

  it('shows the tags a new window remembers as expanded, and only those', () => {
    const tree = new MediaTreeProvider(t.hooks.services.library, () => 500);
    try {
      tree.followExpansion(t.hooks.services.treeView, ['own/tag:music']);
      const state = (tag: string) => tree.getTreeItem(tree.getChildren().find((node) => node.kind === 'tag' && node.tag === tag)!).collapsibleState;
      assert.equal(state('music'), vscode.TreeItemCollapsibleState.Expanded);
      assert.equal(state('voice'), vscode.TreeItemCollapsibleState.Collapsed);
    } finally {
      tree.dispose();
    }
  });

  it('finds the row a kept id names in a new listing: a tag, an item under a tag, the public library', async () => {
    const { tree } = t.hooks.services;
    const item = mediaNode(t.hooks, 'voice-welcome.wav');
    assert.deepEqual(tree.nodeById(item.id), item);
    assert.deepEqual(tree.nodeById(tagNode(t.hooks, 'voice').id), tagNode(t.hooks, 'voice'));
    assert.equal(tree.nodeById('own/tag:voice/no-such-media'), undefined);
    assert.equal(tree.nodeById('library:public'), undefined, 'not while the public library is hidden');

    await setSetting('showPublicLibrary', true);
    await settle(t.hooks);
    assert.equal(tree.nodeById('library:public')?.kind, 'library');
  });

  it('finds an item under a tag whose name holds a slash', async () => {
    const mediaId = t.emulator.control.addMedia({ filename: 'slashed.wav', tags: ['a/b'] });
    t.emulator.control.addMedia({ filename: 'plain.wav', tags: ['a'] });
    await t.hooks.services.library.refresh();
    const node = t.hooks.services.tree.nodeById(`own/tag:a/b/${mediaId}`);
    assert.equal(node?.kind === 'media' && node.item.filename, 'slashed.wav');
    assert.equal(node?.kind === 'media' && node.tag, 'a/b');
  });
});
