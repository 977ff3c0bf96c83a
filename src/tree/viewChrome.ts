import type * as vscode from 'vscode';
import type { MediaLibrary } from '../model/mediaLibrary';

/** The view's description (the active filter) and message (why the listing is stale or missing). */
export function updateViewChrome(treeView: vscode.TreeView<unknown>, library: MediaLibrary): void {
  const filter = library.filterTags;
  treeView.description = filter.length ? `tags: ${filter.join(' + ')}` : undefined;
  const { kind, errorMessage } = library.state;
  const listing = library.listing;
  if (errorMessage && listing) {
    const at = new Date(listing.fetchedAt).toLocaleTimeString();
    treeView.message = `Showing the listing from ${at}. ${errorMessage}`;
  } else if (errorMessage) {
    // No listing: the welcome view for the state says what happened, with buttons (Retry,
    // Open Settings, Show Log). A message would hide it.
    treeView.message = undefined;
  } else if (kind === 'empty' && filter.length) {
    treeView.message = `No media carries all of the tags ${filter.join(', ')}.`;
  } else {
    treeView.message = undefined;
  }
}
