// The address of played media, `apiaudio-media:/<mediaId>/<file name>`, and the read-only
// file system that serves it from the local copies Open keeps: the editor's tab and
// breadcrumb name the file and its media ID, not the cache folder. The tree's rows carry
// the same address as their resourceUri.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { LocalMediaStore } from '../model/localMediaStore';

/** Scheme of played media: `apiaudio-media:/<mediaId>/<file name>` (also the tree items' resourceUri). */
export const PLAYED_MEDIA_SCHEME = 'apiaudio-media';

/** Where an item plays: the editor shows this name and the file system below serves it. */
export function playedMediaUri(item: { mediaId: string; filename: string }): vscode.Uri {
  return vscode.Uri.from({ scheme: PLAYED_MEDIA_SCHEME, path: `/${item.mediaId}/${item.filename}` });
}

/** Read-only files for `apiaudio-media:` URIs, served from the local copies Open keeps. */
export class PlayedMediaFileSystem implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  constructor(private readonly store: LocalMediaStore) {}

  static register(store: LocalMediaStore): vscode.Disposable {
    return vscode.workspace.registerFileSystemProvider(PLAYED_MEDIA_SCHEME, new PlayedMediaFileSystem(store), {
      isCaseSensitive: true,
      isReadonly: true,
    });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const local = this.localPath(uri);
    try {
      const stat = await fs.stat(local);
      return { type: stat.isFile() ? vscode.FileType.File : vscode.FileType.Directory, ctime: stat.ctimeMs, mtime: stat.mtimeMs, size: stat.size };
    } catch {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    try {
      return await fs.readFile(this.localPath(uri));
    } catch {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  /** `/<mediaId>/<file name>` → the local copy (the store sanitises both parts). */
  private localPath(uri: vscode.Uri): string {
    const [, mediaId, ...rest] = uri.path.split('/');
    const filename = rest.join('/');
    if (!mediaId || !filename) throw vscode.FileSystemError.FileNotFound(uri);
    return this.store.pathFor(mediaId, filename);
  }
}
