import * as vscode from 'vscode';
import type { MediaNode } from '../../tree/apiaudio/nodes';
import { playedMediaUri } from '../../media/playedMedia';
import { withCancellableProgress } from '../cancellableProgress';
import { downloadUrlFor } from './mediaLinks';
import type { Services } from '../services';
import { mediaTargets } from './targets';

/**
 * `apiAudio.open` (the item's click and inline play button): downloads the file once into
 * the extension's global storage and opens it, so VS Code's media preview plays it. The
 * editor shows it as `apiaudio-media:/<mediaId>/<file name>`, so its tab and breadcrumb
 * name the file and its media ID, not the cache folder.
 */
export async function open(services: Services, ...args: unknown[]): Promise<vscode.Uri[]> {
  const targets = await mediaTargets(services, args, { many: false, title: vscode.l10n.t('Open api.audio Media') });
  const opened: vscode.Uri[] = [];
  for (const target of targets) {
    await localCopy(services, target);
    const uri = playedMediaUri(target.item);
    // Like the Explorer's single click: a preview tab, the keyboard stays in the tree.
    const options: vscode.TextDocumentShowOptions = { preview: targets.length === 1, preserveFocus: true };
    await vscode.commands.executeCommand('vscode.open', uri, options);
    opened.push(uri);
  }
  return opened;
}

/** The path of a local copy of `node`, downloading it when it is not there yet. */
export async function localCopy(services: Services, node: MediaNode): Promise<string> {
  const { mediaId, filename } = node.item;
  const existing = await services.localMedia.existing(mediaId, filename);
  if (existing) return existing;
  const client = await services.clients.get();
  return withCancellableProgress(vscode.l10n.t('Opening {0}', filename), async (cancel) => {
    const file = await services.localMedia.ensure(
      mediaId,
      filename,
      async (dir, fileName, signal) => {
        const url = await downloadUrlFor(client, node, signal);
        return client.download(url, dir, { fileName, signal, onConflict: 'overwrite' });
      },
      cancel,
    );
    services.logger.info(`Saved ${mediaId} for playing at ${file}.`);
    return file;
  });
}
