// Grouping of a media listing by tag, as the tree shows it. Pure: no `vscode` import.
import type { MediaItem } from '../api/types';

export interface TagGroup {
  /** The tag, or undefined for the "Untagged" group. */
  tag: string | undefined;
  /** Items carrying the tag, sorted by file name then mediaId. */
  items: MediaItem[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareItems(a: MediaItem, b: MediaItem): number {
  return collator.compare(a.filename, b.filename) || (a.mediaId < b.mediaId ? -1 : a.mediaId > b.mediaId ? 1 : 0);
}

/**
 * One group per tag (sorted, case-insensitively), then "Untagged" when any item has no tag.
 * An item with three tags is in three groups. Duplicate tags on one item count once.
 */
export function groupByTag(items: readonly MediaItem[]): TagGroup[] {
  const byTag = new Map<string, MediaItem[]>();
  const untagged: MediaItem[] = [];
  for (const item of items) {
    const tags = new Set(item.tags.map((tag) => tag.trim()).filter((tag) => tag !== ''));
    if (tags.size === 0) untagged.push(item);
    for (const tag of tags) {
      let bucket = byTag.get(tag);
      if (!bucket) byTag.set(tag, (bucket = []));
      bucket.push(item);
    }
  }
  const groups: TagGroup[] = [...byTag.entries()]
    .sort(([a], [b]) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, bucket]) => ({ tag, items: bucket.sort(compareItems) }));
  if (untagged.length > 0) groups.push({ tag: undefined, items: untagged.sort(compareItems) });
  return groups;
}

/** Normalises tags a person typed or picked: trimmed, no empties, no duplicates. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag === '' || seen.has(tag)) continue;
    seen.add(tag);
    result.push(tag);
  }
  return result;
}

/** A problem with one tag a person typed, or undefined when it is usable. */
export function checkTag(tag: string): string | undefined {
  if (tag.trim() === '') return 'A tag cannot be empty.';
  if (tag.includes(',')) return `The tag "${tag.trim()}" contains a comma; api.audio separates tags with commas.`;
  return undefined;
}
