// Showing a row of the AudioStack Files view as the Explorer does after New Folder, Rename,
// Move or Upload: the tree is walked down from the root as a person expands the rows (so it
// knows every parent), then the row is selected.
import type * as vscode from 'vscode';
import type { FilesBrowser } from '../../model/audiostack/filesBrowser';
import type { FilesTreeNode, FilesTreeProvider } from './filesTreeProvider';

export interface FilesView {
  tree: FilesTreeProvider;
  view: vscode.TreeView<FilesTreeNode>;
  browser: FilesBrowser;
}

/**
 * Selects the row `rowId` in the folder `folderKey` (ROOT_FOLDER_KEY for the root), moving
 * the keyboard there only when `focus`; resolves with the row, or undefined when it is not
 * loaded. A row that goes away meanwhile is not an error.
 */
export async function revealFilesRow(files: FilesView, folderKey: string, rowId: string, options: { focus: boolean }): Promise<FilesTreeNode | undefined> {
  const { tree, view, browser } = files;
  const chain = browser.folderChain(folderKey);
  if (!chain) return undefined;
  let parent: FilesTreeNode | undefined;
  for (const folderId of chain) {
    parent = (await tree.getChildren(parent)).find((node) => node.kind === 'folder' && node.folder.folderId === folderId);
    if (!parent) return undefined;
  }
  const row = (await tree.getChildren(parent)).find((node) => node.id === rowId);
  if (!row) return undefined;
  try {
    await view.reveal(row, { select: true, focus: options.focus, expand: false });
  } catch {
    // The row went away meanwhile (a refresh): nothing to show.
  }
  return row;
}
