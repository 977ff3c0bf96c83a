// Grouping of a media listing by tag, as the tree shows it. Pure: no `vscode` import.
// Built for 100,000 items: grouping only buckets items (the tree's top level needs tag
// names and counts); a tag's items are sorted the first time they are asked for.
import type { MediaItem } from '../../api/types';

/** One tag's items (or the "Untagged" group's). */
export class TagGroup {
  private sorted = false;

  constructor(
    /** The tag, or undefined for the "Untagged" group. */
    readonly tag: string | undefined,
    private readonly bucket: MediaItem[],
  ) {}

  get count(): number {
    return this.bucket.length;
  }

  /** Items carrying the tag, sorted by file name then mediaId; sorted on first use, then cached. */
  get items(): readonly MediaItem[] {
    if (!this.sorted) {
      this.bucket.sort(compareItems);
      this.sorted = true;
    }
    return this.bucket;
  }
}

/** Created on first use: an Intl.Collator costs milliseconds, too much for module load. */
let collatorInstance: Intl.Collator | undefined;
function collator(): Intl.Collator {
  return (collatorInstance ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }));
}

/** File-name order: the collator's (case- and accent-insensitive, numbers by value). */
export function compareNames(a: string, b: string): number {
  return compareAsciiNames(a, b) ?? collator().compare(a, b);
}

export function compareItems(a: MediaItem, b: MediaItem): number {
  return compareNames(a.filename, b.filename) || (a.mediaId < b.mediaId ? -1 : a.mediaId > b.mediaId ? 1 : 0);
}

/**
 * One group per tag (sorted, case-insensitively), then "Untagged" when any item has no tag.
 * An item with three tags is in three groups. Duplicate tags on one item count once.
 */
export function groupByTag(items: readonly MediaItem[]): TagGroup[] {
  const byTag = new Map<string, MediaItem[]>();
  const untagged: MediaItem[] = [];
  for (const item of items) {
    const tags = item.tags;
    let added = 0;
    for (let i = 0; i < tags.length; i++) {
      const tag = cleanTag(tags[i]);
      if (tag === '' || isEarlierTag(tags, i, tag)) continue;
      let bucket = byTag.get(tag);
      if (!bucket) byTag.set(tag, (bucket = []));
      bucket.push(item);
      added++;
    }
    if (added === 0) untagged.push(item);
  }
  const groups = [...byTag.keys()]
    .sort((a, b) => collator().compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((tag) => new TagGroup(tag, byTag.get(tag)!));
  if (untagged.length > 0) groups.push(new TagGroup(undefined, untagged));
  return groups;
}

function cleanTag(tag: string): string {
  // Most tags need no trimming: skip the allocation.
  const first = tag.charCodeAt(0);
  const last = tag.charCodeAt(tag.length - 1);
  return first > 32 && last > 32 && first !== 160 && last !== 160 ? tag : tag.trim();
}

/** Whether `tags` has `tag` (after trimming) before index `index` (items carry few tags). */
function isEarlierTag(tags: readonly string[], index: number, tag: string): boolean {
  for (let j = 0; j < index; j++) if (cleanTag(tags[j]) === tag) return true;
  return false;
}

/**
 * The collator's order for printable-ASCII names without calling the collator (which costs
 * about a microsecond per comparison: seconds for 100,000 names). Each printable ASCII
 * character has one primary weight, ranked once by the collator itself; digit runs compare
 * by value, as `numeric: true` does. undefined when either name has another character.
 */
function compareAsciiNames(a: string, b: string): number | undefined {
  const rank = asciiRanks();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca < 32 || ca > 126 || cb < 32 || cb > 126) return undefined;
    const da = ca >= 48 && ca <= 57;
    const db = cb >= 48 && cb <= 57;
    if (da && db) {
      // Compare two digit runs by value: skip leading zeros, then length, then digits.
      let ea = i;
      while (ea < a.length && isDigit(a.charCodeAt(ea))) ea++;
      let eb = j;
      while (eb < b.length && isDigit(b.charCodeAt(eb))) eb++;
      let sa = i;
      while (sa < ea - 1 && a.charCodeAt(sa) === 48) sa++;
      let sb = j;
      while (sb < eb - 1 && b.charCodeAt(sb) === 48) sb++;
      if (ea - sa !== eb - sb) return ea - sa < eb - sb ? -1 : 1;
      for (; sa < ea; sa++, sb++) {
        const diff = a.charCodeAt(sa) - b.charCodeAt(sb);
        if (diff !== 0) return diff < 0 ? -1 : 1;
      }
      i = ea;
      j = eb;
      continue;
    }
    const ra = rank[ca];
    const rb = rank[cb];
    if (ra !== rb) return ra < rb ? -1 : 1;
    i++;
    j++;
  }
  // Control or non-ASCII characters in the rest still decide equality: leave it to the collator.
  for (let k = i; k < a.length; k++) if (a.charCodeAt(k) < 32 || a.charCodeAt(k) > 126) return undefined;
  for (let k = j; k < b.length; k++) if (b.charCodeAt(k) < 32 || b.charCodeAt(k) > 126) return undefined;
  const restA = a.length - i;
  const restB = b.length - j;
  return restA === restB ? 0 : restA < restB ? -1 : 1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

let asciiRankTable: Uint8Array | undefined;
/** Primary rank of each printable ASCII character under the collator (ties share a rank). */
function asciiRanks(): Uint8Array {
  if (!asciiRankTable) {
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).sort(collator().compare);
    const table = new Uint8Array(128);
    let rank = 0;
    chars.forEach((char, index) => {
      if (index > 0 && collator().compare(chars[index - 1], char) !== 0) rank++;
      table[char.charCodeAt(0)] = rank;
    });
    asciiRankTable = table;
  }
  return asciiRankTable;
}

// The tag rules live with the client, which enforces them on the wire.
export { checkTag, normaliseTags } from '../../api/apiaudio/tags';
