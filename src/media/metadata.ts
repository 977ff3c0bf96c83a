// An item's extra metadata as a person reads it (describe.ts lays it out): words for labels
// ("Created", "Sample rate"), dates without the T and milliseconds, seconds and sizes with
// units. Pure: no `vscode` import.
import { formatBytes } from '../api/format';

// A Map, not an object literal: a server key named after an Object.prototype member
// (`constructor`, `toString`, `__proto__`…) must find nothing here, not a function.
const KNOWN_LABELS: ReadonlyMap<string, string> = new Map([
  ['createdAt', 'Created'],
  ['updatedAt', 'Updated'],
  ['lastModified', 'Modified'],
  ['durationSeconds', 'Duration'],
  ['duration', 'Duration'],
  ['size', 'Size'],
  ['sizeBytes', 'Size'],
  ['format', 'Format'],
  ['sampleRate', 'Sample rate'],
]);

const MONTHS: readonly string[] = Object.freeze(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `someKey` / `some_key` → `Some key`; known keys get their word ("createdAt" → "Created"). */
export function humanizeKey(key: string): string {
  const known = KNOWN_LABELS.get(key);
  if (known) return known;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/** "14 Mar 2023, 09:26 UTC" (or "14 Mar 2023" for a date alone): the same on every machine and locale. */
export function formatDate(value: string): string | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return value.includes('T') ? `${day}, ${date.toISOString().slice(11, 16)} UTC` : day;
}

/** A metadata value as a person reads it. */
export function humanizeValue(key: string, value: unknown): string {
  if (typeof value === 'string') return formatDate(value) ?? value;
  if (typeof value === 'number' && /seconds$|^duration$/i.test(key)) return `${value} s`;
  if (typeof value === 'number' && /^size(Bytes)?$/.test(key)) return formatBytes(value);
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
