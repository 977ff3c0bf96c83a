// package.json contributions checked against the code's identifiers (src/constants.ts)
// and against each other, in plain Node; and its words, which a person reads only through
// package.nls.json and its translations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, FilesCommands, FilesEditCommands, ContextKeys, VIEW_ID } from '../../src/constants';
import { NLS_KEY, readLocalizedManifest, readNls } from './manifestText';

const ROOT = path.join(__dirname, '..', '..');
/** package.json as written: its words are %key% strings. */
const raw = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** package.json as VS Code shows it in English (package.nls.json applied). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifest = readLocalizedManifest<any>(ROOT);
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

/** Where in package.json a person reads words, as [path, value] pairs. */
function personVisibleStrings(pkg: Record<string, any>): Array<[string, unknown]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const found: Array<[string, unknown]> = [['description', pkg.description]];
  const c = pkg.contributes;
  for (const [name, capability] of Object.entries(pkg.capabilities ?? {}) as Array<[string, { description?: string }]>) {
    if (capability.description !== undefined) found.push([`capabilities.${name}.description`, capability.description]);
  }
  for (const [place, containers] of Object.entries(c.viewsContainers ?? {}) as Array<[string, Array<{ id: string; title: string }>]>) {
    for (const container of containers) found.push([`viewsContainers.${place}.${container.id}.title`, container.title]);
  }
  for (const views of Object.values(c.views ?? {}) as Array<Array<{ id: string; name: string; contextualTitle?: string }>>) {
    for (const view of views) {
      found.push([`views.${view.id}.name`, view.name]);
      if (view.contextualTitle !== undefined) found.push([`views.${view.id}.contextualTitle`, view.contextualTitle]);
    }
  }
  for (const [i, welcome] of (c.viewsWelcome ?? []).entries()) found.push([`viewsWelcome[${i}] (${welcome.view})`, welcome.contents]);
  for (const command of c.commands ?? []) {
    found.push([`commands.${command.command}.title`, command.title]);
    if (command.category !== undefined) found.push([`commands.${command.command}.category`, command.category]);
    if (command.shortTitle !== undefined) found.push([`commands.${command.command}.shortTitle`, command.shortTitle]);
  }
  for (const submenu of c.submenus ?? []) found.push([`submenus.${submenu.id}.label`, submenu.label]);
  found.push(['configuration.title', c.configuration.title]);
  for (const [name, setting] of Object.entries(c.configuration.properties) as Array<[string, Record<string, unknown>]>) {
    for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
      if (setting[field] !== undefined) found.push([`${name}.${field}`, setting[field]]);
    }
    for (const field of ['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels']) {
      for (const [i, text] of ((setting[field] as unknown[] | undefined) ?? []).entries()) found.push([`${name}.${field}[${i}]`, text]);
    }
  }
  for (const walkthrough of c.walkthroughs ?? []) {
    found.push([`walkthroughs.${walkthrough.id}.title`, walkthrough.title], [`walkthroughs.${walkthrough.id}.description`, walkthrough.description]);
    for (const step of walkthrough.steps ?? []) {
      found.push([`walkthroughs.${walkthrough.id}.${step.id}.title`, step.title], [`walkthroughs.${walkthrough.id}.${step.id}.description`, step.description]);
    }
  }
  return found;
}

/** The link targets of a welcome text, in order: `[text](command:…)` and `[text](https://…)`. */
const linkTargets = (text: string): string[] => [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);

