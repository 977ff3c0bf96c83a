import * as vscode from 'vscode';
import { tagSummary } from '../../media/apiaudio/describe';
import { locatedMedia, sourceLabel, type LocatedMedia, type MediaScope } from '../../media/apiaudio/location';
import type { Services } from '../services';
import { picksInSlices } from '../pickers';

export interface MediaPick extends vscode.QuickPickItem {
  mediaId: string;
  scope: MediaScope;
}

/** A quick pick over every listed item (file name, tags, mediaId) that reveals the choice. */
export async function findMedia(services: Services): Promise<void> {
  const entries = locatedMedia(services.library.listing);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No media is listed yet. Refresh the api.audio Media view first.'));
    return;
  }
  // A promise of items: the picker opens at once (busy) while 100,000 items are built.
  const picked = await vscode.window.showQuickPick(mediaPicks(entries), {
    title: vscode.l10n.t('Find api.audio Media'),
    placeHolder: vscode.l10n.t('Type a file name, tag or media ID'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  await revealMedia(services, picked.mediaId, picked.scope);
}

/** The picks of Find Media (built in slices: see picksInSlices). */
export function mediaPicks(entries: readonly LocatedMedia[], sliceSize = 10_000): Promise<MediaPick[]> {
  const untagged = vscode.l10n.t('untagged');
  return picksInSlices(
    entries,
    ({ scope, item }) => ({
      label: item.filename,
      description: tagSummary(item.tags) || untagged,
      detail: [item.mediaId, sourceLabel(scope)].filter(Boolean).join(' · '),
      mediaId: item.mediaId,
      scope,
    }),
    sliceSize,
  );
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
