// api.audio Media's Download…: items from the tree or a picker, into a folder asked for.
import * as vscode from 'vscode';
import type { LocatedMedia } from '../../media/apiaudio/location';
import type { JournalEntry } from '../../model/downloadJournal';
import { downloadUrlFor } from './mediaLinks';
import type { Services } from '../services';
import { mediaTargets } from './targets';
import { askDownloadFolder, downloadBatch, type DownloadResult } from '../download';

/** `apiAudio.download`: (node, selectedNodes) from the tree, a picker from the palette; asks for a folder. */
export async function download(services: Services, ...args: unknown[]): Promise<DownloadResult | undefined> {
  const targets = await mediaTargets(services, args, { many: true, title: vscode.l10n.t('Download api.audio Media…') });
  if (targets.length === 0) return undefined;
  const dir = await askDownloadFolder(targets.map((target) => target.item.filename));
  return dir === undefined ? undefined : downloadTo(services, targets, dir);
}

/** Downloads `targets` into `dir` with bounded concurrency, asking about existing files. */
export async function downloadTo(services: Services, targets: readonly LocatedMedia[], dir: string): Promise<DownloadResult> {
  const client = await services.clients.get();
  return downloadBatch(services, targets, dir, {
    name: (target) => target.item.filename,
    logName: (target) => target.item.mediaId,
    item: (target) => ({ service: 'apiaudio', id: target.item.mediaId, ...(target.scope === 'public' ? { publicLibrary: true } : {}) }),
    start: async (target, options) => client.download(await downloadUrlFor(client, target, options.signal), dir, { fileName: target.item.filename, ...options }),
  });
}

/**
 * Downloads again what a window reload interrupted (all into `dir`): the same way as
 * Download…, so a part file of the same version is continued.
 */
export function resumeMediaDownloads(services: Services, entries: readonly JournalEntry[], dir: string): Promise<DownloadResult> {
  const targets: LocatedMedia[] = entries.map((entry) => ({
    scope: entry.publicLibrary ? 'public' : 'own',
    item: { mediaId: entry.id, filename: entry.fileName, tags: [], metadata: {} },
  }));
  return downloadTo(services, targets, dir);
}
