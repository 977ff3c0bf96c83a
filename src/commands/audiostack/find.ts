// Find in AudioStack Files: a quick pick over every loaded file and folder that reveals
// and selects the choice in the Files view (the parallel of api.audio's Find Media).
import * as vscode from 'vscode';
import { FilesCommands } from '../../constants';
import { stackFileStatusLabel } from '../../media/audiostack/stackFiles';
import { ROOT_FOLDER_KEY, type FilesBrowser, type LoadedEntry } from '../../model/audiostack/filesBrowser';
import type { FilesTreeNode } from '../../tree/audiostack/filesTreeProvider';
import { formatDuration, formatSize, plural } from '../../util/l10nFormat';
import { currentService, showService } from '../serviceChoice';
import { picksInSlices } from '../pickers';
import type { Services } from '../services';

/** What a pick names: looked up again when chosen, so a listing refreshed meanwhile is not acted on stale. */
export type FilesTarget = { kind: 'folder'; folderId: string; name: string } | { kind: 'file'; folderKey: string; fileId: string; name: string };

export interface FilesPick extends vscode.QuickPickItem {
  target: FilesTarget;
}

/** Label: the name; description: the folder it is in; detail: size · duration · status (files). */
function toPick(entry: LoadedEntry): FilesPick {
  if (entry.kind === 'folder') {
    const { folder, parentPath } = entry;
    return {
      label: folder.folderName,
      description: parentPath || '/',
      detail: vscode.l10n.t('folder'),
      target: { kind: 'folder', folderId: folder.folderId, name: folder.folderName },
    };
  }
  const { file, folderKey, folderPath } = entry;
  const lang = vscode.env.language;
  const detail = [
    file.size !== undefined ? formatSize(lang, file.size) : undefined,
    file.duration !== undefined ? formatDuration(lang, file.duration) : undefined,
    stackFileStatusLabel(file) ?? file.status,
  ].filter((part): part is string => Boolean(part));
  return {
    label: file.fileName,
    description: folderPath || '/',
    detail: detail.join(' · '),
    target: { kind: 'file', folderKey, fileId: file.fileId, name: file.fileName },
  };
}

/** `apiAudio.files.find`: picks a loaded file or folder by name or folder path and reveals it. */
export async function findInFiles(services: Services): Promise<FilesTreeNode | undefined> {
  if (currentService(services) !== 'files') {
    const show = vscode.l10n.t('Show AudioStack Files');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('The Media view shows api.audio Media. Show AudioStack Files to find a file among them.'), show);
    if (choice === show) await showService(services, 'files');
    return undefined;
  }
  const entries = services.files.browser.loadedEntries();
  if (entries.length === 0) {
    const refresh = vscode.l10n.t('Refresh');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No AudioStack files are listed yet. Refresh the AudioStack Files view first.'), refresh);
    if (choice === refresh) await vscode.commands.executeCommand(FilesCommands.refresh);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(picksInSlices(entries, toPick), {
    // The title stays while the person types: it says the search covers only what is listed.
    title: plural(vscode.env.language, listedFolders(services.files.browser), {
      one: () => vscode.l10n.t('Find in AudioStack Files — the one folder opened so far (open a folder to search it too)'),
      other: (count) => vscode.l10n.t({ message: 'Find in AudioStack Files — the {0} folders opened so far (open a folder to search it too)', args: [count], comment: ['{0} is a number'] }),
    }),
    placeHolder: vscode.l10n.t('Type part of a file or folder name, or of a folder path'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  return revealInFiles(services, picked.target);
}

/**
 * Reveals and selects a loaded file or folder in the Files view, opening the folders above
 * it; `focus` moves the keyboard there too. Says so when it is no longer listed.
 */
export async function revealInFiles(services: Services, target: FilesTarget, focus = true): Promise<FilesTreeNode | undefined> {
  const { tree, view } = services.files;
  const node = target.kind === 'file' ? tree.fileNode(target.folderKey, target.fileId) : tree.folderNode(target.folderId);
  if (!node) {
    const refresh = vscode.l10n.t('Refresh');
    const choice = await vscode.window.showInformationMessage(
      target.kind === 'file'
        ? vscode.l10n.t({
            message: '{0} is no longer listed in the AudioStack Files view. Refresh it, then find the file again.',
            args: [target.name],
            comment: ['{0} is a file name'],
          })
        : vscode.l10n.t({
            message: '{0} is no longer listed in the AudioStack Files view. Refresh it, then find the folder again.',
            args: [target.name],
            comment: ['{0} is a folder name'],
          }),
      refresh,
    );
    if (choice === refresh) await vscode.commands.executeCommand(FilesCommands.refresh);
    return undefined;
  }
  await view.reveal(node, { select: true, focus });
  return node;
}

/** "3 folders": the folders whose contents are listed (the root among them). */
function listedFolders(browser: FilesBrowser): number {
  let count = browser.contents(ROOT_FOLDER_KEY) && browser.contents(ROOT_FOLDER_KEY)?.folderId === undefined ? 1 : 0;
  for (const folderId of browser.folderPaths().keys()) if (browser.contents(browser.keyOf(folderId))) count++;
  return count;
}
