import * as vscode from 'vscode';
import { FILES_VIEW_ID } from '../../constants';
import { draggedArray, FILES_MIME, PLAIN_TEXT_MIME, URI_LIST_MIME } from '../../media/dragData';
import { droppedUris, savedOsFiles } from '../drops';
import { uniqueFileNodes, type FileNode, type FilesTreeNode, type FilesTreeProvider, type FolderNode } from './filesTreeProvider';

/** The AudioStack Files view's own MIME type (VS Code's convention: the view id, lower case): the dragged rows. */
export const FILES_TREE_MIME = `application/vnd.code.tree.${FILES_VIEW_ID.toLowerCase()}`;

export interface FilesDropActions {
  /** Moves dragged files into `target` (undefined: the top level). */
  move(files: FileNode[], target: FolderNode | undefined): Promise<unknown>;
  /** Uploads files dropped from the Explorer or the OS into `target`; `retryable` is false for temporary copies. */
  upload(target: FolderNode | undefined, uris: vscode.Uri[], retryable: boolean): Promise<unknown>;
}

/**
 * Drag and drop on the AudioStack Files view.
 * - Drag file rows onto a folder row (or a file in it, or the empty space for the top
 *   level): the files move there (Move to Folder…'s code; it asks first).
 * - Drop files from the Explorer or the OS onto a folder: they are uploaded into it.
 * - Dragged into an editor, file rows give their file IDs (`text/plain`).
 */
export class FilesDragAndDropController implements vscode.TreeDragAndDropController<FilesTreeNode> {
  readonly dropMimeTypes = [FILES_TREE_MIME, URI_LIST_MIME, FILES_MIME];
  readonly dragMimeTypes = [PLAIN_TEXT_MIME];

  constructor(
    private readonly tree: FilesTreeProvider,
    private readonly actions: FilesDropActions,
  ) {}

  handleDrag(source: readonly FilesTreeNode[], dataTransfer: vscode.DataTransfer): void {
    const files = uniqueFileNodes(source);
    if (files.length === 0) return;
    dataTransfer.set(FILES_TREE_MIME, new vscode.DataTransferItem(files));
    dataTransfer.set(PLAIN_TEXT_MIME, new vscode.DataTransferItem(files.map((node) => node.file.fileId).join('\n')));
  }

  async handleDrop(target: FilesTreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    const folder = this.folderOf(target);
    const own = dataTransfer.get(FILES_TREE_MIME);
    if (own) {
      const files = readDraggedFiles(own.value);
      if (files.length > 0 && !token.isCancellationRequested) await this.actions.move(files, folder);
      return;
    }
    const uris = await droppedUris(dataTransfer);
    const copies = await savedOsFiles(dataTransfer, uris);
    try {
      const all = [...uris, ...copies.uris];
      if (all.length === 0 || token.isCancellationRequested) return;
      await this.actions.upload(folder, all, copies.uris.length === 0);
    } finally {
      await copies.cleanUp();
    }
  }

  /** The folder a drop lands in: a folder row itself; for any other row, the folder it is listed in. */
  private folderOf(target: FilesTreeNode | undefined): FolderNode | undefined {
    if (!target) return undefined;
    if (target.kind === 'folder') return target;
    const parent = this.tree.getParent(target);
    return parent?.kind === 'folder' ? parent : undefined;
  }
}

/** The file rows under FILES_TREE_MIME: the array itself, or its JSON (how the workbench may hand it on). */
function readDraggedFiles(value: unknown): FileNode[] {
  return uniqueFileNodes(draggedArray(value));
}
