// An item's extra metadata as a person reads it (describe.ts lays it out): words for labels
// ("Created", "Sample rate"), dates without the T and milliseconds, seconds and sizes with
// units, all in the display language (l10n.t and Intl). Pure: no `vscode` import.
import * as l10n from '@vscode/l10n';
import { displayLanguage } from '../../api/l10n';
import { formatDate, formatDuration, formatSize } from '../../util/l10nFormat';

// A Map, not an object literal: a server key named after an Object.prototype member
// (`constructor`, `toString`, `__proto__`…) must find nothing here, not a function.
// Functions, not words: l10n.t answers in the display language only once it is configured
// (at activation), after this module loaded.
const KNOWN_LABELS: ReadonlyMap<string, () => string> = new Map([
  ['createdAt', () => l10n.t('Created')],
  ['updatedAt', () => l10n.t('Updated')],
  ['lastModified', () => l10n.t('Modified')],
  ['durationSeconds', () => l10n.t('Duration')],
  ['duration', () => l10n.t('Duration')],
  ['size', () => l10n.t('Size')],
  ['sizeBytes', () => l10n.t('Size')],
  ['format', () => l10n.t('Format')],
  ['sampleRate', () => l10n.t('Sample rate')],
]);

/**
 * `someKey` / `some_key` → `Some key`; known keys get their word in the display language
 * ("createdAt" → "Created"). Other keys are the server's own words, split but not translated.
 */
export function humanizeKey(key: string): string {
  const known = KNOWN_LABELS.get(key);
  if (known) return known();
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/**
 * A metadata value as a person reads it, in the display language: an ISO date in UTC
 * ("Mar 14, 2023, 09:26 UTC"), seconds ("1.3 sec", "3:05"), a size ("2.0 kB").
 */
export function humanizeValue(key: string, value: unknown): string {
  const language = displayLanguage();
  if (typeof value === 'string') return formatDate(language, value) ?? value;
  if (typeof value === 'number' && /seconds$|^duration$/i.test(key)) return formatDuration(language, value) || String(value);
  if (typeof value === 'number' && /^size(Bytes)?$/.test(key)) return formatSize(language, value);
  return JSON.stringify(value) ?? String(value);
}

export interface MetadataRow {
  label: string;
  value: string;
}

/** The item's extra metadata as (label, value) rows, empty values left out. */
export function friendlyMetadata(metadata: Readonly<Record<string, unknown>>): MetadataRow[] {
  return Object.entries(metadata)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => ({ label: humanizeKey(key), value: humanizeValue(key, value) }));
}
