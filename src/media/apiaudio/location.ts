// An item and where it lives: the one type the views, the code insight and the commands
// share for "which media, from which source". Pure: no `vscode` import.
import * as l10n from '@vscode/l10n';
import type { MediaItem } from '../../api/types';
import type { LibraryListing } from '../../model/apiaudio/mediaLibrary';

/** The organisation's own media in api.audio (v1): listed, playable, deletable. */
export interface OwnMedia {
  scope: 'own';
  item: MediaItem;
}

/** The public media api.audio shares with every organisation: read-only. */
export interface PublicMedia {
  scope: 'public';
  item: MediaItem;
}

/**
 * An item and where it lives, told apart by `scope`. A new source is one more member of
 * this union with its own place fields (AudioStack Files next: `{ scope: 'files'; folder:
 * string; item }`); every `switch (entry.scope)` then names the case it has to handle.
 */
export type LocatedMedia = OwnMedia | PublicMedia;

/** Where an item lives (the union's tag). */
export type MediaScope = LocatedMedia['scope'];

/** The order sources are listed in and win in: the organisation's own first. */
const SCOPE_ORDER: Readonly<Record<MediaScope, number>> = Object.freeze({ own: 0, public: 1 });

/** Negative when `a` comes (and wins) before `b`. */
export function compareScopes(a: MediaScope, b: MediaScope): number {
  return SCOPE_ORDER[a] - SCOPE_ORDER[b];
}

/** The public library's name, in the tree and beside its items, in the display language (the product name stays). */
export const publicLibraryLabel = (): string => l10n.t({ message: 'api.audio Library', comment: ['the public media api.audio shares with every organisation; keep "api.audio"'] });

/** How a source is named beside an item; undefined for the organisation's own media. */
export function sourceLabel(scope: MediaScope): string | undefined {
  switch (scope) {
    case 'own':
      return undefined;
    case 'public':
      return publicLibraryLabel();
  }
}

/** Identifies an item across sources (the same media ID may be listed in two). */
export function mediaKey(entry: LocatedMedia): string {
  return `${entry.scope}/${entry.item.mediaId}`;
}

/** `entries` without repeats of the same item (an item may be selected under two tags). */
export function uniqueMedia<T extends LocatedMedia>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = mediaKey(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every item a listing holds, with where it lives: the organisation's, then the public ones. */
export function locatedMedia(listing: Pick<LibraryListing, 'items' | 'publicItems'> | undefined): LocatedMedia[] {
  if (!listing) return [];
  return [
    ...listing.items.map((item): LocatedMedia => ({ scope: 'own', item })),
    ...(listing.publicItems ?? []).map((item): LocatedMedia => ({ scope: 'public', item })),
  ];
}

/**
 * A copy small enough to travel in a command link or a drag (file name, ID, tags; no
 * metadata), that any item command accepts as its target.
 */
export function mediaReference(entry: LocatedMedia): LocatedMedia {
  const { mediaId, filename, tags } = entry.item;
  return { scope: entry.scope, item: { mediaId, filename, tags: [...tags], metadata: {} } } as LocatedMedia;
}

/** `value` as a located item when it has the shape of one (data from a drag or a command link). */
export function asLocatedMedia(value: unknown): LocatedMedia | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { scope, item } = value as { scope?: unknown; item?: unknown };
  if (scope !== 'own' && scope !== 'public') return undefined;
  if (typeof item !== 'object' || item === null) return undefined;
  const { mediaId, filename, tags, metadata } = item as Partial<Record<keyof MediaItem, unknown>>;
  if (typeof mediaId !== 'string' || mediaId === '' || typeof filename !== 'string') return undefined;
  const tagList = Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
  const extra = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
  return { scope, item: { mediaId, filename, tags: tagList, metadata: extra } };
}
