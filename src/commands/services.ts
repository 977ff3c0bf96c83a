import type * as vscode from 'vscode';
import type { Redactor } from '../api';
import type { ApiKeyService } from '../auth/apiKeyService';
import type { ClientProvider } from '../auth/apiaudio/connection';
import type { FilesClientProvider } from '../auth/audiostack/connection';
import type { FilesBrowser } from '../model/audiostack/filesBrowser';
import type { FilesTreeNode, FilesTreeProvider } from '../tree/audiostack/filesTreeProvider';
import type { DownloadJournal } from '../model/downloadJournal';
import type { LocalMediaStore } from '../model/localMediaStore';
import type { MediaLibrary } from '../model/apiaudio/mediaLibrary';
import type { MediaTreeProvider } from '../tree/apiaudio/mediaTreeProvider';
import type { MediaTreeNode } from '../tree/apiaudio/nodes';
import type { ExtensionLogger } from '../util/logger';

/** The object graph every command handler receives (built once in activate()). */
export interface Services {
  context: vscode.ExtensionContext;
  /** Removes keys and signatures from text (owned by the key service; shared by all). */
  redactor: Redactor;
  logger: ExtensionLogger;
  apiKeys: ApiKeyService;
  clients: ClientProvider;
  library: MediaLibrary;
  tree: MediaTreeProvider;
  treeView: vscode.TreeView<MediaTreeNode>;
  /** Local copies of media for playing (in the extension's global storage). */
  localMedia: LocalMediaStore;
  /** The downloads started and not yet ended (what a window reload interrupts). */
  downloads: DownloadJournal;
  /** The AudioStack Files view: its client, what is loaded, the tree and the view. */
  files: {
    clients: FilesClientProvider;
    browser: FilesBrowser;
    tree: FilesTreeProvider;
    view: vscode.TreeView<FilesTreeNode>;
  };
}
