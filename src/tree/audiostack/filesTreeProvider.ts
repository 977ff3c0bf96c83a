import * as vscode from 'vscode';
import type { StackFile, StackFolder } from '../../api/audiostack/model';
import { FilesCommands } from '../../constants';
import { playedMediaUri } from '../../media/playedMedia';
import { stackFileAccessibleLabel, stackFileMarkdown, stackFileMediaKey, stackFileState, stackFileSummary } from '../../media/audiostack/stackFiles';
import { ROOT_FOLDER_KEY, type FilesBrowser, type FilesStateKind, type FolderContents } from '../../model/audiostack/filesBrowser';
import { formatTime } from '../../util/l10nFormat';
import { firstSentence } from '../../util/text';
import { iconFor } from '../icons';
import { showMoreTreeItem,messageTreeItem } from '../rows';

/** States whose welcome content says what to do (the tree then has no rows). */
const WELCOME_STATES: ReadonlySet<FilesStateKind> = new Set(['idle', 'noKey', 'authFailed', 'untrusted']);

/** A folder of AudioStack Files; its contents are listed when it is first expanded. */
export interface FolderNode {
  kind: 'folder';
  id: string;
  folder: StackFolder;
  /** `Music/Beds`: the names from the root. */
  path: string;
}

/** A file in a folder. */
export interface FileNode {
  kind: 'file';
  id: string;
  file: StackFile;
  /** The folder's path from the root ('' for the root). */
  folderPath: string;
  /** ROOT_FOLDER_KEY or the id of the folder it is listed in. */
  folderKey: string;
}

/** "Show more…" after a folder's last loaded page of files. */
export interface FilesMoreNode {
  kind: 'filesMore';
  id: string;
  /** ROOT_FOLDER_KEY or the folder's id. */
  folderKey: string;
}

/** Why a folder could not be listed: Retry, Open Settings and Show Log on the row. */
export interface FilesMessageNode {
  kind: 'filesMessage';
  id: string;
  text: string;
  description?: string;
  tooltip?: string;
  folderKey: string;
}

export type FilesTreeNode = FolderNode | FileNode | FilesMoreNode | FilesMessageNode;

/** The file nodes among a selection, one per file. */
export function uniqueFileNodes(nodes: readonly unknown[]): FileNode[] {
  const seen = new Set<string>();
  return nodes.filter((node): node is FileNode => {
    if (!isFilesTreeNode(node) || node.kind !== 'file' || seen.has(node.file.fileId)) return false;
    seen.add(node.file.fileId);
    return true;
  });
}

export function isFilesTreeNode(value: unknown): value is FilesTreeNode {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === 'folder' || kind === 'file' || kind === 'filesMore' || kind === 'filesMessage';
}

/**
 * The AudioStack Files view: the root folder's folders and files, each folder listed lazily
 * when expanded (cached by FilesBrowser until Refresh), files page by page with Show more….
 */
