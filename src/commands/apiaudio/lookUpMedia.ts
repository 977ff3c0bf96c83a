import * as vscode from 'vscode';
import type { MediaItem } from '../../api';
import { mediaNodeFor } from '../../tree/apiaudio/nodes';
import { withCancellableProgress } from '../cancellableProgress';
import { copyMediaId } from './copy';
import { download } from './download';
import { revealMedia } from './findMedia';
import { open } from './open';
import type { Services } from '../services';

/** A problem with a typed media ID, or undefined when it can be looked up. */
export function checkMediaId(value: string): string | undefined {
  const id = value.trim();
  if (id === '') return vscode.l10n.t('Enter a media ID.');
  if (/\s/.test(id)) return vscode.l10n.t('A media ID has no spaces.');
  return undefined;
}

/**
 * `apiAudio.lookUpMedia`: asks api.audio for one media ID (it may not be listed yet), then
 * reveals it in the tree, or offers what can be done with it. Given an ID (the quick fix
 * on an unknown media ID in an editor), it looks that up without asking.
 */
export async function lookUpMedia(services: Services, givenId?: unknown): Promise<MediaItem | undefined> {
  const given = typeof givenId === 'string' && !checkMediaId(givenId) ? givenId : undefined;
  const typed =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Look Up api.audio Media by ID'),
      prompt: vscode.l10n.t('The media ID, as used in api.audio scripts and mediaFiles'),
      placeHolder: vscode.l10n.t({ message: 'e.g. {0}', args: ['a788990d'], comment: ['{0} is an example media ID'] }),
      ignoreFocusOut: true,
      validateInput: checkMediaId,
    }));
  if (typed === undefined || checkMediaId(typed)) return undefined;
  const mediaId = typed.trim();
  const client = await services.clients.get();
  const listing = await withCancellableProgress(vscode.l10n.t('Looking up {0}…', mediaId), (signal) => client.listMedia({ mediaId, signal }));
  const item = listing.items.find((candidate) => candidate.mediaId === mediaId);
  if (!item) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No media with ID {0} in this organisation.', mediaId));
    return undefined;
  }
  if (await revealMedia(services, mediaId)) return item;

  const node = mediaNodeFor({ scope: 'own', item });
  const actions: Array<vscode.QuickPickItem & { run: () => Promise<unknown> }> = [
    { label: `$(play) ${vscode.l10n.t('Open')}`, run: () => open(services, node) },
    { label: `$(cloud-download) ${vscode.l10n.t('Download…')}`, run: () => download(services, node) },
    { label: `$(copy) ${vscode.l10n.t('Copy Media ID')}`, run: () => copyMediaId(services, node) },
  ];
  const picked = await vscode.window.showQuickPick(actions, {
    title: `${item.filename} (${item.mediaId})`,
    placeHolder: item.tags.length
      ? vscode.l10n.t('Tags: {0}. Not shown in the Media view (filtered or not refreshed yet). What do you want to do?', item.tags.join(', '))
      : vscode.l10n.t('Not shown in the Media view (filtered or not refreshed yet). What do you want to do?'),
  });
  await picked?.run();
  return item;
}
