// Localisation stays complete: every message of the code in every bundle, no bundle or
// package.nls file keeping what nothing uses, every %key% of package.json translated, and
// no translation dropping or inventing a placeholder. The checks are shown to fail on
// small fixtures first, then run over this repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  extractBundle,
  manifestKeys,
  missingKeys,
  nonLiteralMessages,
  placeholderMismatches,
  placeholders,
  readMessageFiles,
  readSources,
  unusedKeys,
  type MessageFile,
  type MessageFiles,
} from './l10nCheck';

const ROOT = path.resolve(__dirname, '..', '..');

const FIXTURE_SOURCE = {
  path: 'src/commands/fixture.ts',
  contents: [
    "import * as vscode from 'vscode';",
    "import { l10n } from 'vscode';",
    'export function run(count: number, folder: string): void {',
    "  void vscode.window.showInformationMessage(vscode.l10n.t('Uploaded {count} files to {folder}', { count, folder }));",
    "  void vscode.window.showWarningMessage(l10n.t('Deleted {0} of {1}', count, 3));",
    "  void vscode.window.showErrorMessage(l10n.t({ message: 'Renamed {0}', args: [folder], comment: ['{0} is the old name'] }));",
    '}',
  ].join('\n'),
};

describe('localisation checks, on fixtures', () => {
  it('reads every l10n.t form the extractor reads: named and numbered placeholders, and a message with a comment', async () => {
    const bundle = await extractBundle([FIXTURE_SOURCE]);
    assert.deepEqual(Object.keys(bundle).sort(), ['Deleted {0} of {1}', 'Renamed {0}/{0} is the old name', 'Uploaded {count} files to {folder}']);
    assert.deepEqual(bundle['Renamed {0}/{0} is the old name'], { message: 'Renamed {0}', comment: ['{0} is the old name'] });
  });

  it('finds a message that is not a literal (variable, template with ${…}, concatenation, object with such a message)', () => {
    const contents = [
      "const a = l10n.t('Fine {0}', x);",
      'const b = l10n.t(name);',
      'const c = vscode.l10n.t(`Saved ${name}`);',
      "const d = l10n.t('Saved ' + name);",
      'const e = l10n.t({ message: name, args: [] });',
      "const f = l10n.t({ message: 'Fine too', comment: ['x'] });",
      'const g = l10n.t(`No substitution`);',
    ].join('\n');
    assert.deepEqual(
      nonLiteralMessages([{ path: 'x.ts', contents }]).map((p) => p.split(':').slice(0, 2).join(':')),
      ['x.ts:2', 'x.ts:3', 'x.ts:4', 'x.ts:5'],
    );
  });

  it('reports a message of the code missing from a bundle, naming the bundle', async () => {
    const used = new Set(Object.keys(await extractBundle([FIXTURE_SOURCE])));
    const de: MessageFile = { 'Uploaded {count} files to {folder}': '{count} Dateien nach {folder} hochgeladen', 'Deleted {0} of {1}': '{0} von {1} gelöscht' };
    assert.deepEqual(missingKeys(used, { 'bundle.l10n.de.json': de }), ['bundle.l10n.de.json: Renamed {0}/{0} is the old name']);
    assert.deepEqual(missingKeys(used, { 'bundle.l10n.de.json': { ...de, 'Renamed {0}/{0} is the old name': '{0} umbenannt' } }), []);
  });

  it('reports a bundle key no code uses', () => {
    const used = new Set(['Kept']);
    assert.deepEqual(unusedKeys(used, { 'bundle.l10n.de.json': { Kept: 'Behalten', Gone: 'Weg' } }), ['bundle.l10n.de.json: Gone']);
    assert.deepEqual(unusedKeys(used, { 'bundle.l10n.de.json': { Kept: 'Behalten' } }), []);
  });

  it('finds every %key% of a manifest, however deep, and only whole-string keys', () => {
    const manifest = {
      displayName: '%displayName%',
      contributes: {
        commands: [{ command: 'apiAudio.upload', title: '%command.upload%', category: '%category.apiaudio%' }],
        viewsWelcome: [{ view: 'apiAudio.media', contents: '%welcome.media%' }],
        configuration: { properties: { 'apiAudio.baseUrl': { markdownDescription: '%setting.baseUrl%', default: '100%' } } },
      },
      description: 'Uses 50% less %memory% than before',
    };
    assert.deepEqual([...manifestKeys(manifest)].sort(), ['category.apiaudio', 'command.upload', 'displayName', 'setting.baseUrl', 'welcome.media']);
  });

  it('reports a %key% missing from a package.nls file, and a package.nls key the manifest does not use', () => {
    const used = manifestKeys({ contributes: { commands: [{ title: '%command.upload%' }, { title: '%command.delete%' }] } });
    const nls: MessageFiles = {
      'package.nls.json': { 'command.upload': 'Upload…', 'command.delete': 'Delete' },
      'package.nls.de.json': { 'command.upload': 'Hochladen…', 'command.rename': 'Umbenennen' },
    };
    assert.deepEqual(missingKeys(used, nls), ['package.nls.de.json: command.delete']);
    assert.deepEqual(unusedKeys(used, nls), ['package.nls.de.json: command.rename']);
  });

  it('reads placeholders, named and numbered, once per occurrence', () => {
    assert.deepEqual(placeholders('{count} of {0}, {count} again; not {a b} nor {}'), ['{0}', '{count}', '{count}']);
  });

  it('reports a translation that drops or invents a placeholder, or is empty; word order may change', () => {
    const english: MessageFile = {
      'Uploaded {count} files to {folder}': 'Uploaded {count} files to {folder}',
      'Deleted {0} of {1}': 'Deleted {0} of {1}',
      'Renamed {0}/{0} is the old name': { message: 'Renamed {0}', comment: ['{0} is the old name'] },
      Cancel: 'Cancel',
    };
    const de: MessageFile = {
      'Uploaded {count} files to {folder}': 'Nach {folder} hochgeladen: {count} Dateien',
      'Deleted {0} of {1}': '{0} gelöscht',
      'Renamed {0}/{0} is the old name': '{0} umbenannt in {name}',
      Cancel: ' ',
    };
    assert.deepEqual(placeholderMismatches(english, { 'bundle.l10n.de.json': de }), [
      'bundle.l10n.de.json: Deleted {0} of {1}: drops {1}',
      'bundle.l10n.de.json: Renamed {0}/{0} is the old name: invents {name}',
      'bundle.l10n.de.json: Cancel: the translation is empty',
    ]);
    assert.deepEqual(placeholderMismatches(english, { 'bundle.l10n.de.json': { 'Deleted {0} of {1}': '{1}: {0} gelöscht' } }), []);
  });
});