describe('package.json words', () => {
  const nlsLanguages = fs
    .readdirSync(ROOT)
    .map((name) => /^package\.nls\.([\w-]+)\.json$/.exec(name)?.[1])
    .filter((language): language is string => language !== undefined);

  it('finds the words of a manifest, and reports one that is not a %key%', () => {
    const fixture = {
      description: '%description%',
      contributes: {
        commands: [{ command: 'apiAudio.upload', title: 'Upload…', category: '%category.apiAudio%' }],
        viewsWelcome: [{ view: 'apiAudio.media', contents: '%welcome.apiAudio.media.noKey%' }],
        configuration: { title: '%configuration.title%', properties: { 'apiAudio.x': { enumDescriptions: ['%a%', 'Plain'] } } },
      },
    };
    const plain = personVisibleStrings(fixture).filter(([, value]) => typeof value !== 'string' || !NLS_KEY.test(value));
    assert.deepEqual(plain.map(([where]) => where), ['commands.apiAudio.upload.title', 'apiAudio.x.enumDescriptions[1]']);
  });

  it('shows a person only %key% strings, so every word can be translated', () => {
    const strings = personVisibleStrings(raw);
    assert.ok(strings.length > 60, `the manifest's words were read (${strings.length})`);
    assert.deepEqual(strings.filter(([, value]) => typeof value !== 'string' || !NLS_KEY.test(value)), []);
  });

  it('names the keys by what they are: command.<id>.title, category.<name>, view.<id>.name, welcome.<view>.<state>, setting.<name>.description', () => {
    const wrong: string[] = [];
    const expect = (value: string, key: string) => {
      if (value !== `%${key}%`) wrong.push(`${value} should be %${key}%`);
    };
    for (const command of raw.contributes.commands) expect(command.title, `command.${command.command.replace(/^apiAudio\./, '')}.title`);
    for (const view of Object.values(raw.contributes.views).flat() as Array<{ id: string; name: string }>) expect(view.name, `view.${view.id}.name`);
    for (const welcome of raw.contributes.viewsWelcome) {
      const state = /(?:filesState|state) == (\w+)/.exec(welcome.when)?.[1];
      expect(welcome.contents, `welcome.${welcome.view}.${state}`);
    }
    for (const [name, setting] of Object.entries(raw.contributes.configuration.properties) as Array<[string, { markdownDescription?: string }]>) {
      expect(setting.markdownDescription ?? '', `setting.${name.replace(/^apiAudio\./, '')}.description`);
    }
    assert.deepEqual(wrong, []);
  });

  it('translates package.json into at least German', () => {
    assert.ok(nlsLanguages.includes('de'), nlsLanguages.join(', '));
  });

  it('keeps every link of the welcome texts and settings in every translation, in the same order', () => {
    const english = readNls(ROOT);
    const changed: string[] = [];
    for (const language of nlsLanguages) {
      const translated = readNls(ROOT, language);
      for (const key of Object.keys(english)) {
        const want = linkTargets(english[key]);
        const got = linkTargets(translated[key]);
        if (want.join(' ') !== got.join(' ')) changed.push(`${language} ${key}: ${got.join(' ')} (English: ${want.join(' ')})`);
      }
    }
    assert.ok(linkTargets(english['welcome.apiAudio.media.noKey']).includes('command:apiAudio.setApiKey'), 'the links were read');
    assert.deepEqual(changed, []);
  });

  it('keeps each setting name, command id and `code` span of a text in its translations', () => {
    const english = readNls(ROOT);
    const changed: string[] = [];
    const literals = (text: string) => [...text.matchAll(/`[^`]+`|\bapiAudio\.[\w.]+/g)].map((match) => match[0]).sort();
    for (const language of nlsLanguages) {
      const translated = readNls(ROOT, language);
      for (const key of Object.keys(english)) {
        if (literals(english[key]).join(' ') !== literals(translated[key]).join(' ')) changed.push(`${language} ${key}`);
      }
    }
    assert.deepEqual(changed, []);
  });

  it('reads in German as VS Code will show it: the Media view is Medien, Set API Key… is API-Schlüssel festlegen…', () => {
    const german = readLocalizedManifest<typeof raw>(ROOT, 'de');
    const view = (Object.values(german.contributes.views).flat() as Array<{ id: string; name: string }>).find((v) => v.id === VIEW_ID);
    assert.equal(view?.name, 'Medien');
    const setKey = german.contributes.commands.find((c: { command: string }) => c.command === Commands.setApiKey);
    assert.deepEqual({ title: setKey.title, category: setKey.category }, { title: 'API-Schlüssel festlegen…', category: 'api.audio' });
  });
});