export class FilesTreeProvider implements vscode.TreeDataProvider<FilesTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<FilesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** The node of each folder shown, by folder id: what a change of that folder redraws. */
  private readonly folderNodes = new Map<string, FolderNode>();
  private readonly parents = new Map<string, FolderNode | undefined>();
  /**
   * The node last given out for each row id, handed out again while its file or folder is
   * the same: VS Code's reveal() finds a row it was not given through that same object.
   */
  private readonly nodes = new Map<string, FolderNode | FileNode>();
  /** Ids of the folder rows the person has expanded (drawn expanded, also after a reload). */
  private readonly expanded = new Set<string>();

  constructor(private readonly browser: FilesBrowser) {
    const subscription = browser.onDidChange((key) => {
      const node = key === undefined || key === ROOT_FOLDER_KEY ? undefined : this.folderNodes.get(key);
      if (key === undefined) {
        this.folderNodes.clear();
        this.parents.clear();
        this.nodes.clear();
      }
      this.changeEmitter.fire(node);
    });
    this.disposables.push({ dispose: () => subscription.dispose() });
  }

  /** Draws the folders with these row ids expanded, and reports each folder expanded or collapsed from now on. */
  followExpansion(treeView: vscode.TreeView<FilesTreeNode>, remembered: Iterable<string>, save: (ids: string[]) => void): void {
    for (const id of remembered) this.expanded.add(id);
    this.disposables.push(
      treeView.onDidExpandElement(({ element }) => {
        if (element.kind !== 'folder') return;
        this.expanded.add(element.id);
        save([...this.expanded]);
      }),
      treeView.onDidCollapseElement(({ element }) => {
        if (this.expanded.delete(element.id)) save([...this.expanded]);
      }),
    );
  }

  /** The folder or file row with this id, from what is loaded (built when not drawn yet); undefined otherwise. */
  nodeById(id: string): FilesTreeNode | undefined {
    const drawn = this.nodes.get(id);
    if (drawn) return drawn;
    if (id.startsWith('folder:')) return this.folderNode(id.slice('folder:'.length));
    const file = /^file:([^/]+)\/(.+)$/.exec(id);
    return file ? this.fileNode(file[1] === 'root' ? ROOT_FOLDER_KEY : file[1], file[2]) : undefined;
  }

  async getChildren(node?: FilesTreeNode): Promise<FilesTreeNode[]> {
    if (!node) {
      // The welcome says what to do (as api.audio Media's): no key, a rejected key, an
      // unconfirmed server, before the view was shown, or the root could not be listed.
      if (WELCOME_STATES.has(this.browser.state.kind)) return [];
      const contents = await this.browser.load(ROOT_FOLDER_KEY);
      if (WELCOME_STATES.has(this.browser.state.kind)) return [];
      const nothingShown = contents.error !== undefined && contents.folders.length === 0 && contents.files.length === 0;
      return nothingShown ? [] : this.nodesOf(ROOT_FOLDER_KEY, '', undefined, contents);
    }
    // A folder row drawn while the view waits for a person (a redraw after a new key or
    // address) lists nothing: only Refresh, or the view shown again, begins.
    if (node.kind !== 'folder' || WELCOME_STATES.has(this.browser.state.kind)) return [];
    const contents = await this.browser.load(node.folder.folderId);
    return this.nodesOf(node.folder.folderId, node.path, node, contents);
  }

  /**
   * The folder row above `node` (undefined at the root). Rows not drawn yet get it from the
   * browser's loaded folders, so TreeView.reveal can open the way to any loaded row.
   */
  getParent(node: FilesTreeNode): FilesTreeNode | undefined {
    if (this.parents.has(node.id)) return this.parents.get(node.id);
    const key = node.kind === 'folder' ? this.browser.parentKeyOf(node.folder.folderId) : node.kind === 'file' ? node.folderKey : node.folderKey;
    return key === undefined || key === ROOT_FOLDER_KEY ? undefined : this.folderNode(key);
  }

  /**
   * The row of a loaded folder, built from the browser's loaded folders when it is not drawn
   * yet (same id as when drawn); undefined when no loaded folder lists it.
   */
  folderNode(folderId: string): FolderNode | undefined {
    const parentKey = this.browser.parentKeyOf(folderId);
    if (parentKey === undefined) return undefined;
    const folder = this.browser.contents(parentKey)?.folders.find((candidate) => candidate.folderId === folderId);
    const path = this.browser.folderPaths().get(folderId);
    if (!folder || path === undefined) return undefined;
    return this.folderRow(folder, path);
  }

  /** The row of a loaded file in the folder `folderKey` (ROOT_FOLDER_KEY for the root), as it is when drawn. */
  fileNode(folderKey: string, fileId: string): FileNode | undefined {
    const file = this.browser.contents(folderKey)?.files.find((candidate) => candidate.fileId === fileId);
    if (!file) return undefined;
    const folderPath = folderKey === ROOT_FOLDER_KEY ? '' : this.browser.folderPaths().get(folderKey);
    if (folderPath === undefined) return undefined;
    return this.fileRow(folderKey, file, folderPath);
  }

  /** The rows of every loaded folder (not the root), in the tree's order. */
  loadedFolderNodes(): FolderNode[] {
    return this.browser.loadedEntries().flatMap((entry) => (entry.kind === 'folder' ? [this.folderRow(entry.folder, entry.path)] : []));
  }

  /** The rows of every loaded file, in the tree's order. */
  loadedFileNodes(): FileNode[] {
    return this.browser.loadedEntries().flatMap((entry) => (entry.kind === 'file' ? [this.fileRow(entry.folderKey, entry.file, entry.folderPath)] : []));
  }

  /**
   * A file known only by its ID and name (a code hover's link): not a row of the tree (its
   * folder is not known), never revealed, only acted on; Open and Download read the rest
   * from AudioStack and say so when the file is not ready.
   */
  referenceFileNode(fileId: string, fileName: string): FileNode {
    const file: StackFile = {
      fileId,
      fileName,
      folderId: undefined,
      status: 'unknown',
      size: undefined,
      duration: undefined,
      fileType: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      category: undefined,
      accessControl: undefined,
      url: undefined,
    };
    return { kind: 'file', id: `file:ref/${fileId}`, file, folderPath: '', folderKey: ROOT_FOLDER_KEY };
  }

  /** The row of `folder` at `path`: the one drawn when it is the same folder, else a new one with the same id. */
  private folderRow(folder: StackFolder, path: string): FolderNode {
    const known = this.nodes.get(folderNodeId(folder.folderId));
    return known?.kind === 'folder' && known.folder === folder && known.path === path ? known : { kind: 'folder', id: folderNodeId(folder.folderId), folder, path };
  }

  /** The row of `file` in the folder `folderKey`: the one drawn when it is the same file, else a new one with the same id. */
  private fileRow(folderKey: string, file: StackFile, folderPath: string): FileNode {
    const id = fileNodeId(folderKey, file.fileId);
    const known = this.nodes.get(id);
    return known?.kind === 'file' && known.file === file && known.folderPath === folderPath ? known : { kind: 'file', id, file, folderPath, folderKey };
  }

  getTreeItem(node: FilesTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(
          node.folder.folderName,
          this.expanded.has(node.id) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = node.id;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.contextValue = 'stackFolder';
        item.tooltip = vscode.l10n.t({ message: 'AudioStack folder {0}', args: [node.path], comment: ['{0} is a folder path'] });
        item.accessibilityInformation = { label: vscode.l10n.t({ message: 'Folder {0}', args: [node.folder.folderName], comment: ['{0} is a folder name'] }) };
        return item;
      }
      case 'file':
        return fileTreeItem(node);
      case 'filesMore': {
        return showMoreTreeItem({ id: node.id, contextValue: 'stackMore', command: FilesCommands.showMore, node });
      }
      case 'filesMessage': {
        return messageTreeItem({ ...node, contextValue: 'stackRetryableMessage', retry: { command: FilesCommands.refresh, arguments: [node] } });
      }
    }
  }

  private nodesOf(key: string, path: string, parent: FolderNode | undefined, contents: FolderContents): FilesTreeNode[] {
    const prefix = key === ROOT_FOLDER_KEY ? 'root' : key;
    const nodes: FilesTreeNode[] = [];
    const stale = key === ROOT_FOLDER_KEY && contents.error !== undefined && (contents.folders.length > 0 || contents.files.length > 0);
    const listedAt = this.browser.listedAt;
    if (stale && listedAt !== undefined) {
      // As api.audio Media says it: the first row, what failed and since when the rows are unchanged.
      nodes.push({
        kind: 'filesMessage',
        id: `message:${prefix}`,
        text: vscode.l10n.t({ message: 'Could not refresh: showing the listing from {0}', args: [formatTime(vscode.env.language, listedAt)], comment: ['{0} is a time of day'] }),
        description: firstSentence(contents.error!),
        tooltip: vscode.l10n.t({ message: '{0}\n\nClick to try again.', args: [contents.error!], comment: ['{0} is an error message'] }),
        folderKey: key,
      });
    }
    for (const folder of contents.folders) {
      const folderNode = this.folderRow(folder, path ? `${path}/${folder.folderName}` : folder.folderName);
      this.nodes.set(folderNode.id, folderNode);
      this.folderNodes.set(folder.folderId, folderNode);
      nodes.push(folderNode);
    }
    for (const file of contents.files) {
      const fileNode = this.fileRow(key, file, path);
      this.nodes.set(fileNode.id, fileNode);
      nodes.push(fileNode);
    }
    if (stale && listedAt !== undefined) {
      if (contents.hasMore) nodes.push({ kind: 'filesMore', id: `more:${prefix}`, folderKey: key });
    } else if (contents.error !== undefined) {
      nodes.push({
        kind: 'filesMessage',
        id: `message:${prefix}`,
        text: key === ROOT_FOLDER_KEY ? vscode.l10n.t('Could not list AudioStack Files') : vscode.l10n.t({ message: 'Could not list {0}', args: [path], comment: ['{0} is a folder path'] }),
        description: firstSentence(contents.error),
        tooltip: vscode.l10n.t({ message: '{0}\n\nClick to try again.', args: [contents.error], comment: ['{0} is an error message'] }),
        folderKey: key,
      });
    } else if (contents.hasMore) {
      nodes.push({ kind: 'filesMore', id: `more:${prefix}`, folderKey: key });
    }
    for (const node of nodes) this.parents.set(node.id, parent);
    return nodes;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Row ids, stable across redraws and sessions: what reveal and VS Code's own view state match rows by. */
/** A folder row's id (stable: the same folder is the same row wherever it is built). */
export function folderNodeId(folderId: string): string {
  return `folder:${folderId}`;
}

/** A file row's id in the folder `folderKey` (ROOT_FOLDER_KEY for the root). */
export function fileNodeId(folderKey: string, fileId: string): string {
  return `file:${folderKey === ROOT_FOLDER_KEY ? 'root' : folderKey}/${fileId}`;
}

function fileTreeItem(node: FileNode): vscode.TreeItem {
  const { file } = node;
  const item = new vscode.TreeItem(file.fileName, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = stackFileSummary(file);
  const state = stackFileState(file);
  item.iconPath = new vscode.ThemeIcon(state === 'processing' ? 'sync~spin' : state === 'failed' ? 'error' : iconFor(file.fileName));
  item.resourceUri = playedMediaUri({ mediaId: stackFileMediaKey(file.fileId), filename: file.fileName });
  item.contextValue = state === 'ready' ? 'stackFile' : 'stackFile.unready';
  item.tooltip = new vscode.MarkdownString(stackFileMarkdown(file, node.folderPath || '/'), true);
  // A file not ready opens too: the command says why it cannot play and what to do.
  item.command = { command: FilesCommands.open, title: vscode.l10n.t('Open'), arguments: [node] };
  item.accessibilityInformation = { label: stackFileAccessibleLabel(file) };
  return item;
}
