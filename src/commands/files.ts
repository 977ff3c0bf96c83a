// The AudioStack Files view's commands (browse, play, download, copy) and the switch
// between what the Media view shows: api.audio Media (v1, by tag) or AudioStack Files.
import * as vscode from 'vscode';
import { ContextKeys, FILES_VIEW_ID, FilesCommands, SERVICE_STATE_KEY, VIEW_ID, type FilesCommandId, type MediaService } from '../constants';
import { playedMediaUri } from '../media/playedMedia';
import { stackFileMediaKey, stackFileState } from '../media/stackFiles';
import { isFilesTreeNode, type FileNode, type FilesMoreNode } from '../tree/filesTreeProvider';
import { fileCount } from '../util/text';
import { withCancellableProgress } from './cancellableProgress';
import { askDownloadFolder, downloadBatch, type DownloadResult } from './download';
import { findInFiles } from './filesFind';
import { stackFileTargets } from './filesTargets';
import { wrapCommand, type CommandHandler } from './runCommand';
import type { Services } from './services';

const SERVICE_LABELS: Readonly<Record<MediaService, string>> = Object.freeze({ media: 'api.audio Media', files: 'AudioStack Files' });

/** Which service the Media view shows (remembered on this machine; api.audio Media until chosen). */
export function currentService(services: Services): MediaService {
  return services.context.globalState.get<unknown>(SERVICE_STATE_KEY) === 'files' ? 'files' : 'media';
}

/** Shows `service` in the Media view, remembers it on this machine, and lists it when first shown. */
export async function showService(services: Services, service: MediaService): Promise<void> {
  await services.context.globalState.update(SERVICE_STATE_KEY, service);
  await vscode.commands.executeCommand('setContext', ContextKeys.service, service);
  await vscode.commands.executeCommand(`${service === 'files' ? FILES_VIEW_ID : VIEW_ID}.focus`);
  if (service === 'files' && services.files.browser.state.kind === 'idle') await services.files.browser.start();
}

/** `apiAudio.switchService`: a picker of the two services, the current one marked. */
async function switchService(services: Services): Promise<void> {
  const current = currentService(services);
  const picked = await vscode.window.showQuickPick(
    (['media', 'files'] as const).map((service) => ({
      label: SERVICE_LABELS[service],
      description: service === current ? 'shown now' : undefined,
      detail: service === 'media' ? 'api.audio (v1): your media by tag' : 'AudioStack (v2): your files in folders',
      service,
    })),
    { title: 'Show in the Media View', placeHolder: 'Which service should the Media view show?' },
  );
  if (picked) await showService(services, picked.service);
}

/** Open: downloads the file once into the extension's storage and opens it in VS Code's media preview. */
async function openFiles(services: Services, ...args: unknown[]): Promise<vscode.Uri[]> {
  const targets = await stackFileTargets(services, args, { many: false, title: 'Open AudioStack File', readyOnly: true });
  const opened: vscode.Uri[] = [];
  for (const target of targets) {
    const { fileId, fileName } = target.file;
    const key = stackFileMediaKey(fileId);
    if (!(await services.localMedia.existing(key, fileName))) {
      const client = await services.files.clients.get();
      await withCancellableProgress(`Opening ${fileName}`, async (cancel) => {
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
  const targets = await stackFileTargets(services, args, { many: true, title: 'Download AudioStack Files', readyOnly: true });
  if (targets.length === 0) return undefined;
  const dir = await askDownloadFolder(targets.map((target) => target.file.fileName));
  return dir === undefined ? undefined : downloadFilesTo(services, targets, dir);
}

async function downloadFilesTo(services: Services, targets: readonly FileNode[], dir: string): Promise<DownloadResult> {
  const client = await services.files.clients.get();
  return downloadBatch(services, targets, dir, {
    name: (target) => target.file.fileName,
    logName: (target) => `AudioStack file ${target.file.fileId}`,
    start: (target, options) => client.download(target.file.fileId, dir, { fileName: target.file.fileName, ...options }),
  });
}

/** Copy File ID: one ID per line for several files. */
async function copyFileId(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await stackFileTargets(services, args, { many: true, title: 'Copy AudioStack File IDs' });
  if (targets.length === 0) return;
  await vscode.env.clipboard.writeText(targets.map((target) => target.file.fileId).join('\n'));
  vscode.window.setStatusBarMessage(targets.length === 1 ? `Copied the file ID of ${targets[0].file.fileName}.` : `Copied ${targets.length} file IDs.`, 4000);
}

/**
 * Copy Download Link: a fresh presigned link from AudioStack (one per line for several). The
 * link is a credential: it is never logged, and the message says so.
 */
async function copyDownloadLink(services: Services, ...args: unknown[]): Promise<void> {
  const targets = await stackFileTargets(services, args, { many: true, title: 'Copy AudioStack Download Links', readyOnly: true });
  if (targets.length === 0) return;
  const unready = targets.find((target) => stackFileState(target.file) !== 'ready');
  const client = await services.files.clients.get();
  const urls = await withCancellableProgress('Getting download links…', async (signal) => {
    const links: string[] = [];
    for (const target of targets) {
      const file = await client.getFile(target.file.fileId, { signal });
      if (!file.url) {
        throw new Error(
          `AudioStack has no download link for ${file.fileName} yet: it is ${file.status}. Refresh the AudioStack Files view and try again once it is uploaded.`,
        );
      }
      links.push(file.url);
    }
    return links;
  });
  if (unready) void services.files.browser.refresh();
  await vscode.env.clipboard.writeText(urls.join('\n'));
  services.logger.info(`Copied ${urls.length === 1 ? 'a download link' : `${urls.length} download links`} for AudioStack files ${targets.map((t) => t.file.fileId).join(', ')}.`);
  void vscode.window.showInformationMessage(
    `Copied the download link${targets.length === 1 ? ` for ${targets[0].file.fileName}` : `s for ${fileCount(targets.length)}`}. ` +
      'It expires after a while. Do not share it: anyone with the link can download the file.',
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
