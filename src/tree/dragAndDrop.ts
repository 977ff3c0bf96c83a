import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sanitizeFileName } from '../api';
import { draggedMediaText, draggedMediaValue, FILES_MIME, MEDIA_TREE_MIME, PLAIN_TEXT_MIME, URI_LIST_MIME } from '../media/dragData';
import { uniqueMediaNodes, type MediaTreeNode } from './nodes';

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

export async function droppedUris(dataTransfer: vscode.DataTransfer): Promise<vscode.Uri[]> {
  const text = await dataTransfer.get(URI_LIST_MIME)?.asString();
  if (!text) return [];
  const uris: vscode.Uri[] = [];
  for (const line of text.split(/\r?\n/)) {
    const value = line.trim();
    if (value === '' || value.startsWith('#')) continue;
    try {
      uris.push(vscode.Uri.parse(value, true));
    } catch {
      // Not a URI: ignore the line, as browsers do.
    }
  }
  return uris;
}

/**
 * Files dropped from the OS that arrive as bytes without a path (VS Code in a browser):
 * written to a temporary folder so they can be uploaded like any file, and removed after.
 */
export async function savedOsFiles(dataTransfer: vscode.DataTransfer, known: readonly vscode.Uri[]): Promise<{ uris: vscode.Uri[]; cleanUp: () => Promise<void> }> {
  const pending: vscode.DataTransferFile[] = [];
  const result: vscode.Uri[] = [];
  dataTransfer.forEach((item) => {
    const file = item.asFile();
    if (!file) return;
    if (file.uri) {
      if (!known.some((uri) => uri.toString() === file.uri!.toString()) && !result.some((uri) => uri.toString() === file.uri!.toString())) {
        result.push(file.uri);
      }
    } else {
      pending.push(file);
    }
  });
  if (pending.length === 0) return { uris: result, cleanUp: async () => undefined };
  const dir = path.join(os.tmpdir(), `apiaudio-drop-${randomBytes(6).toString('hex')}`);
  const cleanUp = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await fs.mkdir(dir, { recursive: true });
    for (const file of pending) {
      const target = path.join(dir, sanitizeFileName(file.name));
      await fs.writeFile(target, await file.data());
      result.push(vscode.Uri.file(target));
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { uris: result, cleanUp };
}
