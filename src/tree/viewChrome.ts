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
  if (errorMessage) {
    // With a listing, the tree's first row says what failed and offers Retry, Open Settings
    // and Show Log; without one, the welcome view for the state does (a message would hide it).
    treeView.message = undefined;
  } else if (kind === 'empty' && filter.length) {
    treeView.message = `No media carries all of the tags ${filter.join(', ')}.`;
  } else {
    treeView.message = undefined;
  }
}
