// The AudioStack Files view's commands (browse, play, download, copy), and the switch
// between the services registered with them (the choice itself: serviceChoice.ts).
import * as vscode from 'vscode';
import { FilesCommands, type FilesCommandId } from '../../constants';
import type { StackFile } from '../../api/audiostack/model';
import type { JournalEntry } from '../../model/downloadJournal';
import { playedMediaUri } from '../../media/playedMedia';
import { stackFileMediaKey, stackFileState } from '../../media/audiostack/stackFiles';
import { isFilesTreeNode, type FilesMoreNode } from '../../tree/audiostack/filesTreeProvider';
import { plural } from '../../util/l10nFormat';
import { fileCount } from '../../util/text';
import { withCancellableProgress } from '../cancellableProgress';
import { askDownloadFolder, downloadBatch, type DownloadResult } from '../download';
import { findInFiles } from './find';
import { stackFileTargets } from './targets';
import { wrapCommand, type CommandHandler } from '../runCommand';
import { showService, switchService } from '../serviceChoice';
import type { Services } from '../services';

/** Open: downloads the file once into the extension's storage and opens it in VS Code's media preview. */
async function openFiles(services: Services, ...args: unknown[]): Promise<vscode.Uri[]> {
  const targets = await stackFileTargets(services, args, { many: false, title: vscode.l10n.t('Open AudioStack File'), readyOnly: true });
  const opened: vscode.Uri[] = [];
  for (const target of targets) {
    const { fileId, fileName } = target.file;
    const key = stackFileMediaKey(fileId);
    if (!(await services.localMedia.existing(key, fileName))) {
      const client = await services.files.clients.get();
      await withCancellableProgress(vscode.l10n.t({ message: 'Opening {0}', args: [fileName], comment: ['{0} is a file name'] }), async (cancel) => {
        const file = await services.localMedia.ensure(
          key,
          fileName,
          (dir, name, signal) => client.download(fileId, dir, { fileName: name, signal, onConflict: 'overwrite' }),
          cancel,
        );
        services.logger.info(`Saved AudioStack file ${fileId} for playing at ${file}.`);
      });
    }
    const uri = playedMediaUri({ mediaId: key, filename: fileName });
    await vscode.commands.executeCommand('vscode.open', uri, { preview: targets.length === 1, preserveFocus: true });
    opened.push(uri);
  }
  return opened;
}

/** Download…: asks for a folder (as api.audio Media's Download…), asks about existing files. */
async function downloadFiles(services: Services, ...args: unknown[]): Promise<DownloadResult | undefined> {
  const targets = await stackFileTargets(services, args, { many: true, title: vscode.l10n.t('Download AudioStack Files'), readyOnly: true });
  if (targets.length === 0) return undefined;
  const dir = await askDownloadFolder(targets.map((target) => target.file.fileName));
  return dir === undefined ? undefined : downloadFilesTo(services, targets, dir);
}

async function downloadFilesTo(services: Services, targets: readonly { file: Pick<StackFile, 'fileId' | 'fileName'> }[], dir: string): Promise<DownloadResult> {
  const client = await services.files.clients.get();
  return downloadBatch(services, targets, dir, {
    name: (target) => target.file.fileName,
    logName: (target) => `AudioStack file ${target.file.fileId}`,
    item: (target) => ({ service: 'audiostack', id: target.file.fileId }),
    start: (target, options) => client.download(target.file.fileId, dir, { fileName: target.file.fileName, ...options }),
  });
}

/**
 * Downloads again what a window reload interrupted (all into `dir`): the same way as
 * Download…, so a part file of the same version is continued.
 */
export function resumeFileDownloads(services: Services, entries: readonly JournalEntry[], dir: string): Promise<DownloadResult> {
  return downloadFilesTo(
    services,
    entries.map((entry) => ({ file: { fileId: entry.id, fileName: entry.fileName } })),
    dir,
  );
}

