// What an AudioStack Files command acts on, however it was run (menu, keyboard, palette), and
// the two pickers the palette uses: files among what is loaded, and a folder to act in.
import * as vscode from 'vscode';
import type { StackFile, StackFolder } from '../../api/audiostack/model';
import { isStackFileReference, stackFileState, stackFileSummary, type StackFileReference } from '../../media/audiostack/stackFiles';
import { ROOT_FOLDER_KEY, type FolderContents } from '../../model/audiostack/filesBrowser';
import { isFilesTreeNode, uniqueFileNodes, type FileNode, type FilesTreeNode, type FolderNode } from '../../tree/audiostack/filesTreeProvider';
import type { Services } from '../services';

/** A folder to act in: its id (undefined for a root the service did not name) and path ('' for the root). */
export interface FolderChoice {
  readonly folderId: string | undefined;
  readonly path: string;
  /** What the person had typed in the folder picker when choosing (New Folder takes it as the name). */
  readonly typed?: string;
}

export interface FileTargetRequest {
  /** The palette's picker takes several files or one. */
  many: boolean;
  /** The picker's title when the command runs from the palette. */
  title: string;
  /** Offer only files AudioStack has finished processing (Open, Download, Copy Download Link). */
  readyOnly?: boolean;
}

/**
 * The files a command acts on, by the rules of the api.audio Media view's item commands:
 * (clicked row, selected rows) from a menu; `[focused row]` from a keybinding (the selection
 * when that row is part of it); a file node from another command; nothing from the palette,
 * where the person picks among the loaded files. Resolves with none when nothing applies or
 * the person dismissed the picker.
 */
export async function stackFileTargets(services: Services, args: readonly unknown[], request: FileTargetRequest): Promise<FileNode[]> {
  const [node, nodes] = args;
  if (isStackFileReference(node)) return [referencedFile(services, node)];
  if (Array.isArray(nodes) && nodes.some(isFilesTreeNode)) return uniqueFileNodes(nodes);
  if (Array.isArray(node)) return fromKeyboard(services, node[0], uniqueFileNodes);
  if (isFilesTreeNode(node)) return uniqueFileNodes([node]);
  if (node === undefined || node === null) return pickStackFiles(services, request);
  return [];
}

/**
 * A file a code hover's link names (its ID and name): the loaded row when the file is
 * loaded, else a row with just the ID and name (Open and Download read the rest from
 * AudioStack, and say so when the file is not ready).
 */
function referencedFile(services: Services, reference: StackFileReference): FileNode {
  const { tree } = services.files;
  return tree.loadedFileNodes().find((node) => node.file.fileId === reference.audiostackFileId) ?? tree.referenceFileNode(reference.audiostackFileId, reference.fileName);
}

/** The folder rows a folder command acts on (menu, keyboard); from the palette, a folder picker. */
export async function stackFolderTargets(services: Services, args: readonly unknown[], title: string): Promise<FolderNode[]> {
  const [node, nodes] = args;
  const folders = (rows: readonly unknown[]): FolderNode[] => rows.filter((row): row is FolderNode => isFilesTreeNode(row) && row.kind === 'folder');
  if (Array.isArray(nodes) && nodes.some(isFilesTreeNode)) return folders(nodes);
  if (Array.isArray(node)) return fromKeyboard(services, node[0], folders);
  if (isFilesTreeNode(node)) return folders([node]);
  if (node !== undefined && node !== null) return [];
  const choice = await pickStackFolder(services, { title, acceptLabel: vscode.l10n.t('Choose This Folder'), allowRoot: false });
  if (!choice?.folderId) return [];
  const folder = services.files.tree.folderNode(choice.folderId);
  return folder ? [folder] : [];
}

/** A file or a folder row. */
export type StackEntryNode = FileNode | FolderNode;

export interface EntryTargetRequest {
  many: boolean;
  title: string;
}

