import * as vscode from 'vscode';
import type { MediaItem } from '../api';
import { mediaNodeFor } from '../tree/nodes';
import { withCancellableProgress } from './cancellableProgress';
import { copyMediaId } from './copy';
import { download } from './download';
import { revealMedia } from './findMedia';
import { open } from './open';
import type { Services } from './services';

/** A problem with a typed media ID, or undefined when it can be looked up. */
export function checkMediaId(value: string): string | undefined {
  const id = value.trim();
  if (id === '') return 'Enter a media ID.';
  if (/\s/.test(id)) return 'A media ID has no spaces.';
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
      title: 'Look Up api.audio Media by ID',
      prompt: 'The media ID, as used in api.audio scripts and mediaFiles',
      placeHolder: 'e.g. a788990d',
      ignoreFocusOut: true,
      validateInput: checkMediaId,
    }));
  if (typed === undefined || checkMediaId(typed)) return undefined;
  const mediaId = typed.trim();
  const client = await services.clients.get();
  const listing = await withCancellableProgress(`Looking up ${mediaId}…`, (signal) => client.listMedia({ mediaId, signal }));
  const item = listing.items.find((candidate) => candidate.mediaId === mediaId);
  if (!item) {
    void vscode.window.showWarningMessage(`No media with ID ${mediaId} in this organisation.`);
    return undefined;
  }
  if (await revealMedia(services, mediaId)) return item;

  const node = mediaNodeFor({ scope: 'own', item });
  const actions: Array<vscode.QuickPickItem & { run: () => Promise<unknown> }> = [
    { label: '$(play) Open', run: () => open(services, node) },
    { label: '$(cloud-download) Download…', run: () => download(services, node) },
    { label: '$(copy) Copy Media ID', run: () => copyMediaId(services, node) },
  ];
  const picked = await vscode.window.showQuickPick(actions, {
    title: `${item.filename} (${item.mediaId})`,
    placeHolder: `${item.tags.length ? `Tags: ${item.tags.join(', ')}. ` : ''}Not shown in the Media view (filtered or not refreshed yet). What do you want to do?`,
  });
  await picked?.run();
  return item;
}
