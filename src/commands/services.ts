import type * as vscode from 'vscode';
import type { Redactor } from '../api';
import type { ApiKeyService } from '../auth/apiKeyService';
import type { ClientProvider } from '../auth/clientProvider';
import type { FilesClientProvider } from '../auth/filesClientProvider';
import type { FilesBrowser } from '../model/filesBrowser';
import type { FilesTreeNode, FilesTreeProvider } from '../tree/filesTreeProvider';
import type { LocalMediaStore } from '../model/localMediaStore';
import type { MediaLibrary } from '../model/mediaLibrary';
import type { MediaTreeProvider } from '../tree/mediaTreeProvider';
import { asLocatedMedia } from '../media/location';
import type { MediaNode, MediaTreeNode } from '../tree/nodes';
import { mediaNodeFor, uniqueMediaNodes } from '../tree/nodes';
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
  /** The AudioStack Files view: its client, what is loaded, the tree and the view. */
  files: {
    clients: FilesClientProvider;
    browser: FilesBrowser;
    tree: FilesTreeProvider;
    view: vscode.TreeView<FilesTreeNode>;
  };
}

/**
 * The media nodes a tree command acts on: VS Code passes (clicked node, selected nodes)
 * from a menu; a hover's link passes the item itself (a media reference); from a
 * keybinding there are no arguments, so the view's selection counts.
 */
export function targetMediaNodes(services: Services, node?: unknown, nodes?: unknown): MediaNode[] {
  if (Array.isArray(nodes) && nodes.length > 0) return uniqueMediaNodes(nodes as MediaTreeNode[]);
  if (isTreeNode(node)) return uniqueMediaNodes([node]);
  const reference = asLocatedMedia(node);
  if (reference) return [mediaNodeFor(reference)];
  return uniqueMediaNodes(services.treeView.selection);
}

function isTreeNode(value: unknown): value is MediaTreeNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}
