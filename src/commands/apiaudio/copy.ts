import * as vscode from 'vscode';
import { mediaFilesEntry } from '../../media/mediaFiles';
import { plural } from '../../util/l10nFormat';
import { fileCount } from '../../util/text';
import { withCancellableProgress } from '../cancellableProgress';
import { downloadUrlFor } from './mediaLinks';
import type { Services } from '../services';
import { mediaTargets } from './targets';

/** `apiAudio.copyMediaId`: one ID per line for several items. */
export async function copyMediaId(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await mediaTargets(services, args, { many: true, title: vscode.l10n.t('Copy Media IDs of api.audio Media') });
  if (targets.length === 0) return;
  await vscode.env.clipboard.writeText(targets.map((target) => target.item.mediaId).join('\n'));
  vscode.window.setStatusBarMessage(
    targets.length === 1
      ? vscode.l10n.t('Copied the media ID of {0}.', targets[0].item.filename)
      : plural(vscode.env.language, targets.length, {
          one: (count) => vscode.l10n.t('Copied {0} media ID.', count),
          other: (count) => vscode.l10n.t('Copied {0} media IDs.', count),
        }),
    4000,
  );
}

/**
 * `apiAudio.copyMediaFilesEntry`: `{"<name>": "<mediaId>"}`, the shape api.audio's
 * mediaFiles parameter takes; several items become one object. Names are the file names
 * without extension; a repeated name gets a numeric suffix so no entry is lost.
 */
export async function copyMediaFilesEntry(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await mediaTargets(services, args, { many: true, title: vscode.l10n.t('Copy api.audio Media as a mediaFiles Entry') });
  if (targets.length === 0) return;
  await vscode.env.clipboard.writeText(mediaFilesEntry(targets.map((target) => target.item)));
  vscode.window.setStatusBarMessage(
    vscode.l10n.t('Copied a mediaFiles entry for {0}.', targets.length === 1 ? targets[0].item.filename : fileCount(targets.length)),
    4000,
  );
}

/**
 * `apiAudio.copyDownloadUrl`: a fresh presigned link (one per line for several). The link
 * is a credential for about an hour: it is never logged, and the message says so.
 */
export async function copyDownloadUrl(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await mediaTargets(services, args, { many: false, title: vscode.l10n.t('Copy the Download URL of api.audio Media') });
  if (targets.length === 0) return;
  const client = await services.clients.get();
  const urls = await withCancellableProgress(vscode.l10n.t('Getting download links…'), async (signal) => {
    const result: string[] = [];
    for (const target of targets) result.push(await downloadUrlFor(client, target, signal));
    return result;
  });
  await vscode.env.clipboard.writeText(urls.join('\n'));
  services.logger.info(`Copied ${urls.length === 1 ? 'a download link' : `${urls.length} download links`} for ${targets.map((target) => target.item.mediaId).join(', ')}.`);
  void vscode.window.showInformationMessage(
    targets.length === 1
      ? vscode.l10n.t('Copied the download link for {0}. It expires in about an hour. Do not share it: anyone with the link can download the file.', targets[0].item.filename)
      : vscode.l10n.t('Copied the download links for {0}. It expires in about an hour. Do not share it: anyone with the link can download the file.', fileCount(targets.length)),
  );
}