/** Copy File ID: one ID per line for several files. */
async function copyFileId(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await stackFileTargets(services, args, { many: true, title: vscode.l10n.t('Copy AudioStack File IDs') });
  if (targets.length === 0) return;
  await vscode.env.clipboard.writeText(targets.map((target) => target.file.fileId).join('\n'));
  const lang = vscode.env.language;
  vscode.window.setStatusBarMessage(
    targets.length === 1
      ? vscode.l10n.t({ message: 'Copied the file ID of {0}.', args: [targets[0].file.fileName], comment: ['{0} is a file name'] })
      : plural(lang, targets.length, { one: (n) => vscode.l10n.t('Copied {0} file ID.', n), other: (n) => vscode.l10n.t('Copied {0} file IDs.', n) }),
    4000,
  );
}

/**
 * Copy Download Link: a fresh presigned link from AudioStack (one per line for several). The
 * link is a credential: it is never logged, and the message says so.
 */
async function copyDownloadLink(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await stackFileTargets(services, args, { many: true, title: vscode.l10n.t('Copy AudioStack Download Links'), readyOnly: true });
  if (targets.length === 0) return;
  const unready = targets.find((target) => stackFileState(target.file) !== 'ready');
  const client = await services.files.clients.get();
  const urls = await withCancellableProgress(vscode.l10n.t('Getting download links…'), async (signal) => {
    const links: string[] = [];
    for (const target of targets) {
      const file = await client.getFile(target.file.fileId, { signal });
      if (!file.url) {
        throw new Error(
          vscode.l10n.t({
            message: 'AudioStack has no download link for {0} yet: it is {1}. Refresh the AudioStack Files view and try again once it is uploaded.',
            args: [file.fileName, file.status],
            comment: ['{0} is a file name, {1} the status AudioStack gives (its own word)'],
          }),
        );
      }
      links.push(client.checkDownloadLink(file.url));
    }
    return links;
  });
  if (unready) void services.files.browser.refresh();
  await vscode.env.clipboard.writeText(urls.join('\n'));
  services.logger.info(`Copied ${urls.length === 1 ? 'a download link' : `${urls.length} download links`} for AudioStack files ${targets.map((t) => t.file.fileId).join(', ')}.`);
  void vscode.window.showInformationMessage(
    targets.length === 1
      ? vscode.l10n.t({
          message: 'Copied the download link for {0}. It expires after a while. Do not share it: anyone with the link can download the file.',
          args: [targets[0].file.fileName],
          comment: ['{0} is a file name'],
        })
      : vscode.l10n.t({
          message: 'Copied the download links for {0}. It expires after a while. Do not share it: anyone with the link can download the file.',
          args: [fileCount(targets.length)],
          comment: ['{0} is a count of files ("3 files")'],
        }),
  );
}

const FILES_COMMANDS: Record<Exclude<FilesCommandId, typeof FilesCommands.upload>, CommandHandler> = {
  [FilesCommands.switchService]: switchService,
  [FilesCommands.showFiles]: (services) => showService(services, 'files'),
  [FilesCommands.showMedia]: (services) => showService(services, 'media'),
  // From a folder's error row: list that folder again; anywhere else, everything.
  [FilesCommands.refresh]: (services, node) =>
    isFilesTreeNode(node) && node.kind === 'filesMessage' ? services.files.browser.retry(node.folderKey) : services.files.browser.refresh(),
  [FilesCommands.open]: openFiles,
  [FilesCommands.download]: downloadFiles,
  [FilesCommands.copyFileId]: copyFileId,
  [FilesCommands.copyDownloadLink]: copyDownloadLink,
  [FilesCommands.showMore]: (services, node) => {
    if (isFilesTreeNode(node) && node.kind === 'filesMore') return services.files.browser.loadMore((node as FilesMoreNode).folderKey);
    return undefined;
  },
  [FilesCommands.find]: findInFiles,
};

export function registerFilesCommands(services: Services): vscode.Disposable[] {
  return Object.entries(FILES_COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, wrapCommand(id, handler, services)));
}