describe('localisation of this repository', () => {
  const sources = readSources(ROOT, path.join(ROOT, 'src'));
  const bundles = readMessageFiles(path.join(ROOT, 'l10n'), /^bundle\.l10n(\.[\w-]+)?\.json$/);
  const nlsFiles = readMessageFiles(ROOT, /^package\.nls(\.[\w-]+)?\.json$/);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { l10n?: string };
  const translatedBundles = Object.fromEntries(Object.entries(bundles).filter(([name]) => name !== 'bundle.l10n.json'));
  const translatedNls = Object.fromEntries(Object.entries(nlsFiles).filter(([name]) => name !== 'package.nls.json'));
  let english: MessageFile;
  before(async function () {
    this.timeout(60_000); // the extractor parses all of src/ (tree-sitter): seconds on a busy machine
    english = await extractBundle(sources);
  });

  it('passes l10n.t only literal messages (the extractor skips anything else)', () => {
    assert.deepEqual(nonLiteralMessages(sources), []);
  });

  it('keeps l10n/bundle.l10n.json as `npm run l10n` writes it', () => {
    assert.equal(manifest.l10n, './l10n', 'package.json needs "l10n": "./l10n" for VS Code to find the bundles');
    assert.deepEqual(bundles['bundle.l10n.json'] ?? {}, english, 'l10n/bundle.l10n.json is stale: run `npm run l10n`');
  });

  it('has every message of the code in every translated bundle, and no key the code does not use', () => {
    const used = new Set(Object.keys(english));
    assert.deepEqual(missingKeys(used, translatedBundles), []);
    assert.deepEqual(unusedKeys(used, bundles), []);
  });

  it('has every %key% of package.json in every package.nls file, and no key package.json does not use', () => {
    const used = manifestKeys(manifest);
    if (used.size > 0) assert.ok(nlsFiles['package.nls.json'], 'package.json uses %key% strings: package.nls.json is missing');
    assert.deepEqual(missingKeys(used, nlsFiles), []);
    assert.deepEqual(unusedKeys(used, nlsFiles), []);
  });

  it('keeps every placeholder in every translation', () => {
    const englishNls = nlsFiles['package.nls.json'] ?? {};
    assert.deepEqual([...placeholderMismatches(english, translatedBundles), ...placeholderMismatches(englishNls, translatedNls)], []);
  });

  it('translates the manifest and the messages into the same languages', () => {
    const languages = (files: MessageFiles, prefix: string) =>
      Object.keys(files)
        .map((name) => name.slice(prefix.length, -'.json'.length))
        .sort();
    assert.deepEqual(languages(translatedBundles, 'bundle.l10n.'), languages(translatedNls, 'package.nls.'));
  });
});
