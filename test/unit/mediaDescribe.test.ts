// What a person reads about an item, the same in the Media view's tooltip, the code hover,
// completion and the inlay hint (src/media/apiaudio/describe.ts), and the data a drag carries.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { MediaItem } from '../../src/api/types';
import { describeMedia, mediaLabel, mediaMarkdown, placeSummary } from '../../src/media/apiaudio/describe';
import { codeSpan } from '../../src/media/markdown';
import { MEDIA_TREE_MIME, readDraggedMedia } from '../../src/media/dragData';
import { asLocatedMedia, locatedMedia, mediaReference, type LocatedMedia, type MediaScope } from '../../src/media/apiaudio/location';
import { mediaFilesEntry, mediaFilesPairs } from '../../src/media/mediaFiles';
import { friendlyMetadata, humanizeKey, humanizeValue } from '../../src/media/apiaudio/metadata';
import { useDisplayLanguage } from '../../src/api/l10n';

/** The German bundle as VS Code hands it to the extension. */
const GERMAN = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

/** Intl may separate number and unit with a no-break space: compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function entry(overrides: Partial<MediaItem> = {}, scope: MediaScope = 'own'): LocatedMedia {
  return { scope, item: { mediaId: 'a788990d', filename: 'podcast-theme.mp3', tags: ['music', 'intro'], metadata: {}, ...overrides } } as LocatedMedia;
}

/** Metadata with one own key `name` (JSON.parse, as the server's answer arrives: `__proto__` stays a key). */
function metadataWith(name: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(name)}: ${JSON.stringify(value)}}`) as Record<string, unknown>;
}

/** The table rows of a description, as [label, value] with the Markdown escapes removed. */
function tableRows(markdown: string): Array<[string, string]> {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| | |'))
    .map((line) => line.slice(2, -2).split(' | ').map((cell) => cell.replace(/\\(.)/g, '$1')) as [string, string]);
}

describe('an item as a person reads it', () => {
  it('gives the file name, media ID, tags and metadata table in that order', () => {
    const text = mediaMarkdown(entry({ metadata: { createdAt: '2023-03-14T09:26:53.000Z', durationSeconds: 1.25 } }));
    assert.equal(
      text,
      '**podcast\\-theme\\.mp3** · api.audio media `a788990d`\n\n' +
        'Tags: `music` `intro`\n\n' +
        '| | |\n|---|---|\n| Created | Mar 14, 2023, 09:26 UTC |\n| Duration | 1\\.3 sec |\n\n',
    );
  });

  describe('in German, once the display language and its bundle are set', () => {
    beforeEach(() => useDisplayLanguage({ language: 'de', bundle: GERMAN }));
    afterEach(() => {
      useDisplayLanguage({ language: 'en', bundle: undefined });
      l10n.config({ contents: {} });
    });

    it('words the heading, tags and known labels, and formats dates, seconds and sizes in German', () => {
      const text = plain(mediaMarkdown(entry({ metadata: { createdAt: '2023-03-14T09:26:53.000Z', durationSeconds: 1.25, sizeBytes: 2048, voiceName: 'Joanna' } })));
      assert.equal(
        text,
        '**podcast\\-theme\\.mp3** · api.audio-Medium `a788990d`\n\n' +
          'Tags: `music` `intro`\n\n' +
          '| | |\n|---|---|\n| Erstellt | 14\\. März 2023, 09:26 UTC |\n| Dauer | 1,3 Sek\\. |\n| Größe | 2,0 kB |\n| Voice name | Joanna |\n\n',
      );
      assert.match(mediaMarkdown(entry({ tags: [] })), /\n\nTags: _keine_\n\n$/);
    });
  });

  it('names the public library and how the item was reached, and says when there are no tags', () => {
    const text = mediaMarkdown(entry({ tags: [] }, 'public'), { via: 'mediaFiles entry "bed"' });
    assert.match(text, /^\*\*podcast\\-theme\\\.mp3\*\* · api\.audio media `a788990d` · api\\\.audio Library\n\nmediaFiles entry "bed"\n\nTags: _none_\n\n$/);
  });

  it('keeps a backtick in a tag or media ID from ending its code span', () => {
    const text = mediaMarkdown(entry({ mediaId: 'id`x', tags: ['a`b', 'c'] }));
    assert.match(text, /api\.audio media `id'x`/);
    assert.match(text, /Tags: `a'b` `c`/);
    assert.equal(codeSpan('two\nlines'), '`two lines`');
  });

  it('keeps a metadata value with line breaks or pipes on one table row, and cuts a long one', () => {
    const rows = tableRows(mediaMarkdown(entry({ metadata: { note: 'first | line\nsecond line', blob: 'x'.repeat(1000) } })));
    assert.deepEqual(rows[0], ['Note', 'first | line second line']);
    assert.equal(rows[1][0], 'Blob');
    assert.equal(rows[1][1].length, 300);
    assert.ok(rows[1][1].endsWith('…'));
  });

  it('renders a metadata key named after any Object.prototype member as an ordinary row', () => {
    const names = Object.getOwnPropertyNames(Object.prototype);
    assert.ok(names.includes('constructor') && names.includes('__proto__') && names.includes('__defineGetter__'), names.join(', '));
    for (const name of names) {
      const metadata = metadataWith(name, 'server value');
      assert.ok(Object.prototype.hasOwnProperty.call(metadata, name), `${name} is an own key of the test's metadata`);
      const rows = friendlyMetadata(metadata);
      assert.equal(rows.length, 1, name);
      assert.equal(typeof rows[0].label, 'string', name);
      assert.equal(rows[0].value, 'server value', name);
      const markdown = mediaMarkdown(entry({ metadata }));
      const table = tableRows(markdown);
      assert.equal(table.length, 1, `${name}: ${markdown}`);
      assert.equal(table[0][1], 'server value', name);
      // The label is the key in words, never a function's source or "[object …]".
      const words = name.replace(/_+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
      assert.equal(table[0][0], words[0].toUpperCase() + words.slice(1), name);
    }
    assert.equal(humanizeKey('constructor'), 'Constructor');
    assert.equal(humanizeKey('__proto__'), 'Proto');
    assert.equal(humanizeKey('toString'), 'To string');
  });

  it('gives the same words to the completion row and the inlay hint', () => {
    assert.equal(mediaLabel(entry()), 'podcast-theme.mp3');
    assert.equal(placeSummary(entry()), 'music, intro');
    assert.equal(placeSummary(entry({}, 'public')), 'api.audio Library · music, intro');
    assert.equal(placeSummary(entry({ tags: [] }, 'public')), 'api.audio Library');
    assert.deepEqual(describeMedia(entry({}, 'public')).source, 'api.audio Library');
    assert.equal(describeMedia(entry()).source, undefined);
  });
});

