import * as assert from 'node:assert/strict';
import type { MediaItem } from '../../src/api/types';
import { checkTag, groupByTag, normaliseTags } from '../../src/model/grouping';

function item(mediaId: string, filename: string, tags: string[]): MediaItem {
  return { mediaId, filename, tags, metadata: {} };
}

describe('groupByTag', () => {
  const items = [
    item('00000003', 'b.wav', ['music', 'intro', 'Bed']),
    item('00000001', 'a.mp3', ['music']),
    item('00000002', 'untagged.wav', []),
    item('00000004', 'A.wav', ['intro', 'intro']),
  ];

  it('makes one sorted group per tag and puts Untagged last', () => {
    const groups = groupByTag(items);
    assert.deepEqual(
      groups.map((g) => [g.tag, g.items.map((i) => i.mediaId)]),
      [
        ['Bed', ['00000003']],
        ['intro', ['00000004', '00000003']],
        ['music', ['00000001', '00000003']],
        [undefined, ['00000002']],
      ],
    );
  });

  it('lists an item under each of its tags, once per tag', () => {
    const groups = groupByTag(items);
    const holding = groups.filter((g) => g.items.some((i) => i.mediaId === '00000003'));
    assert.equal(holding.length, 3);
    const intro = groups.find((g) => g.tag === 'intro');
    assert.equal(intro?.items.length, 2, 'a duplicated tag on one item counts once');
  });

  it('has no Untagged group when every item has a tag', () => {
    assert.equal(groupByTag(items.filter((i) => i.tags.length)).some((g) => g.tag === undefined), false);
  });
});

describe('tags typed by a person', () => {
  it('are trimmed and de-duplicated, empties dropped', () => {
    assert.deepEqual(normaliseTags([' music ', 'music', '', '  ', 'intro']), ['music', 'intro']);
  });
  it('may not be empty or contain a comma', () => {
    assert.match(checkTag('  ') ?? '', /cannot be empty/);
    assert.match(checkTag('a,b') ?? '', /contains a comma/);
    assert.equal(checkTag('voice over'), undefined);
  });
});
