import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { MediaLibrary } from '../model/mediaLibrary';

/**
 * Maps the model's state to what the view shows: the context keys the welcome views and
 * menus read, the view's description (the active filter) and message (why the listing is
 * stale or missing).
 */
export function updateViewChrome(treeView: vscode.TreeView<unknown>, library: MediaLibrary): void {
  const filter = library.filterTags;
  void vscode.commands.executeCommand('setContext', ContextKeys.state, library.state.kind);
  void vscode.commands.executeCommand('setContext', ContextKeys.filterActive, filter.length > 0);
  treeView.description = filter.length ? `tags: ${filter.join(' + ')}` : undefined;
  const { kind, errorMessage } = library.state;
  const listing = library.listing;
  if (errorMessage && listing) {
    const at = new Date(listing.fetchedAt).toLocaleTimeString();
    treeView.message = `Showing the listing from ${at}. ${errorMessage}`;
  } else if (errorMessage) {
    treeView.message = errorMessage;
  } else if (kind === 'empty' && filter.length) {
    treeView.message = `No media carries all of the tags ${filter.join(', ')}.`;
  } else {
    treeView.message = undefined;
  }
}
