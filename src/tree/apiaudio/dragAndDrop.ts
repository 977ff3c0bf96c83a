import * as vscode from 'vscode';
import { draggedMediaText, draggedMediaValue, FILES_MIME, MEDIA_TREE_MIME, PLAIN_TEXT_MIME, URI_LIST_MIME } from '../../media/dragData';
import { uniqueMediaNodes, type MediaTreeNode } from './nodes';
import { droppedUris, savedOsFiles } from '../drops';

/** Uploads dropped files; `retryable` is false when they are temporary copies. */
export type UploadDropped = (uris: vscode.Uri[], presetTags: string[], retryable: boolean) => Promise<unknown>;

/**
 * Drag and drop on the Media view.
 * - Drop files from the Explorer or the OS: uploads them (onto a tag: that tag is checked
 *   in the tag picker).
 * - Drag media items out: the view's own mime type carries the nodes, `text/plain` their
 *   media IDs (dropped into an editor, the IDs are inserted). VS Code offers no way to
 *   drop them as files into the Explorer, and api.audio cannot change a file's tags, so
 *   there is no drop of media items onto the view itself.
 */
export class MediaDragAndDropController implements vscode.TreeDragAndDropController<MediaTreeNode> {
  readonly dropMimeTypes = [URI_LIST_MIME, FILES_MIME];
  readonly dragMimeTypes = [PLAIN_TEXT_MIME];

  constructor(private readonly uploadDropped: UploadDropped) {}

  handleDrag(source: readonly MediaTreeNode[], dataTransfer: vscode.DataTransfer): void {
    const media = uniqueMediaNodes(source);
    if (media.length === 0) return;
    dataTransfer.set(MEDIA_TREE_MIME, new vscode.DataTransferItem(draggedMediaValue(media)));
    dataTransfer.set(PLAIN_TEXT_MIME, new vscode.DataTransferItem(draggedMediaText(media)));
  }

  async handleDrop(target: MediaTreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    if (dataTransfer.get(MEDIA_TREE_MIME)) return;
    const uris = await droppedUris(dataTransfer);
    const copies = await savedOsFiles(dataTransfer, uris);
    try {
      const all = [...uris, ...copies.uris];
      if (all.length === 0 || token.isCancellationRequested) return;
      // Copies of OS files vanish after this call, so a later "Retry Failed" could not work.
      await this.uploadDropped(all, presetTagsFor(target), copies.uris.length === 0);
    } finally {
      await copies.cleanUp();
    }
  }
}

/** The tag a drop target stands for: a tag node, or the tag a media node is listed under. */
function presetTagsFor(target: MediaTreeNode | undefined): string[] {
  if ((target?.kind === 'tag' || target?.kind === 'media') && target.scope === 'own' && target.tag !== undefined) return [target.tag];
  return [];
}
