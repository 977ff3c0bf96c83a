import * as vscode from 'vscode';
import type { MediaItem } from '../api/types';
import { MEDIA_TREE_MIME, readDraggedMedia } from '../media/dragData';
import { mediaFilesEntry, mediaFilesPairs } from '../media/mediaFiles';
import { contextAt, languageKindOf } from './documentAnalysis';
import { dropShape, type DropShape } from './mediaIndex';

/**
 * Media items dragged from the Media view into an editor: their IDs, written the way the
 * place they land expects (see dropShape): bare inside a string, quoted in code, a
 * `{"name": "id"}` mediaFiles entry in Python and JSON.
 */
export class MediaDropProvider implements vscode.DocumentDropEditProvider {
  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const items = await draggedMedia(dataTransfer);
    if (items.length === 0 || token.isCancellationRequested) return undefined;
    const language = languageKindOf(document.languageId) ?? 'text';
    const shape = dropShape(contextAt(document.getText(), language, document.offsetAt(position)), language);
    const edit = new vscode.DocumentDropEdit(dropText(shape, items, language));
    // Newer VS Code names the edit in the drop widget; older versions ignore the field.
    Object.assign(edit, { title: items.length === 1 ? vscode.l10n.t('Insert api.audio media ID') : vscode.l10n.t('Insert api.audio media IDs') });
    return edit;
  }
}

/** The media items the Media view put on a drag (the items themselves, or their JSON). */
async function draggedMedia(dataTransfer: vscode.DataTransfer): Promise<MediaItem[]> {
  const transferItem = dataTransfer.get(MEDIA_TREE_MIME);
  if (!transferItem) return [];
  const value: unknown = Array.isArray(transferItem.value) ? transferItem.value : await transferItem.asString();
  return readDraggedMedia(value).map((entry) => entry.item);
}

export function dropText(shape: DropShape, items: readonly MediaItem[], language: string): string {
  const ids = items.map((item) => item.mediaId);
  switch (shape) {
    case 'bare':
      return ids.join(language === 'text' ? '\n' : ', ');
    case 'quoted':
      return ids.map((id) => JSON.stringify(id)).join(', ');
    case 'entry':
      return mediaFilesEntry(items);
    case 'pairs':
      return mediaFilesPairs(items);
  }
}
