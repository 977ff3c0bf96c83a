// Tree elements are plain data; MediaTreeProvider.getTreeItem maps them to TreeItems.
import type { MediaItem } from '../../api/types';
import { uniqueMedia, type LocatedMedia, type MediaScope } from '../../media/apiaudio/location';

/** "api.audio Library": the public media, grouped by tag like the organisation's. */
export interface LibraryNode {
  kind: 'library';
  id: string;
}

/** A tag (or, with tag undefined, "Untagged") in one scope. */
export interface TagNode {
  kind: 'tag';
  id: string;
  scope: MediaScope;
  tag: string | undefined;
  count: number;
}

/** An item under one of its tags: a LocatedMedia with the row's place in the tree. */
export interface MediaNode {
  kind: 'media';
  /** `<scope>/<tag>/<mediaId>`: an item under three tags is three nodes. */
  id: string;
  scope: MediaScope;
  tag: string | undefined;
  item: MediaItem;
}

/** "Show more…" at the end of a long tag. */
export interface ShowMoreNode {
  kind: 'more';
  id: string;
  parent: TagNode;
  remaining: number;
}

/** The first row while a tag filter is active: says which, clears it inline. */
export interface FilterNode {
  kind: 'filter';
  id: string;
  tags: readonly string[];
}

/** A line of text in the tree (e.g. why the public library is missing). */
export interface MessageNode {
  kind: 'message';
  id: string;
  text: string;
  description?: string;
  tooltip?: string;
  /** A failure a refresh may repair: the row offers Retry, Open Settings and Show Log. */
  retryable?: boolean;
}

export type MediaTreeNode = FilterNode | LibraryNode | TagNode | MediaNode | ShowMoreNode | MessageNode;

/** Ids of the rows that are not a tag or an item (tag ids start with `own/` or `public/`). */
export const LIBRARY_NODE_ID = 'library:public';
export const FILTER_NODE_ID = 'filter';
export const STALE_NODE_ID = 'stale';

export function tagNodeId(scope: MediaScope, tag: string | undefined): string {
  return `${scope}/${tag === undefined ? '\u0000untagged' : `tag:${tag}`}`;
}

export function mediaNodeId(scope: MediaScope, tag: string | undefined, mediaId: string): string {
  return `${tagNodeId(scope, tag)}/${mediaId}`;
}

/** The media nodes among a selection, one per item (an item may be selected under two tags). */
export function uniqueMediaNodes(nodes: readonly MediaTreeNode[]): MediaNode[] {
  return uniqueMedia(nodes.filter((node): node is MediaNode => node.kind === 'media'));
}

/**
 * The node of `entry` under `tag` (by default its first tag, or "Untagged"): what the item
 * commands take. The one place, with the provider, that builds a media node.
 */
export function mediaNodeFor(entry: LocatedMedia, tag: string | undefined = entry.item.tags[0]): MediaNode {
  return { kind: 'media', id: mediaNodeId(entry.scope, tag, entry.item.mediaId), scope: entry.scope, tag, item: entry.item };
}
