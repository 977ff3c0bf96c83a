import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { LocalMediaStore } from '../model/localMediaStore';
import type { MediaNode } from '../tree/nodes';
import { withCancellableProgress } from './cancellableProgress';
import { downloadUrlFor } from './mediaLinks';
import type { Services } from './services';
import { mediaTargets } from './targets';

/** Scheme of played media: `apiaudio-media:/<mediaId>/<file name>` (also the tree items' resourceUri). */
export const PLAYED_MEDIA_SCHEME = 'apiaudio-media';

export function playedMediaUri(mediaId: string, filename: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PLAYED_MEDIA_SCHEME, path: `/${mediaId}/${filename}` });
}

/**
 * `apiAudio.open` (the item's click and inline play button): downloads the file once into
 * the extension's global storage and opens it, so VS Code's media preview plays it. The
 * editor shows it as `apiaudio-media:/<mediaId>/<file name>`, so its tab and breadcrumb
 * name the file and its media ID, not the cache folder.
 */
export async function open(services: Services, ...args: unknown[]): Promise<vscode.Uri[]> {
  const targets = await mediaTargets(services, args, { many: false, title: 'Open api.audio Media' });
  const opened: vscode.Uri[] = [];
  for (const target of targets) {
    await localCopy(services, target);
    const uri = playedMediaUri(target.item.mediaId, target.item.filename);
    // Like the Explorer's single click: a preview tab, the keyboard stays in the tree.
    const options: vscode.TextDocumentShowOptions = { preview: targets.length === 1, preserveFocus: true };
    await vscode.commands.executeCommand('vscode.open', uri, options);
    opened.push(uri);
  }
  return opened;
}

/** The path of a local copy of `node`, downloading it when it is not there yet. */
export async function localCopy(services: Services, node: MediaNode): Promise<string> {
  const { mediaId, filename } = node.item;
  const existing = await services.localMedia.existing(mediaId, filename);
  if (existing) return existing;
  const client = await services.clients.get();
  return withCancellableProgress(`Opening ${filename}`, async (cancel) => {
    const file = await services.localMedia.ensure(
      mediaId,
      filename,
      async (dir, fileName, signal) => {
        const url = await downloadUrlFor(client, node, signal);
        return client.download(url, dir, { fileName, signal, onConflict: 'overwrite' });
      },
      cancel,
    );
    services.logger.info(`Saved ${mediaId} for playing at ${file}.`);
    return file;
  });
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
