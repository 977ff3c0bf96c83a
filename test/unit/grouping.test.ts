import * as assert from 'node:assert/strict';
import type { MediaItem } from '../../src/api/types';
import * as sinon from 'sinon';
import { checkTag, compareNames, groupByTag, normaliseTags } from '../../src/model/apiaudio/grouping';

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

describe('groupByTag on large libraries', () => {
  it('counts without sorting; sorts a tag when its items are first asked for, then keeps that order', () => {
    const a = item('00000001', 'b.wav', ['music']);
    const b = item('00000002', 'a.wav', ['music']);
    const [music] = groupByTag([a, b]);
    assert.equal(music.count, 2);
    // Renamed after grouping: the order follows the name at the time the tag is expanded.
    a.filename = '0 first.wav';
    assert.deepEqual(music.items.map((i) => i.mediaId), ['00000001', '00000002']);
    b.filename = '00 first of all.wav';
    assert.equal(music.items, music.items, 'the sorted list is cached');
    assert.deepEqual(music.items.map((i) => i.mediaId), ['00000001', '00000002'], 'not sorted again');
  });

  it('trims tags and counts a duplicate once, without a Set per item', () => {
    const groups = groupByTag([item('1', 'x.wav', [' intro', 'intro ', '', '  ']), item('2', 'y.wav', ['  '])]);
    assert.deepEqual(
      groups.map((g) => [g.tag, g.count]),
      [
        ['intro', 1],
        [undefined, 1],
      ],
    );
  });
});

describe('compareNames', () => {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

  it("orders printable-ASCII names exactly as the collator does (numbers by value, case ignored)", () => {
    // A fixed-seed generator: the same 50,000 pairs on every run.
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'aAbBzZ0123456789 -_.()[]!#&+,;\'=@~$%^`{}|\\/:<>?"*';
    const word = () => Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const mismatches: string[] = [];
    for (let n = 0; n < 50_000; n++) {
      const prefix = word();
      const a = prefix + word();
      const b = (next() < 0.5 ? prefix : '') + word();
      if (Math.sign(compareNames(a, b)) !== Math.sign(collator.compare(a, b))) mismatches.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    assert.deepEqual(mismatches.slice(0, 5), []);
    assert.ok(compareNames('take 9.wav', 'take 10.wav') < 0);
    assert.equal(compareNames('Take 01.wav', 'take 1.WAV'), 0);
  });

  it('leaves other characters to the collator (accents ignored, like case)', () => {
    assert.equal(compareNames('café.wav', 'cafe.wav'), 0);
    assert.ok(compareNames('Ärger.wav', 'b.wav') < 0);
    assert.equal(Math.sign(compareNames('a\u0001b', 'ab')), Math.sign(collator.compare('a\u0001b', 'ab')));
  });

  it('creates its Intl.Collator on first use, not when the module loads', () => {
    const modulePath = require.resolve('../../src/model/apiaudio/grouping');
    const cached = require.cache[modulePath];
    delete require.cache[modulePath];
    const spy = sinon.spy(Intl, 'Collator');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../src/model/apiaudio/grouping') as typeof import('../../src/model/apiaudio/grouping');
      assert.equal(spy.callCount, 0, 'no collator at load');
      fresh.groupByTag([item('1', 'x.wav', ['b', 'a'])]);
      assert.equal(spy.callCount, 1);
    } finally {
      spy.restore();
      if (cached) require.cache[modulePath] = cached;
    }
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