function entryNodes(rows: readonly unknown[]): StackEntryNode[] {
  const seen = new Set<string>();
  return rows.filter((row): row is StackEntryNode => {
    if (!isFilesTreeNode(row) || (row.kind !== 'file' && row.kind !== 'folder')) return false;
    const key = row.kind === 'file' ? `file:${row.file.fileId}` : `folder:${row.folder.folderId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The files and folders a command acts on (Rename…, Delete…): the same rules as
 * stackFileTargets; from the palette, a picker of the loaded folders and files.
 */
export async function stackEntryTargets(services: Services, args: readonly unknown[], request: EntryTargetRequest): Promise<StackEntryNode[]> {
  const [node, nodes] = args;
  let targets: StackEntryNode[];
  if (Array.isArray(nodes) && nodes.some(isFilesTreeNode)) targets = entryNodes(nodes);
  else if (Array.isArray(node)) targets = fromKeyboard(services, node[0], entryNodes);
  else if (isFilesTreeNode(node)) targets = entryNodes([node]);
  else if (node === undefined || node === null) return pickStackEntries(services, request);
  else targets = [];
  return request.many ? targets : targets.slice(0, 1);
}

interface EntryPick extends vscode.QuickPickItem {
  node: StackEntryNode;
}

/** Picks among the loaded folders and files (listing the root first when nothing is). Escape: none. */
async function pickStackEntries(services: Services, request: EntryTargetRequest): Promise<StackEntryNode[]> {
  const browser = services.files.browser;
  if (!browser.contents(ROOT_FOLDER_KEY)) await browser.refresh();
  const picks: EntryPick[] = [
    ...services.files.tree.loadedFolderNodes().map((node) => ({ label: `$(folder) ${node.folder.folderName}`, description: node.path, node })),
    ...services.files.tree.loadedFileNodes().map((node) => ({ ...filePick(node), label: `$(file) ${node.file.fileName}`, node })),
  ];
  return pickNodes(services, picks, {
    title: request.title,
    many: request.many,
    placeHolder: request.many
      ? vscode.l10n.t('Type part of a folder or file name; Space checks one, Enter confirms')
      : vscode.l10n.t('Type part of a folder or file name'),
    nothing: (problem) => vscode.l10n.t({ message: 'Nothing to pick: {0}', args: [problem], comment: ['{0} is why nothing is listed (an error message)'] }),
    nothingLoaded: vscode.l10n.t('No AudioStack folders or files are loaded. Open folders in the AudioStack Files view (or refresh it) first.'),
  });
}

/** The Explorer's rule: the focused row, or the selection when the focused row is part of it. */
function fromKeyboard<T>(services: Services, focused: unknown, keep: (rows: readonly unknown[]) => T[]): T[] {
  const selection: readonly FilesTreeNode[] = services.files.view.selection;
  let rows: readonly unknown[];
  if (!isFilesTreeNode(focused)) rows = selection;
  else if (selection.some((selected) => selected.id === focused.id)) rows = selection;
  else rows = [focused];
  const targets = keep(rows);
  if (targets.length === 0) vscode.window.setStatusBarMessage(vscode.l10n.t('The row the keyboard is on does not apply here: move to another with the arrow keys.'), 5000);
  return targets;
}

interface FilePick extends vscode.QuickPickItem {
  node: FileNode;
}

function filePick(node: FileNode): FilePick {
  const file: StackFile = node.file;
  return { label: file.fileName, description: node.folderPath || '/', detail: stackFileSummary(file), node };
}

/** Picks among the files loaded so far (listing the root first when nothing is). Escape: none. */
async function pickStackFiles(services: Services, request: FileTargetRequest): Promise<FileNode[]> {
  const browser = services.files.browser;
  if (!browser.contents(ROOT_FOLDER_KEY)) await browser.refresh();
  const nodes = services.files.tree.loadedFileNodes().filter((node) => !request.readyOnly || stackFileState(node.file) === 'ready');
  return pickNodes(services, nodes.map(filePick), {
    title: request.title,
    many: request.many,
    placeHolder: request.many
      ? vscode.l10n.t('Type part of a file name or folder; Space checks a file, Enter confirms')
      : vscode.l10n.t('Type part of a file name or folder'),
    nothing: (problem) => vscode.l10n.t({ message: 'No AudioStack files to pick: {0}', args: [problem], comment: ['{0} is why nothing is listed (an error message)'] }),
    nothingLoaded: vscode.l10n.t('No AudioStack files are loaded. Open folders in the AudioStack Files view (or refresh it) first.'),
  });
}

/** One picker over loaded rows (several with checkboxes, or one); says why when there is nothing to pick. */
async function pickNodes<T>(
  services: Services,
  picks: Array<vscode.QuickPickItem & { node: T }>,
  words: { title: string; many: boolean; placeHolder: string; nothing: (problem: string) => string; nothingLoaded: string },
): Promise<T[]> {
  if (picks.length === 0) {
    const problem = services.files.browser.state.errorMessage;
    void vscode.window.showInformationMessage(problem ? words.nothing(problem) : words.nothingLoaded);
    return [];
  }
  const options = { title: words.title, placeHolder: words.placeHolder, matchOnDescription: true, matchOnDetail: true };
  if (words.many) return ((await vscode.window.showQuickPick(picks, { ...options, canPickMany: true })) ?? []).map((pick) => pick.node);
  const picked = await vscode.window.showQuickPick(picks, options);
  return picked ? [picked.node] : [];
}

export interface FolderPickRequest {
  title: string;
  /** The first row's label: what choosing the folder shown does ("Upload Here", "Move Here"). */
  acceptLabel: string;
  /** Where the picker starts; the root by default. */
  startAt?: FolderChoice;
  /** False when the command needs a real folder (the root cannot be renamed). Default true. */
  allowRoot?: boolean;
  /** Folders that cannot be chosen (a file's own folder for Move) or entered (a folder being moved). */
  disabled?: (folderId: string | undefined) => string | undefined;
}

interface FolderPickItem extends vscode.QuickPickItem {
  action: 'accept' | 'up' | 'enter' | 'none';
  folder?: StackFolder;
}

/**
 * A folder picker that walks the tree: the first row chooses the folder shown, "Up" goes to
 * its parent, and Enter on a folder goes into it (listed when first opened, as in the view).
 * Resolves with the folder chosen, or undefined when the person pressed Escape.
 */
export async function pickStackFolder(services: Services, request: FolderPickRequest): Promise<FolderChoice | undefined> {
  const browser = services.files.browser;
  const pick = vscode.window.createQuickPick<FolderPickItem>();
  const trail: { key: string; folderId: string | undefined; path: string }[] = [];
  let disposed = false;
  pick.placeholder = vscode.l10n.t('Enter opens a folder; the first row chooses the folder shown');
  const topLevel = vscode.l10n.t('top level');
  pick.matchOnDescription = true;

  /** Puts a folder on the trail (what Up walks back through) without showing it; undefined once the picker is gone. */
  const enter = async (key: string, folderId: string | undefined, path: string): Promise<FolderContents | undefined> => {
    const contents = await browser.load(key);
    if (disposed) return undefined;
    trail.push({ key, folderId: key === ROOT_FOLDER_KEY ? contents.folderId : folderId, path });
    return contents;
  };

  const show = async (key: string, folderId: string | undefined, path: string): Promise<void> => {
    pick.busy = true;
    pick.title = path
      ? vscode.l10n.t({ message: '{0} — /{1}', args: [request.title, path], comment: ['{0} is the picker\'s title, {1} a folder path'] })
      : vscode.l10n.t({ message: '{0} — / (top level)', args: [request.title], comment: ['{0} is the picker\'s title'] });
    const contents = await enter(key, folderId, path);
    if (!contents) return;
    const here = trail[trail.length - 1].folderId;
    const items: FolderPickItem[] = [];
    const reason = request.disabled?.(here) ?? (key === ROOT_FOLDER_KEY && request.allowRoot === false ? vscode.l10n.t('choose a folder inside') : undefined);
    items.push({
      label: `$(check) ${request.acceptLabel}`,
      description: reason
        ? vscode.l10n.t({ message: '{0} — {1}', args: [path || topLevel, reason], comment: ['{0} is a folder path, {1} why it cannot be chosen'] })
        : path || topLevel,
      action: reason ? 'none' : 'accept',
      alwaysShow: true,
    });
    if (trail.length > 1) items.push({ label: vscode.l10n.t('$(arrow-up) Up'), description: trail[trail.length - 2].path || topLevel, action: 'up', alwaysShow: true });
    for (const folder of contents.folders) {
      const blocked = request.disabled?.(folder.folderId);
      items.push({ label: `$(folder) ${folder.folderName}`, description: blocked, action: 'enter', folder });
    }
    if (contents.error) items.push({ label: vscode.l10n.t('$(warning) Could not list this folder'), detail: contents.error, action: 'none', alwaysShow: true });
    pick.value = '';
    pick.items = items;
    pick.busy = false;
  };

  return new Promise<FolderChoice | undefined>((resolve) => {
    const finish = (choice: FolderChoice | undefined): void => {
      if (disposed) return;
      disposed = true;
      resolve(choice);
      pick.dispose();
    };
    pick.onDidHide(() => finish(undefined));
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems.length ? pick.selectedItems : pick.activeItems;
      if (!item || pick.busy) return;
      const current = trail[trail.length - 1];
      if (item.action === 'accept') return finish({ folderId: current.folderId, path: current.path, typed: pick.value.trim() || undefined });
      if (item.action === 'up') {
        if (trail.length < 2) return;
        trail.pop();
        const parent = trail.pop() as (typeof trail)[number];
        void show(parent.key, parent.folderId, parent.path);
        return;
      }
      if (item.action === 'enter' && item.folder) {
        const path = current.path ? `${current.path}/${item.folder.folderName}` : item.folder.folderName;
        void show(item.folder.folderId, item.folder.folderId, path);
      }
    });
    pick.show();
    const start = request.startAt;
    if (start?.folderId && start.path) {
      // Start inside: the trail holds the root and every folder between, so Up walks back one level at a time.
      const startId = start.folderId;
      void (async () => {
        pick.busy = true;
        const paths = browser.folderPaths();
        const chain = browser.folderChain(browser.keyOf(startId)) ?? [startId];
        if (!(await enter(ROOT_FOLDER_KEY, undefined, ''))) return;
        for (const folderId of chain.slice(0, -1)) if (!(await enter(folderId, folderId, paths.get(folderId) ?? ''))) return;
        await show(startId, startId, start.path);
      })();
    } else void show(ROOT_FOLDER_KEY, undefined, '');
  });
}
