import * as vscode from 'vscode';
import type { MediaScope } from '../model/mediaLibrary';
import type { Services } from './services';

interface MediaPick extends vscode.QuickPickItem {
  mediaId: string;
  scope: MediaScope;
}

/** A quick pick over every listed item (file name, tags, mediaId) that reveals the choice. */
export async function findMedia(services: Services): Promise<void> {
  const entries = services.library.allItems();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('No media is listed yet. Refresh the api.audio Media view first.');
    return;
  }
  const picks: MediaPick[] = entries.map(({ scope, item }) => ({
    label: item.filename,
    description: item.tags.length ? item.tags.join(', ') : 'untagged',
    detail: `${item.mediaId}${scope === 'public' ? ' · api.audio Library' : ''}`,
    mediaId: item.mediaId,
    scope,
  }));
  const picked = await vscode.window.showQuickPick(picks, {
    title: 'Find api.audio Media',
    placeHolder: 'Type a file name, tag or media ID',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  await revealMedia(services, picked.mediaId, picked.scope);
}

/**
 * Reveals and selects an item in the Media view; `focus` moves the keyboard focus there
 * too (not after background work, which must not steal focus from the editor).
 */
export async function revealMedia(services: Services, mediaId: string, scope: MediaScope = 'own', focus = true): Promise<boolean> {
  const node = services.tree.findNode(mediaId, scope);
  if (!node) return false;
  await services.treeView.reveal(node, { select: true, focus, expand: true });
  return true;
}
