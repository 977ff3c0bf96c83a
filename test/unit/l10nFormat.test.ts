// Counts, sizes, durations, dates and lists in the display language (src/util/l10nFormat.ts).
import * as assert from 'node:assert/strict';
import { formatBytes } from '../../src/api/format';
import { formatCount, formatDate, formatDuration, formatList, formatSize, formatTime, intlLocale, plural } from '../../src/util/l10nFormat';

/** Intl separates number and unit with a (narrow) no-break space in some languages: compare with plain spaces. */
const plain = (text: string | undefined) => text?.replace(/\s/g, ' ');

const files = (language: string, count: number, words: { one: string; other: string }) =>
  plural(language, count, { one: (c) => `${c} ${words.one}`, other: (c) => `${c} ${words.other}` });

describe('Formats in the display language', () => {
  it('reads VS Code language ids as Intl locales, the pseudo-language and nonsense as English', () => {
    assert.equal(intlLocale('de'), 'de');
    assert.equal(intlLocale('zh-cn'), 'zh-CN');
    assert.equal(intlLocale('pt-br'), 'pt-BR');
    assert.equal(intlLocale('qps-ploc'), 'en');
    assert.equal(intlLocale(''), 'en');
    assert.equal(intlLocale(undefined), 'en');
    assert.equal(intlLocale('not a locale!'), 'en');
  });

  it('groups counts as the language does', () => {
    assert.equal(formatCount('en', 12345), '12,345');
    assert.equal(formatCount('de', 12345), '12.345');
  });

  it('picks the plural form by the language’s rules and gives it the formatted count', () => {
    assert.equal(files('en', 1, { one: 'file', other: 'files' }), '1 file');
    assert.equal(files('en', 0, { one: 'file', other: 'files' }), '0 files');
    assert.equal(files('de', 1, { one: 'Datei', other: 'Dateien' }), '1 Datei');
    assert.equal(files('de', 1234, { one: 'Datei', other: 'Dateien' }), '1.234 Dateien');
    // Polish has a `few` form: used when given, `other` when not.
    const few = plural('pl', 3, { one: (c) => `${c} plik`, few: (c) => `${c} pliki`, other: (c) => `${c} plików` });
    assert.equal(few, '3 pliki');
    assert.equal(files('pl', 3, { one: 'plik', other: 'plików' }), '3 plików');
  });

  it('writes sizes with the language’s decimal mark and unit, rounded as formatBytes rounds them', () => {
    assert.equal(plain(formatSize('en', 512)), '512 byte');
    assert.equal(plain(formatSize('de', 512)), '512 Byte');
    assert.equal(plain(formatSize('en', 1536)), '1.5 kB');
    assert.equal(plain(formatSize('de', 3.1 * 1024 * 1024)), '3,1 MB');
    assert.equal(plain(formatSize('en', 12 * 1024 * 1024)), '12 MB');
    assert.equal(plain(formatSize('en', 1.5 * 1024 ** 3)), '1.5 GB');
    assert.equal(plain(formatSize('en', 1024)), '1.0 kB');
    assert.equal(plain(formatSize('en', 9.96 * 1024 ** 2)), '10 MB');
    assert.equal(plain(formatSize('en', Number.NaN)), '0 byte');
    assert.equal(plain(formatSize('en', -5)), '0 byte');
    // Same numbers as today's English formatBytes, only the unit's spelling is the language's.
    for (const bytes of [0, 1, 1023, 1024, 10 * 1024 - 1, 10 * 1024, 5_000_000, 1024 ** 3 * 9.96, 1024 ** 4 * 3, 1024 ** 5 * 2]) {
      const number = (text: string) => text.replace(/[^\d.]/g, '');
      assert.equal(number(formatSize('en', bytes)), number(formatBytes(bytes)), `${bytes} bytes`);
    }
  });

  it('writes durations in seconds in the language, and longer ones as a clock', () => {
    assert.equal(plain(formatDuration('en', 1.5)), '1.5 sec');
    assert.equal(plain(formatDuration('de', 1.5)), '1,5 Sek.');
    assert.equal(plain(formatDuration('en', 42.4)), '42 sec');
    assert.equal(formatDuration('de', 185), '3:05');
    assert.equal(formatDuration('en', 3723), '1:02:03');
    assert.equal(formatDuration('en', 59.6), '1:00');
    assert.equal(formatDuration('en', -1), '');
    assert.equal(formatDuration('en', Number.NaN), '');
  });

  it('writes server dates in UTC in the language’s order and month names', () => {
    assert.equal(plain(formatDate('en', '2023-03-14T09:26:41.123Z')), 'Mar 14, 2023, 09:26 UTC');
    assert.equal(plain(formatDate('de', '2023-03-14T09:26:41.123Z')), '14. März 2023, 09:26 UTC');
    assert.equal(plain(formatDate('de', '2023-03-14T23:30:00-02:00')), '15. März 2023, 01:30 UTC');
    assert.equal(plain(formatDate('de', '2023-03-14')), '14. März 2023');
    assert.equal(formatDate('de', 'yesterday'), undefined);
    assert.equal(formatDate('de', '2023-13-45T00:00:00Z'), undefined);
  });

  it('writes a time of day on the language’s clock', () => {
    const at = Date.UTC(2023, 2, 14, 21, 26);
    assert.equal(plain(formatTime('en', at, 'UTC')), '9:26 PM');
    assert.equal(formatTime('de', at, 'UTC'), '21:26');
  });

  it('lists names as the language does', () => {
    assert.equal(formatList('en', ['music', 'intro', 'beds']), 'music, intro, and beds');
    assert.equal(formatList('de', ['music', 'intro', 'beds']), 'music, intro und beds');
    assert.equal(formatList('de', ['music', 'intro'], 'disjunction'), 'music oder intro');
    assert.equal(formatList('en', ['one']), 'one');
  });
});
