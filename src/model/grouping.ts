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

// The tag rules live with the client, which enforces them on the wire.
export { checkTag, normaliseTags } from '../api/tags';
