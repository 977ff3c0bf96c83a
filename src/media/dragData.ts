// The data a drag carries between the Media view and the rest of the workbench: the MIME
// types, and reading the media the view put on a drag. Pure apart from the types.
import { VIEW_ID } from '../constants';
import { asLocatedMedia, uniqueMedia, type LocatedMedia } from './apiaudio/location';

/** The Media view's own MIME type (VS Code's convention: the view id, lower case): the dragged items. */
export const MEDIA_TREE_MIME = `application/vnd.code.tree.${VIEW_ID.toLowerCase()}`;
/** The dragged items' media IDs, one a line (what a plain-text drop target gets). */
export const PLAIN_TEXT_MIME = 'text/plain';
/** Files dragged from the Explorer or an editor tab. */
export const URI_LIST_MIME = 'text/uri-list';
/** VS Code's MIME type for files dropped from the operating system. */
export const FILES_MIME = 'files';

/** What the Media view puts under MEDIA_TREE_MIME: the items, one each. */
export function draggedMediaValue(entries: readonly LocatedMedia[]): LocatedMedia[] {
  return uniqueMedia(entries);
}

/** The media IDs under PLAIN_TEXT_MIME. */
export function draggedMediaText(entries: readonly LocatedMedia[]): string {
  return uniqueMedia(entries)
    .map((entry) => entry.item.mediaId)
    .join('\n');
}

/**
 * The items found under MEDIA_TREE_MIME: the array itself (a drag inside the window) or
 * its JSON (how the workbench may hand it on). Anything else is left out.
 */
export function readDraggedMedia(value: unknown): LocatedMedia[] {
  const parsed = draggedArray(value);
  return uniqueMedia(parsed.map(asLocatedMedia).filter((entry): entry is LocatedMedia => entry !== undefined));
}

/** A tree drag's payload: the array itself (a drag inside the window) or its JSON; anything else is empty. */
export function draggedArray(value: unknown): unknown[] {
  let parsed = value;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      return [];
    }
  }
  return Array.isArray(parsed) ? parsed : [];
}
