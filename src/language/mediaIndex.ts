// The listing as the language features look things up in it, and the small decisions
// they make from it. Pure: no `vscode` import.
import { compareScopes, type LocatedMedia } from '../media/apiaudio/location';
import type { LanguageKind, PositionContext } from './documentAnalysis';

/** The listed media by ID; the organisation's item wins over a public one with the same ID. */
export class MediaIndex {
  private readonly byId = new Map<string, LocatedMedia>();

  constructor(readonly entries: readonly LocatedMedia[]) {
    for (const entry of entries) {
      const existing = this.byId.get(entry.item.mediaId);
      if (!existing || compareScopes(entry.scope, existing.scope) < 0) this.byId.set(entry.item.mediaId, entry);
    }
  }

  get(mediaId: string): LocatedMedia | undefined {
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

export type CloseMatch = LocatedMedia & { distance: number };

/**
 * Listed media a wrong value probably meant: a file whose name (with or without its
 * extension, any case) is the value or a few typos away, or an ID a typo or two away.
 * Closest first, at most `limit`.
 */
export function closeMatches(value: string, entries: readonly LocatedMedia[], limit = 3): CloseMatch[] {
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
    .sort((a, b) => a.distance - b.distance || compareScopes(a.scope, b.scope) || a.item.filename.localeCompare(b.item.filename))
    .slice(0, limit);
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
  if (context.role === 'mediaId' || context.role === 'mediaFiles' || context.role === 'fileId') return 'quoted';
  if (context.inMediaFiles === 'object') return 'pairs';
  if (context.inMediaFiles === 'list') return 'entry';
  return language === 'js' ? 'quoted' : 'entry';
}
