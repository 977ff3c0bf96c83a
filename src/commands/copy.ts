import * as vscode from 'vscode';
import { mediaFilesEntry } from '../media/mediaFiles';
import { fileCount } from '../util/text';
import { withCancellableProgress } from './cancellableProgress';
import { downloadUrlFor } from './mediaLinks';
import type { Services } from './services';
import { mediaTargets } from './targets';

/** `apiAudio.copyMediaId`: one ID per line for several items. */
export async function copyMediaId(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await mediaTargets(services, args, { many: true, title: 'Copy Media IDs of api.audio Media' });
  if (targets.length === 0) return;
  await vscode.env.clipboard.writeText(targets.map((target) => target.item.mediaId).join('\n'));
  vscode.window.setStatusBarMessage(
    targets.length === 1 ? `Copied the media ID of ${targets[0].item.filename}.` : `Copied ${targets.length} media IDs.`,
    4000,
  );
}

/**
 * `apiAudio.copyMediaFilesEntry`: `{"<name>": "<mediaId>"}`, the shape api.audio's
 * mediaFiles parameter takes; several items become one object. Names are the file names
 * without extension; a repeated name gets a numeric suffix so no entry is lost.
 */
export async function copyMediaFilesEntry(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await mediaTargets(services, args, { many: true, title: 'Copy api.audio Media as a mediaFiles Entry' });
  if (targets.length === 0) return;
  await vscode.env.clipboard.writeText(mediaFilesEntry(targets.map((target) => target.item)));
  vscode.window.setStatusBarMessage(`Copied a mediaFiles entry for ${targets.length === 1 ? targets[0].item.filename : fileCount(targets.length)}.`, 4000);
}

/**
 * `apiAudio.copyDownloadUrl`: a fresh presigned link (one per line for several). The link
 * is a credential for about an hour: it is never logged, and the message says so.
 */
export async function copyDownloadUrl(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await mediaTargets(services, args, { many: false, title: 'Copy the Download URL of api.audio Media' });
  if (targets.length === 0) return;
  const client = await services.clients.get();
  const urls = await withCancellableProgress('Getting download links…', async (signal) => {
    const result: string[] = [];
    for (const target of targets) result.push(await downloadUrlFor(client, target, signal));
    return result;
  });
  await vscode.env.clipboard.writeText(urls.join('\n'));
  services.logger.info(`Copied ${urls.length === 1 ? 'a download link' : `${urls.length} download links`} for ${targets.map((target) => target.item.mediaId).join(', ')}.`);
  void vscode.window.showInformationMessage(
    `Copied the download link${targets.length === 1 ? ` for ${targets[0].item.filename}` : `s for ${fileCount(targets.length)}`}. ` +
      'It expires in about an hour. Do not share it: anyone with the link can download the file.',
  );
}
