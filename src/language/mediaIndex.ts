// The listing as the language features look things up in it, and the small decisions
// they make from it. Pure: no `vscode` import.
import type { MediaItem } from '../api/types';
import type { LanguageKind, PositionContext } from './documentAnalysis';

export type MediaScope = 'own' | 'public';

export interface IndexedMedia {
  scope: MediaScope;
  item: MediaItem;
}

/** The listed media by ID; the organisation's item wins over a public one with the same ID. */
export class MediaIndex {
  private readonly byId = new Map<string, IndexedMedia>();

  constructor(readonly entries: readonly IndexedMedia[]) {
    for (const entry of entries) {
      const existing = this.byId.get(entry.item.mediaId);
      if (!existing || (existing.scope === 'public' && entry.scope === 'own')) this.byId.set(entry.item.mediaId, entry);
    }
  }

  get(mediaId: string): IndexedMedia | undefined {
    return this.byId.get(mediaId);
  }

  get size(): number {
    return this.byId.size;
  }
}

/** Edit distance, giving up (returning `limit + 1`) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

function stem(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(0, dot) : filename;
}

export interface CloseMatch extends IndexedMedia {
  distance: number;
}

/**
 * Listed media a wrong value probably meant: a file whose name (with or without its
 * extension, any case) is the value or a few typos away, or an ID a typo or two away.
 * Closest first, at most `limit`.
 */
export function closeMatches(value: string, entries: readonly IndexedMedia[], limit = 3): CloseMatch[] {
  const wanted = value.trim().toLowerCase();
  if (wanted === '' || wanted.length > 200) return [];
  const nameLimit = Math.max(1, Math.floor(wanted.length / 4));
  const idLimit = Math.max(1, Math.floor(wanted.length / 6));
  const seen = new Set<string>();
  const matches: CloseMatch[] = [];
  for (const entry of entries) {
    const { filename, mediaId } = entry.item;
    if (seen.has(mediaId)) continue;
    const name = filename.toLowerCase();
    const byName = Math.min(editDistance(wanted, stem(name), nameLimit), editDistance(wanted, name, nameLimit));
    const byId = editDistance(wanted, mediaId.toLowerCase(), idLimit);
    if (mediaId !== value && (byName <= nameLimit || byId <= idLimit)) {
      const distance = Math.min(byName, byId);
      seen.add(mediaId);
      matches.push({ ...entry, distance });
    }
  }
  return matches
    .sort((a, b) => a.distance - b.distance || (a.scope === b.scope ? 0 : a.scope === 'own' ? -1 : 1) || a.item.filename.localeCompare(b.item.filename))
    .slice(0, limit);
}

const KNOWN_METADATA: Record<string, string> = {
  createdAt: 'Created',
  updatedAt: 'Updated',
  lastModified: 'Modified',
  durationSeconds: 'Duration',
  duration: 'Duration',
  size: 'Size',
  sizeBytes: 'Size',
  format: 'Format',
  sampleRate: 'Sample rate',
};

/** `someKey` / `some_key` -> `Some key`. */
export function humanizeKey(key: string): string {
  const known = KNOWN_METADATA[key];
  if (known) return known;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/** A metadata value as a person reads it: dates without the T and milliseconds, seconds with a unit. */
export function humanizeValue(key: string, value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
  if (typeof value === 'number' && /seconds$|^duration$/i.test(key)) return `${value} s`;
  if (typeof value === 'number' && /^size(Bytes)?$/.test(key)) return formatBytes(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The item's extra metadata as (label, value) rows. */
export function friendlyMetadata(metadata: Readonly<Record<string, unknown>>): Array<{ label: string; value: string }> {
  return Object.entries(metadata)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => ({ label: humanizeKey(key), value: humanizeValue(key, value) }));
}

/**
 * How dropped media should be written at a place in a document:
 * - `bare`: the IDs as they are (inside a string, in YAML or plain text);
 * - `quoted`: each ID as a string literal (JavaScript/TypeScript code, a `mediaId=` value);
 * - `entry`: one mediaFiles object `{"name": "id", …}` (Python and JSON code, a mediaFiles list);
 * - `pairs`: `"name": "id", …` without braces (inside a mediaFiles object).
 */
export type DropShape = 'bare' | 'quoted' | 'entry' | 'pairs';

export function dropShape(context: PositionContext, language: LanguageKind): DropShape {
  if (context.value?.quote !== undefined) return 'bare';
  if (language === 'yaml' || language === 'text') return 'bare';
  if (context.role === 'mediaId' || context.role === 'mediaFiles') return 'quoted';
  if (context.inMediaFiles === 'object') return 'pairs';
  if (context.inMediaFiles === 'list') return 'entry';
  return language === 'js' ? 'quoted' : 'entry';
}
