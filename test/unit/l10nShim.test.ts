// src/api/l10n.ts and @vscode/l10n, as the layers without `vscode` use them: English with
// placeholders filled until a bundle is configured, the translation after; and the
// extractor reads their l10n.t calls like vscode.l10n.t's.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { displayLanguage, useDisplayLanguage } from '../../src/api/l10n';
import { fileCount } from '../../src/util/text';
import { extractBundle } from './l10nCheck';

describe('l10n in the layers without vscode', () => {
  afterEach(() => {
    useDisplayLanguage({ language: 'en', bundle: undefined });
    l10n.config({ contents: {} });
  });

  it('fills numbered and named placeholders of the English message when no bundle is configured', () => {
    assert.equal(l10n.t('Copied {1} to {0}; {1} kept', 'Beds', 'a.wav'), 'Copied a.wav to Beds; a.wav kept');
    assert.equal(l10n.t('Moved {name} to {folder}', { name: 'a.wav', folder: 'Beds' }), 'Moved a.wav to Beds');
    assert.equal(l10n.t({ message: 'Renamed {0}', args: ['a.wav'], comment: ['{0} is the old name'] }), 'Renamed a.wav');
  });

  it('counts files in English with grouping, then in German once the display language and its bundle are set', () => {
    assert.equal(displayLanguage(), 'en');
    assert.deepEqual([0, 1, 2, 12345].map(fileCount), ['0 files', '1 file', '2 files', '12,345 files']);
    useDisplayLanguage({ language: 'de', bundle: { '{0} file': '{0} Datei', '{0} files': '{0} Dateien' } });
    assert.equal(displayLanguage(), 'de');
    assert.deepEqual([0, 1, 2, 12345].map(fileCount), ['0 Dateien', '1 Datei', '2 Dateien', '12.345 Dateien']);
  });

  it('is read by the extractor in a module that imports @vscode/l10n', async () => {
    const contents = "import * as l10n from '@vscode/l10n';\nexport const a = l10n.t('{0} file', 1);\nexport const b = l10n.t('Moved {name}', { name });";
    assert.deepEqual(Object.keys(await extractBundle([{ path: 'src/util/x.ts', contents }])).sort(), ['Moved {name}', '{0} file']);
  });
});
