// package.json contributions of the media-ID language features.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../src/constants';
import { SUPPORTED_LANGUAGE_IDS } from '../../src/language/documentAnalysis';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('language: package.json', () => {
  it('has the code-insight settings: warnings on, file-name hints off', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['apiAudio.codeInsight.diagnostics'].type, 'boolean');
    assert.equal(properties['apiAudio.codeInsight.diagnostics'].default, true);
    assert.equal(properties['apiAudio.codeInsight.fileNameHints'].type, 'boolean');
    assert.equal(properties['apiAudio.codeInsight.fileNameHints'].default, false);
  });

  it('contributes Reveal in Media View for links, hidden from the palette (it needs a media ID)', () => {
    assert.ok(manifest.contributes.commands.some((command: { command: string }) => command.command === Commands.revealMedia));
    const palette = manifest.contributes.menus.commandPalette.find((entry: { command: string }) => entry.command === Commands.revealMedia);
    assert.equal(palette?.when, 'false');
  });

  it('activates for the code languages it works in (not plain text or JSON with comments, which are everywhere)', () => {
    // VS Code edits settings.json through a jsonc model: onLanguage:jsonc would activate the
    // extension on any settings change; plain text would activate it for every log file.
    const expected = SUPPORTED_LANGUAGE_IDS.filter((id) => id !== 'plaintext' && id !== 'jsonc').map((id) => `onLanguage:${id}`);
    assert.deepEqual(
      manifest.activationEvents.filter((event: string) => event.startsWith('onLanguage:')).sort(),
      expected.sort(),
    );
  });
});
