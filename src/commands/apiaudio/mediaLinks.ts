import * as vscode from 'vscode';
import { NotFoundError, type ApiAudioClient } from '../../api';
import type { LocatedMedia } from '../../media/apiaudio/location';

/**
 * A fresh presigned download link for an item. The organisation's files go through
 * getDownloadUrl; public-library files must be asked for with `public=true`.
 */
export async function downloadUrlFor(client: ApiAudioClient, node: LocatedMedia, signal?: AbortSignal): Promise<string> {
  if (node.scope === 'own') return client.getDownloadUrl(node.item.mediaId, { signal });
  const listing = await client.listMedia({ mediaId: node.item.mediaId, public: true, downloadUrl: true, signal });
  const url = listing.items.find((item) => item.mediaId === node.item.mediaId)?.downloadUrl;
  if (!url) throw new NotFoundError(vscode.l10n.t('{0} is no longer in the public api.audio library. Refresh the list.', node.item.filename));
  return client.checkDownloadLink(url);
}
