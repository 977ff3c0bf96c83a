// package.json contributions checked against the code's identifiers (src/constants.ts)
// and against each other, in plain Node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, FilesCommands, FilesEditCommands, ContextKeys, VIEW_ID } from '../../src/constants';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const commands: Array<{ command: string; category?: string; icon?: string }> = manifest.contributes.commands;
const menus: Record<string, Array<{ command: string; alt?: string; when?: string; group?: string }>> = manifest.contributes.menus;

/** The regular expression of `<key> =~ /…/flags` in a when clause. */
function whenRegex(when: string, key: string): RegExp {
  const match = new RegExp(`${key} =~ /(.*)/([a-z]*)$`).exec(when);
  assert.ok(match, `no ${key} =~ in ${when}`);
  return new RegExp(match[1], match[2]);
}

describe('package.json contributions', () => {
  it('offers Upload in the editor title for wav/mp3 files, but not for the copies Open keeps', () => {
    for (const menu of ['editor/title', 'editor/title/context']) {
      const entry = manifest.contributes.menus[menu].find((m: { command: string }) => m.command === 'apiAudio.upload');
      const regex = whenRegex(entry.when, 'resourcePath');
      assert.equal(regex.test('/home/me/project/take.wav'), true, menu);
      assert.equal(regex.test('/home/me/project/TAKE.MP3'), true, menu);
      assert.equal(regex.test('/home/me/project/notes.txt'), false, menu);
      const storage = `/home/me/.config/Code/User/globalStorage/${manifest.publisher}.${manifest.name}/media/489e32aa/theme.mp3`;
      assert.equal(regex.test(storage), false, `${menu}: a played copy must not offer Upload`);
      assert.equal(regex.test(storage.replace(/\//g, '\\')), false, `${menu}: Windows paths too`);
    }
  });

  it('gives api.audio commands the api.audio category, AudioStack Files commands the AudioStack one, and toolbar commands an icon', () => {
    const expectedCategory = (command: string): string => (command.startsWith('apiAudio.files.') ? 'AudioStack' : 'api.audio');
    assert.deepEqual(commands.filter((c) => c.category !== expectedCategory(c.command)).map((c) => c.command), []);
    const inToolbars = new Set<string>();
    for (const [menu, entries] of Object.entries(menus)) {
      for (const entry of entries) {
        if (menu === 'view/title' ? entry.group?.startsWith('navigation') : entry.group?.startsWith('inline')) inToolbars.add(entry.command);
      }
    }
    assert.ok(inToolbars.size > 3);
    const withoutIcon = commands.filter((c) => inToolbars.has(c.command) && !c.icon).map((c) => c.command);
    assert.deepEqual(withoutIcon, []);
  });

  it('offers the item commands in the palette once a key is set, and hides those that only make sense on a row', () => {
    const when = new Map(
      manifest.contributes.menus.commandPalette.map((m: { command: string; when?: string }) => [m.command, m.when] as const),
    );
    for (const id of ['apiAudio.open', 'apiAudio.download', 'apiAudio.delete', 'apiAudio.copyMediaId', 'apiAudio.copyDownloadUrl', 'apiAudio.copyMediaFilesEntry']) {
      assert.equal(when.get(id), 'apiAudio.hasApiKey', `${id} in the palette`);
    }
    for (const id of ['apiAudio.uploadToTag', 'apiAudio.showMore', 'apiAudio.revealMedia']) {
      assert.equal(when.get(id), 'false', `${id} should be hidden from the palette`);
    }
  });

  it('passes the focused row to the keybindings of item commands', () => {
    const bindings: Array<{ command: string; args?: unknown }> = manifest.contributes.keybindings;
    for (const id of ['apiAudio.delete', 'apiAudio.copyMediaId']) {
      const binding = bindings.find((b) => b.command === id);
      assert.deepEqual(binding?.args, [{ $treeViewId: 'apiAudio.media', $focusedTreeItem: true }], id);
    }
    for (const [id, key] of [['apiAudio.files.copyFileId', 'ctrl+c'], ['apiAudio.files.rename', 'f2'], ['apiAudio.files.delete', 'delete']]) {
      const binding = bindings.find((b) => b.command === id) as { args?: unknown; key?: string; when?: string } | undefined;
      assert.deepEqual(binding?.args, [{ $treeViewId: 'apiAudio.files', $focusedTreeItem: true }], id);
      assert.equal(binding?.key, key, id);
      assert.equal(binding?.when, 'focusedView == apiAudio.files && !inputFocus', id);
    }
  });

  it('declares exactly the commands the code registers, each once', () => {
    const declared: string[] = commands.map((c) => c.command);
    assert.deepEqual(declared.filter((id, i) => declared.indexOf(id) !== i), [], 'declared twice');
    // src/commands registers a handler for every Commands, FilesCommands and FilesEditCommands value (Records keyed by their ids).
    assert.deepEqual([...declared].sort(), [...Object.values(Commands), ...Object.values(FilesCommands), ...Object.values(FilesEditCommands)].sort());
  });

  it('refers only to declared commands from menus, keybindings and welcome-view links', () => {
    const declared = new Set(commands.map((c) => c.command));
    const referred: Array<[string, string]> = [];
    for (const [menu, entries] of Object.entries(menus)) {
      for (const entry of entries) {
        referred.push([menu, entry.command]);
        if (entry.alt) referred.push([`${menu} (alt)`, entry.alt]);
      }
    }
    for (const binding of manifest.contributes.keybindings as Array<{ command: string }>) referred.push(['keybindings', binding.command]);
    for (const welcome of manifest.contributes.viewsWelcome as Array<{ contents: string }>) {
      for (const link of welcome.contents.matchAll(/\(command:([\w.]+)/g)) referred.push(['viewsWelcome', link[1]]);
    }
    assert.ok(referred.length > commands.length, 'the menus were read');
    assert.deepEqual(referred.filter(([, id]) => !declared.has(id)), []);
  });

  it('uses in when clauses only the view, context keys and settings the code defines', () => {
    const views = new Set((Object.values(manifest.contributes.views) as Array<Array<{ id: string }>>).flat().map((view) => view.id));
    assert.ok(views.has(VIEW_ID));
    const contextKeys = new Set<string>(Object.values(ContextKeys));
    const settings = new Set(Object.keys(manifest.contributes.configuration.properties as Record<string, unknown>));
    const whens: string[] = [];
    for (const entries of Object.values(menus)) for (const entry of entries) if (entry.when) whens.push(entry.when);
    for (const list of [manifest.contributes.keybindings, manifest.contributes.viewsWelcome] as Array<Array<{ when?: string }>>) {
      for (const entry of list) if (entry.when) whens.push(entry.when);
    }
    const unknown: string[] = [];
    for (const when of whens) {
      for (const [, config, name] of when.matchAll(/(config\.)?(apiAudio\.[\w.]+)/g)) {
        const known = config ? settings.has(name) : contextKeys.has(name) || views.has(name);
        if (!known) unknown.push(`${config ?? ''}${name} in "${when}"`);
      }
    }
    assert.ok(whens.length > 5, 'the when clauses were read');
    assert.deepEqual(unknown, []);
  });
});
