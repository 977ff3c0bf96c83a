// The manifest as the Marketplace and a remote window read it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json for the Marketplace', () => {
  it('has a 128×128 PNG icon and a gallery banner, and no placeholder links', () => {
    const png = fs.readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128, 'width');
    assert.equal(png.readUInt32BE(20), 128, 'height');
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    for (const field of ['repository', 'bugs', 'homepage']) {
      assert.doesNotMatch(JSON.stringify(manifest[field] ?? ''), /example\.invalid/, field);
    }
  });

  it('keeps the API address and organisation out of a workspace\'s reach (machine scope)', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['apiAudio.baseUrl'].scope, 'machine');
    assert.equal(properties['apiAudio.assumeOrgId'].scope, 'machine');
  });

  it('hides from the palette what cannot work without a key', () => {
    const palette: Array<{ command: string; when?: string }> = manifest.contributes.menus.commandPalette;
    for (const id of ['apiAudio.refresh', 'apiAudio.filterByTags', 'apiAudio.findMedia', 'apiAudio.clearFilter', 'apiAudio.upload']) {
      assert.match(palette.find((entry) => entry.command === id)?.when ?? '', /apiAudio\.hasApiKey/, id);
    }
  });

  it('puts the Explorer upload in a menu group of its own', () => {
    const entry = manifest.contributes.menus['explorer/context'].find((item: { command: string }) => item.command === 'apiAudio.upload');
    assert.doesNotMatch(entry.group, /^7_modification/);
  });
});
