// Lookups and small decisions the media-ID language features make from the listing.
import * as assert from 'node:assert/strict';
import type { MediaItem } from '../../src/api/types';
import { contextAt, type LanguageKind } from '../../src/language/documentAnalysis';
import { MediaIndex, closeMatches, dropShape, editDistance } from '../../src/language/mediaIndex';
import type { LocatedMedia } from '../../src/media/apiaudio/location';

function media(mediaId: string, filename: string, scope: 'own' | 'public' = 'own', metadata: Record<string, unknown> = {}): LocatedMedia {
  const item: MediaItem = { mediaId, filename, tags: [], metadata };
  return { scope, item };
}

const LIBRARY = [
  media('a788990d', 'podcast-theme.mp3'),
  media('b1234567', 'intro-sting.mp3'),
  media('c0ffee00', 'outro-sting.wav'),
  media('d00d1e00', 'Ambient Bed.wav'),
  media('e1e1e1e1', 'lofi-beat.mp3', 'public'),
];

function shapeAt(marked: string, language: LanguageKind) {
  const offset = marked.indexOf('|');
  return dropShape(contextAt(marked.slice(0, offset) + marked.slice(offset + 1), language, offset), language);
}

describe('language: media index and decisions', () => {
  it('looks media up by ID, preferring the organisation over the public library', () => {
    const index = new MediaIndex([...LIBRARY, media('a788990d', 'shadow.mp3', 'public')]);
    assert.equal(index.get('a788990d')?.item.filename, 'podcast-theme.mp3');
    assert.equal(index.get('e1e1e1e1')?.scope, 'public');
    assert.equal(index.get('A788990D'), undefined);
    assert.equal(index.size, 5);
  });

  it('computes a bounded edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('same', 'same', 0), 0);
    assert.equal(editDistance('short', 'a much longer text', 3), 4);
  });

  describe('close matches for a value not in the listing', () => {
    it('finds a file by its name, with or without extension, in any case', () => {
      assert.deepEqual(
        closeMatches('podcast-theme', LIBRARY).map((match) => match.item.mediaId),
        ['a788990d'],
      );
      assert.deepEqual(
        closeMatches('AMBIENT BED.WAV', LIBRARY).map((match) => [match.item.mediaId, match.distance]),
        [['d00d1e00', 0]],
      );
    });

    it('finds names a typo or two away, closest first, and IDs one typo away', () => {
      assert.deepEqual(
        closeMatches('otro-sting', LIBRARY).map((match) => match.item.filename),
        ['outro-sting.wav', 'intro-sting.mp3'],
      );
      assert.deepEqual(
        closeMatches('a788990e', LIBRARY).map((match) => match.item.mediaId),
        ['a788990d'],
      );
    });

    it('offers nothing for an unrelated value, an empty one, or the known ID itself', () => {
      assert.deepEqual(closeMatches('ffffffff', LIBRARY), []);
      assert.deepEqual(closeMatches('  ', LIBRARY), []);
      assert.deepEqual(closeMatches('a788990d', LIBRARY), []);
    });

    it('limits the number of suggestions', () => {
      const many = Array.from({ length: 10 }, (_, index) => media(`id${index}`, `take-${index}.wav`));
      assert.equal(closeMatches('take-1', many, 3).length, 3);
    });
  });

  describe('what a drop inserts', () => {
    it('inserts the bare ID inside a string, in YAML and in plain text', () => {
      assert.equal(shapeAt('download(mediaId="|")', 'python'), 'bare');
      assert.equal(shapeAt('const s = "prefix |"', 'js'), 'bare');
      assert.equal(shapeAt('mediaId: |', 'yaml'), 'bare');
      assert.equal(shapeAt('see |', 'text'), 'bare');
    });

    it('quotes the ID after mediaId= or an entry key, and in JavaScript code', () => {
      assert.equal(shapeAt('download(mediaId=|)', 'python'), 'quoted');
      assert.equal(shapeAt('{"mediaFiles": [{"bed": |}]}', 'json'), 'quoted');
      assert.equal(shapeAt('const ids = [|];', 'js'), 'quoted');
    });

    it('inserts a mediaFiles entry in Python and JSON, and name/ID pairs inside an entry object', () => {
      assert.equal(shapeAt('create(mediaFiles=[|])', 'python'), 'entry');
      assert.equal(shapeAt('files = |', 'python'), 'entry');
      assert.equal(shapeAt('{"mediaFiles": [|]}', 'json'), 'entry');
      assert.equal(shapeAt('create({ mediaFiles: [|] })', 'js'), 'entry');
      assert.equal(shapeAt('create(mediaFiles=[{"bed": "a788990d", |}])', 'python'), 'pairs');
      assert.equal(shapeAt('{"mediaFiles": {|}}', 'json'), 'pairs');
    });
  });
});