describe('metadata words', () => {
  it('names known keys, splits camelCase and snake_case, and formats dates, seconds and sizes', () => {
    assert.deepEqual(
      friendlyMetadata({ createdAt: '2023-03-14T09:26:53.000Z', durationSeconds: 1.25, sample_rate_hz: 44100, sizeBytes: 2048, voiceName: 'Joanna', empty: '', flags: ['a'] }).map(
        ({ label, value }) => ({ label, value: plain(value) }),
      ),
      [
        { label: 'Created', value: 'Mar 14, 2023, 09:26 UTC' },
        { label: 'Duration', value: '1.3 sec' },
        { label: 'Sample rate hz', value: '44100' },
        { label: 'Size', value: '2.0 kB' },
        { label: 'Voice name', value: 'Joanna' },
        { label: 'Flags', value: '["a"]' },
      ],
    );
    assert.equal(humanizeKey('x'), 'X');
  });

  it('formats ISO dates in UTC, with or without a time, and leaves other text as the server sent it', () => {
    assert.equal(plain(humanizeValue('createdAt', '2023-03-14T09:26:53.000Z')), 'Mar 14, 2023, 09:26 UTC');
    assert.equal(plain(humanizeValue('createdAt', '2023-03-14')), 'Mar 14, 2023');
    assert.equal(humanizeValue('createdAt', 'not a date'), 'not a date');
    assert.equal(humanizeValue('createdAt', '2023-13-45T99:99'), '2023-13-45T99:99');
  });
});

describe('where an item lives, and the data that carries it', () => {
  it('lists the organisation\'s items before the public ones', () => {
    const own = entry().item;
    const shared = { ...entry().item, mediaId: 'p1' };
    assert.deepEqual(locatedMedia({ items: [own], publicItems: [shared] }), [
      { scope: 'own', item: own },
      { scope: 'public', item: shared },
    ]);
    assert.deepEqual(locatedMedia(undefined), []);
  });

  it('reads the dragged items, as values or as JSON, one each, and nothing that is not an item', () => {
    const node = { kind: 'media', id: 'own/tag:music/a788990d', tag: 'music', ...entry() };
    const twice = [node, { ...node, id: 'own/tag:intro/a788990d', tag: 'intro' }];
    assert.deepEqual(
      readDraggedMedia(twice).map((found) => found.item.mediaId),
      ['a788990d'],
    );
    assert.deepEqual(
      readDraggedMedia(JSON.stringify([node, entry({ mediaId: 'b2' }, 'public')])).map((found) => `${found.scope}/${found.item.mediaId}`),
      ['own/a788990d', 'public/b2'],
    );
    for (const junk of ['not json', '{}', 42, null, [{ scope: 'elsewhere', item: entry().item }], [{ scope: 'own', item: { mediaId: 7 } }], [{ kind: 'tag' }]]) {
      assert.deepEqual(readDraggedMedia(junk), [], JSON.stringify(junk));
    }
    assert.equal(MEDIA_TREE_MIME, 'application/vnd.code.tree.apiaudio.media');
  });

  it('makes a reference for a command link that carries no metadata and reads back as the same item', () => {
    const reference = mediaReference(entry({ metadata: { createdAt: '2023-03-14' } }, 'public'));
    assert.deepEqual(reference, { scope: 'public', item: { mediaId: 'a788990d', filename: 'podcast-theme.mp3', tags: ['music', 'intro'], metadata: {} } });
    assert.deepEqual(asLocatedMedia(JSON.parse(JSON.stringify(reference))), reference);
  });

  it('writes one mediaFiles entry for several items, a repeated name numbered', () => {
    const items = [
      { filename: 'bed.wav', mediaId: 'id1' },
      { filename: 'bed.mp3', mediaId: 'id2' },
      { filename: '.wav', mediaId: 'id3' },
    ];
    assert.equal(mediaFilesEntry(items), '{"bed": "id1", "bed_2": "id2", ".wav": "id3"}');
    assert.equal(mediaFilesPairs(items.slice(0, 1)), '"bed": "id1"');
  });
});
