import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { MediaLibrary } from '../model/apiaudio/mediaLibrary';
import { formatList } from '../util/l10nFormat';

/**
 * Resolves once `view` is visible (at once if it is), or after `timeoutMs` when given:
 * start-up waits for it before its first request, a finished upload before it reveals.
 */
export function whenVisible(view: vscode.TreeView<unknown>, timeoutMs?: number): Promise<void> {
  if (view.visible) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      listener.dispose();
      if (timer !== undefined) clearTimeout(timer);
      resolve();
    };
    const listener = view.onDidChangeVisibility(({ visible }) => {
      if (visible) done();
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
  });
}

/**
 * What a view says above a listing it kept after a refresh failed: the reason in full (a
 * row is cut at the view's width); undefined without a listing, where the welcome speaks.
 */
export function staleMessage(errorMessage: string | undefined, listingShown: boolean): string | undefined {
  if (!errorMessage || !listingShown) return undefined;
  return vscode.l10n.t({ message: 'Could not refresh: {0}', args: [errorMessage], comment: ['{0} is why, a sentence or two'] });
}

/**
 * Maps the model's state to what the view shows: the context keys the welcome views and
 * menus read, the view's description (the active filter) and message (why the listing is
 * stale or missing).
 */
export function updateViewChrome(treeView: vscode.TreeView<unknown>, library: MediaLibrary): void {
  const filter = library.filterTags;
  void vscode.commands.executeCommand('setContext', ContextKeys.state, library.state.kind);
  void vscode.commands.executeCommand('setContext', ContextKeys.filterActive, filter.length > 0);
  treeView.description = filter.length ? vscode.l10n.t({ message: 'tags: {0}', args: [filter.join(' + ')], comment: ['{0} is the tag names joined by " + "'] }) : undefined;
  const { kind, errorMessage } = library.state;
  if (errorMessage) {
    // With a listing, the reason in full above it (the first row offers Retry, Open Settings
    // and Show Log); without one, the welcome view for the state (a message would hide it).
    treeView.message = staleMessage(errorMessage, library.listing !== undefined);
  } else if (kind === 'empty' && filter.length) {
    treeView.message = vscode.l10n.t({ message: 'No media carries all of the tags {0}.', args: [formatList(vscode.env.language, filter)], comment: ['{0} is a list of tag names'] });
  } else {
    treeView.message = undefined;
  }
}
