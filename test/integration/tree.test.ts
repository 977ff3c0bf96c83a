import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MediaNode, MediaTreeNode, ShowMoreNode, TagNode } from '../../src/tree/apiaudio/nodes';
import { SEED } from '../emulator';
import { TEST_KEY, renderTree, setSetting, settle, useSeededExtension } from './helpers';

describe('Media tree', function () {
  const t = useSeededExtension();

  const idOf = (filename: string) => SEED.find((s) => s.filename === filename)!.mediaId;

  it('groups the seeded media by tag, sorted, with counts, and Untagged last', async () => {
    assert.deepEqual(await renderTree(t.hooks), [
      'background (1)',
      '  ambient-bed.wav (background, music)',
      'intro (3)',
      '  intro-sting.mp3 (intro, music)',
      '  podcast-theme.mp3 (music, intro, outro)',
      '  voice-welcome.wav (voice, intro)',
      'music (3)',
      '  ambient-bed.wav (background, music)',
      '  intro-sting.mp3 (intro, music)',
      '  podcast-theme.mp3 (music, intro, outro)',
      'outro (3)',
      '  outro-sting.wav (outro)',
      '  podcast-theme.mp3 (music, intro, outro)',
      '  voice-goodbye.mp3 (voice, outro)',
      'voice (2)',
      '  voice-goodbye.mp3 (voice, outro)',
      '  voice-welcome.wav (voice, intro)',
      'Untagged (1)',
      `  scratch-take.wav (${idOf('scratch-take.wav')})`,
    ]);
  });

  it('gives an item under three tags three stable, distinct ids', async () => {
    const { tree } = t.hooks.services;
    const id = idOf('podcast-theme.mp3');
    const ids: string[] = [];
    for (const tagNode of tree.getChildren()) {
      for (const child of tree.getChildren(tagNode)) {
        if (child.kind === 'media' && child.item.mediaId === id) ids.push(tree.getTreeItem(child).id!);
      }
    }
    assert.deepEqual(ids, [`own/tag:intro/${id}`, `own/tag:music/${id}`, `own/tag:outro/${id}`]);
    await t.hooks.services.library.refresh();
    const again = tree.getChildren().flatMap((tagNode) => tree.getChildren(tagNode));
    assert.ok(again.some((node) => tree.getTreeItem(node).id === `own/tag:music/${id}`), 'ids survive a refresh');
  });

  it('maps a media item to a clickable, typed tree item with a Markdown tooltip', async () => {
    const { tree } = t.hooks.services;
    const music = tree.getChildren().find((n) => n.kind === 'tag' && n.tag === 'music')!;
    const node = tree.getChildren(music).find((n) => n.kind === 'media' && n.item.filename === 'podcast-theme.mp3')!;
    const item = tree.getTreeItem(node);
    assert.equal(item.contextValue, 'media.own');
    assert.equal(item.command?.command, 'apiAudio.open');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'file-media', 'an mp3 has the media-file icon');
    const wav = tree.getChildren(music).find((n) => n.kind === 'media' && n.item.filename === 'ambient-bed.wav')!;
    assert.equal((tree.getTreeItem(wav).iconPath as vscode.ThemeIcon).id, 'pulse', 'a wav has the waveform icon');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, new RegExp(idOf('podcast-theme.mp3')));
    assert.match(tooltip, /`music` `intro` `outro`/);
    // Words for the metadata, not the wire keys.
    assert.match(tooltip, /\| Created \| Mar 14, 2023, 09:26 UTC \|/);
    assert.match(tooltip, /\| Duration \| 1\\\.3 sec \|/);
  });

  it('adds the public api.audio Library, grouped by tag, when the setting is on', async () => {
    await setSetting('showPublicLibrary', true);
    await settle(t.hooks);
    const lines = await renderTree(t.hooks, 2);
    const libraryLine = lines.indexOf('api.audio Library (5)');
    assert.ok(libraryLine >= 0, `no library root in:\n${lines.join('\n')}`);
    assert.deepEqual(lines.slice(libraryLine + 1), [
      '  ambience (1)',
      '  corporate (1)',
      '  lofi (1)',
      '  music (2)',
      '  nature (1)',
      '  sfx (2)',
      '  transition (1)',
    ]);
    assert.ok(
      t.emulator.control.requests.some((r) => r.path.startsWith('/file/customaudio') && /^true$/i.test(r.query.public ?? '')),
      'the public library was asked for with public=true',
    );
    const publicTag = t.hooks.services.tree.getChildren(t.hooks.services.tree.getChildren().at(-1)).find((n) => n.kind === 'tag') as TagNode;
    const publicItem = t.hooks.services.tree.getChildren(publicTag)[0];
    assert.equal(t.hooks.services.tree.getTreeItem(publicItem).contextValue, 'media.public');
  });

  it('filters by tags with the server\'s AND filter, shows it in the view and clears it', async () => {
    const { human } = t;
    human.showQuickPick.callsFake((async (items: readonly vscode.QuickPickItem[]) => {
      const labels = (await items).map((i) => i.label);
      assert.deepEqual(labels, ['background', 'intro', 'music', 'outro', 'voice']);
      return (await items).filter((i) => i.label === 'music' || i.label === 'intro');
    }) as never);
    await vscode.commands.executeCommand('apiAudio.filterByTags');
    const listRequest = t.emulator.control.requests.filter((r) => r.path.replace(/\/$/, '') === '/file/customaudio').at(-1);
    assert.deepEqual(listRequest?.query.tags?.split(',').sort(), ['intro', 'music']);
    assert.deepEqual(await renderTree(t.hooks), [
      'Filtered by tags: intro + music',
      'intro (2)',
      '  intro-sting.mp3 (intro, music)',
      '  podcast-theme.mp3 (music, intro, outro)',
      'music (2)',
      '  intro-sting.mp3 (intro, music)',
      '  podcast-theme.mp3 (music, intro, outro)',
      'outro (1)',
      '  podcast-theme.mp3 (music, intro, outro)',
    ]);
    assert.equal(t.hooks.services.treeView.description, 'tags: intro + music');

    await vscode.commands.executeCommand('apiAudio.clearFilter');
    assert.equal(t.hooks.services.treeView.description, undefined);
    assert.equal((await renderTree(t.hooks, 1)).length, 6, 'the filter row is gone');
  });

  it('finds media by file name, tag or id and reveals it', async () => {
    const { human } = t;
    const wanted = idOf('voice-goodbye.mp3');
    human.showQuickPick.callsFake((async (items: readonly (vscode.QuickPickItem & { mediaId: string })[], options?: vscode.QuickPickOptions) => {
      assert.equal(options?.matchOnDescription, true, 'tags are searchable');
      assert.equal(options?.matchOnDetail, true, 'media ids are searchable');
      const all = await items;
      assert.equal(all.length, SEED.length);
      return all.find((i) => i.detail?.startsWith(wanted));
    }) as never);
    await vscode.commands.executeCommand('apiAudio.findMedia');
    const selected = t.hooks.services.treeView.selection as MediaTreeNode[];
    assert.equal(selected.length, 1);
    assert.equal((selected[0] as MediaNode).item.mediaId, wanted);
    assert.equal(t.hooks.services.treeView.visible, true);
  });

  it('pages a large tag behind "Show more…" and reveals an item beyond the first page', async () => {
    const ids = t.emulator.control.addMediaBulk(1200, 'bulk');
    await setSetting('pageSize', 500);
    await t.hooks.services.library.refresh();
    const { tree } = t.hooks.services;
    const bulk = tree.getChildren().find((n) => n.kind === 'tag' && n.tag === 'bulk') as TagNode;
    assert.equal(bulk.count, 1200);
    let children = tree.getChildren(bulk);
    assert.equal(children.filter((n) => n.kind === 'media').length, 500);
    const more = children.at(-1) as ShowMoreNode;
    assert.equal(more.kind, 'more');
    assert.equal(tree.getTreeItem(more).description, '700 more');

    await vscode.commands.executeCommand('apiAudio.showMore', more);
    children = tree.getChildren(bulk);
    assert.equal(children.filter((n) => n.kind === 'media').length, 1000);
    assert.equal(tree.getTreeItem(children.at(-1)!).description, '200 more');

    const last = ids.at(-1)!;
    const node = tree.findNode(last);
    assert.equal(node?.item.mediaId, last);
    assert.equal(tree.getChildren(bulk).filter((n) => n.kind === 'media').length, 1200, 'paged far enough to show it');
  });

  it('Find Media reveals an item beyond the page an expanded tag shows', async () => {
    const ids = t.emulator.control.addMediaBulk(700, 'paged');
    await setSetting('pageSize', 100);
    await t.hooks.services.library.refresh();
    const { tree, treeView } = t.hooks.services;
    const paged = tree.getChildren().find((n) => n.kind === 'tag' && n.tag === 'paged') as TagNode;
    // Expand the tag as a person would: reveal its first item.
    await treeView.reveal(tree.getChildren(paged)[0], { select: true, expand: true });
    const wanted = ids[650];
    t.human.showQuickPick.callsFake((async (items: readonly (vscode.QuickPickItem & { mediaId: string })[]) =>
      (await items).find((i) => i.mediaId === wanted)) as never);

    await vscode.commands.executeCommand('apiAudio.findMedia');

    const selected = treeView.selection as MediaTreeNode[];
    assert.equal(selected.length, 1);
    assert.equal((selected[0] as MediaNode).item.mediaId, wanted);
  });

  it('refreshes when a setting that changes the library changes (assume another organisation)', async () => {
    await setSetting('assumeOrgId', 'org-child');
    await settle(t.hooks);
    const lastList = t.emulator.control.requests.filter((r) => r.path.startsWith('/file/customaudio')).at(-1);
    assert.equal(lastList?.headers['x-assume-org'], 'org-child');
    assert.deepEqual(await renderTree(t.hooks), [], 'the child organisation has no media');
    assert.equal(t.hooks.services.library.state.kind, 'empty');
  });

  it('shows the cached listing at once, without asking the server', async () => {
    const { library } = t.hooks.services;
    const before = await renderTree(t.hooks);
    library.clear('loading');
    assert.deepEqual(await renderTree(t.hooks), []);
    t.emulator.control.reset();
    assert.equal(await library.restoreFromCache(), true);
    assert.equal(library.listing?.fromCache, true);
    assert.deepEqual(await renderTree(t.hooks), before);
    assert.equal(t.emulator.control.requests.length, 0, 'restoring made no request');
    const cacheFile = path.join(t.hooks.services.context.globalStorageUri.fsPath, 'listing.json');
    const cached = fs.readFileSync(cacheFile, 'utf8');
    assert.ok(cached.includes(SEED[0].mediaId), 'the listing is kept in a file, not in globalState');
    assert.ok(!cached.includes('Signature') && !cached.includes(TEST_KEY));
    assert.equal(t.hooks.services.context.globalState.get('apiAudio.cachedListing'), undefined);
  });
});
