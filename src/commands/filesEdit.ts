// The commands that change AudioStack Files: New Folder…, Rename…, Copy to Folder…, Move to
// Folder…, Delete…, and the moves and uploads of drag and drop. After a change only the
// folders it touched are listed again (FilesBrowser.invalidate), so the tree keeps what is
// expanded and the row the person was on.
import * as vscode from 'vscode';
import { CancelledError } from '../api';
import { MAX_PAGE_SIZE, type AudioStackFilesClient } from '../api/files/client';
import type { StackFile, StackFolder } from '../api/files/model';
import { FILES_VIEW_ID, FilesCommands, FilesEditCommands, type FilesEditCommandId } from '../constants';
import { stackFileMediaKey } from '../media/stackFiles';
import { baseNameLength, stackNameProblem } from '../media/stackNames';
import { ROOT_FOLDER_KEY, type FilesBrowser } from '../model/filesBrowser';
import type { FilesDropActions } from '../tree/filesDragAndDrop';
import { folderNodeId, isFilesTreeNode, type FileNode, type FilesTreeNode, type FolderNode } from '../tree/filesTreeProvider';
import { mapWithConcurrency } from '../util/concurrency';
import { readSettings } from '../util/config';
import { fileCount } from '../util/text';
import { withCancellableProgress } from './cancellableProgress';
import { pickStackFolder, stackEntryTargets, stackFileTargets, type FolderChoice, type StackEntryNode } from './filesTargets';
import { describeFailures, isCancelled, logFailures, notify, shortReason, type Failure } from './outcome';
import { reportError, wrapCommand, type CommandHandler } from './runCommand';
import type { Services } from './services';

/** At most this many files and folders are listed inside the folders one Delete… removes. */
export const MAX_DELETE_ENTRIES = 10_000;
const MAX_DEPTH = 64;
const LISTED_IN_CONFIRMATION = 10;

const where = (path: string): string => (path ? path : 'the top level');
const quoted = (name: string): string => `'${name}'`;
const parentPath = (path: string): string => path.split('/').slice(0, -1).join('/');
const join = (path: string, name: string): string => (path ? `${path}/${name}` : name);

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A short request in the view's own progress bar (a rename, a new folder). */
function inView<T>(task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, task);
}

// ---- finding and showing rows ------------------------------------------------------------

/** The folders from the top level down to `folderId` (itself last), from what is loaded; undefined when it is not loaded. */
function folderChain(browser: FilesBrowser, folderId: string): StackFolder[] | undefined {
  const parents = new Map<string, { folder: StackFolder; parentKey: string }>();
  const pending = [ROOT_FOLDER_KEY];
  while (pending.length > 0) {
    const key = pending.pop() as string;
    for (const folder of browser.contents(key)?.folders ?? []) {
      if (parents.has(folder.folderId)) continue;
      parents.set(folder.folderId, { folder, parentKey: key });
      pending.push(folder.folderId);
    }
  }
  const chain: StackFolder[] = [];
  let key = folderId;
  while (key !== ROOT_FOLDER_KEY) {
    const entry = parents.get(key);
    if (!entry || chain.length > MAX_DEPTH) return undefined;
    chain.unshift(entry.folder);
    key = entry.parentKey;
  }
  return chain;
}

/**
 * Selects and focuses the row `rowId` in the folder `folderKey`, walking the tree's rows down
 * to it (so the tree knows each parent), as the Explorer does after New Folder and Rename.
 */
async function revealRow(services: Services, folderKey: string, rowId: string): Promise<FilesTreeNode | undefined> {
  const { tree, view, browser } = services.files;
  const chain = folderKey === ROOT_FOLDER_KEY ? [] : folderChain(browser, folderKey);
  if (!chain) return undefined;
  let parent: FilesTreeNode | undefined;
  for (const folder of chain) {
    parent = (await tree.getChildren(parent)).find((node) => node.id === folderNodeId(folder.folderId));
    if (!parent) return undefined;
  }
  const row = (await tree.getChildren(parent)).find((node) => node.id === rowId);
  if (!row) return undefined;
  try {
    await view.reveal(row, { select: true, focus: true, expand: false });
  } catch (error) {
    services.logger.debug(`Could not reveal ${rowId}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return row;
}

/** The folder a node stands for: a folder row; for a file, the folder it is in. */
function folderChoiceOf(services: Services, node: FilesTreeNode | undefined): FolderChoice | undefined {
  if (node?.kind === 'folder') return { folderId: node.folder.folderId, path: node.path };
  if (node?.kind === 'file') {
    const key = services.files.browser.keyOf(node.file.folderId);
    return key === ROOT_FOLDER_KEY ? undefined : { folderId: key, path: node.folderPath };
  }
  return undefined;
}

// ---- New Folder… ---------------------------------------------------------------------------

/**
 * `apiAudio.files.newFolder`: on a folder row, creates inside it; from the view title or the
 * palette, asks where with the folder picker.
 */
export async function newFolder(services: Services, ...args: unknown[]): Promise<StackFolder | undefined> {
  const browser = services.files.browser;
  const [node] = args;
  let parent: FolderChoice | undefined;
  if (isFilesTreeNode(node)) parent = folderChoiceOf(services, node) ?? { folderId: browser.contents(ROOT_FOLDER_KEY)?.folderId, path: '' };
  else if (node === undefined || node === null) {
    // The view title passes nothing: like the Explorer, next to the selected row, else at the top.
    const view = services.files.view;
    if (view.visible) parent = folderChoiceOf(services, view.selection[0]) ?? { folderId: browser.contents(ROOT_FOLDER_KEY)?.folderId, path: '' };
    else parent = await pickStackFolder(services, { title: 'New Folder in…', acceptLabel: 'Create the Folder Here' });
  }
  if (!parent) return undefined;
  const key = parent.folderId === undefined ? ROOT_FOLDER_KEY : browser.keyOf(parent.folderId);
  const contents = await browser.load(key);
  if (contents.error) throw new Error(`Could not list ${where(parent.path)} to check the names in it: ${contents.error}`);
  const siblings = contents.folders.map((folder) => folder.folderName);
  const name = await vscode.window.showInputBox({
    title: `New Folder in ${parent.path ? parent.path : 'the Top Level'}`,
    prompt: 'The new folder\'s name (no "/" or "\\")',
    placeHolder: 'Folder name',
    // A name typed into the folder picker before choosing the folder is not lost.
    value: parent.typed,
    validateInput: (value) => stackNameProblem(value, { kind: 'folder', siblings, folderPath: parent.path }),
  });
  if (name === undefined) return undefined;
  const client = await services.files.clients.get();
  const folder = await inView(() => client.createFolder(name.trim(), parent.folderId));
  services.logger.info(`Created the AudioStack folder ${join(parent.path, folder.folderName)} (${folder.folderId}).`);
  await browser.invalidate([key]);
  await revealRow(services, key, folderNodeId(folder.folderId));
  return folder;
}

// ---- Rename… ---------------------------------------------------------------------------------

/** `apiAudio.files.rename` (F2): a file or a folder; the row stays selected under its new name. */
export async function rename(services: Services, ...args: unknown[]): Promise<string | undefined> {
  const [target] = await stackEntryTargets(services, args, { many: false, title: 'Rename an AudioStack Folder or File' });
  if (!target) return undefined;
  const browser = services.files.browser;
  const isFile = target.kind === 'file';
  const name = isFile ? target.file.fileName : target.folder.folderName;
  const id = isFile ? target.file.fileId : target.folder.folderId;
  const parentKey = browser.keyOf(isFile ? target.file.folderId : target.folder.parentFolderId);
  const folderPath = isFile ? target.folderPath : parentPath(target.path);
  const contents = browser.contents(parentKey);
  const siblings = isFile
    ? (contents?.files ?? []).filter((file) => file.fileId !== id).map((file) => file.fileName)
    : (contents?.folders ?? []).filter((folder) => folder.folderId !== id).map((folder) => folder.folderName);
  const value = await vscode.window.showInputBox({
    title: `Rename ${name}`,
    prompt: `A new name for the ${isFile ? 'file' : 'folder'} in ${where(folderPath)}`,
    value: name,
    valueSelection: [0, isFile ? baseNameLength(name) : name.length],
    validateInput: (typed) => stackNameProblem(typed, { kind: isFile ? 'file' : 'folder', siblings, folderPath }),
  });
  if (value === undefined || value.trim() === name) return undefined;
  const newName = value.trim();
  const client = await services.files.clients.get();
  if (isFile) await inView(() => client.renameFile(id, newName));
  else await inView(() => client.renameFolder(id, newName));
  services.logger.info(`Renamed the AudioStack ${isFile ? 'file' : 'folder'} ${id} from ${name} to ${newName}.`);
  await browser.invalidate([parentKey]);
  await revealRow(services, parentKey, target.id);
  return newName;
}

// ---- Copy to Folder… and Move to Folder… ---------------------------------------------------

type TransferMode = 'copy' | 'move';

const WORDS: Readonly<Record<TransferMode, { verb: string; past: string; ing: string; noun: string }>> = {
  copy: { verb: 'copy', past: 'Copied', ing: 'Copying', noun: 'Copy' },
  move: { verb: 'move', past: 'Moved', ing: 'Moving', noun: 'Move' },
};

export interface TransferResult {
  /** The files copied or moved (the copies). */
  done: StackFile[];
  failed: Failure[];
  /** Moves whose copy exists but whose original is still there (the delete failed or was cancelled). */
  copiedOnly: Array<{ name: string; copy: StackFile; error: unknown }>;
  /** Not started or stopped before anything changed, because of Cancel. */
  notDone: string[];
}

interface TransferItem {
  node: FileNode;
  /** 'all': copy (and for a move, delete the original); 'deleteOriginal': a retried move whose copy exists. */
  step: 'all' | 'deleteOriginal';
}

async function copyOrMove(services: Services, mode: TransferMode, args: readonly unknown[]): Promise<TransferResult | undefined> {
  const words = WORDS[mode];
  const targets = await stackFileTargets(services, args, { many: true, title: `${words.noun} AudioStack Files to a Folder`, readyOnly: true });
  if (targets.length === 0) return undefined;
  const browser = services.files.browser;
  const own = new Set(targets.map((target) => browser.keyOf(target.file.folderId)));
  const what = targets.length === 1 ? targets[0].file.fileName : fileCount(targets.length);
  const destination = await pickStackFolder(services, {
    title: `${words.noun} ${what} to…`,
    acceptLabel: `${words.noun} Here`,
    disabled:
      mode === 'move'
        ? (folderId) => (own.has(browser.keyOf(folderId)) ? (targets.length === 1 ? 'the file is already here' : 'some of the files are here') : undefined)
        : undefined,
  });
  if (!destination) return undefined;
  return transferFiles(services, mode, targets, destination);
}

/**
 * Copies or moves files into `destination` (Copy/Move to Folder…, drag and drop) with
 * progress per file and Cancel; a move deletes an original only after its copy is confirmed
 * (the client's moveFile). Reports once, with Retry Failed; lists the touched folders again.
 */
export async function transferFiles(services: Services, mode: TransferMode, targets: readonly FileNode[], destination: FolderChoice): Promise<TransferResult | undefined> {
  const browser = services.files.browser;
  const toId = destination.folderId;
  if (toId === undefined) {
    void vscode.window.showErrorMessage(
      `AudioStack did not name its top-level folder, so files cannot be ${mode === 'move' ? 'moved' : 'copied'} there. Choose a folder inside it.`,
    );
    return undefined;
  }
  const toKey = browser.keyOf(toId);
  const items: TransferItem[] = targets.filter((node) => mode === 'copy' || browser.keyOf(node.file.folderId) !== toKey).map((node) => ({ node, step: 'all' }));
  if (items.length === 0) return undefined;
  return runTransfer(services, mode, items, destination, toId);
}

async function runTransfer(services: Services, mode: TransferMode, items: readonly TransferItem[], destination: FolderChoice, toId: string): Promise<TransferResult> {
  const browser = services.files.browser;
  const words = WORDS[mode];
  const client = await services.files.clients.get();
  const result: TransferResult = { done: [], failed: [], copiedOnly: [], notDone: [] };
  const retry: TransferItem[] = [];
  const total = items.length;
  let finished = 0;
  const title = `${words.ing} ${total === 1 ? items[0].node.file.fileName : fileCount(total)} to ${where(destination.path)}`;
  type Outcome = { ok: true; copy?: StackFile } | { ok: false; error: unknown; copy?: StackFile };
  const outcomes = await withCancellableProgress(title, (signal, progress) =>
    mapWithConcurrency(
      items,
      readSettings().maxConcurrentTransfers,
      async (item): Promise<Outcome> => {
        const { file } = item.node;
        progress.report({ message: `${file.fileName} (${finished + 1} of ${total})` });
        let copy: StackFile | undefined;
        try {
          if (item.step === 'deleteOriginal') {
            await deleteIfThere(client, file.fileId, signal);
          } else if (mode === 'copy') {
            copy = await client.copyFile(file, toId, { signal });
          } else {
            copy = await client.moveFile(file, toId, { signal, onCopied: (made) => (copy = made) });
          }
          return { ok: true, copy };
        } catch (error) {
          return { ok: false, error, copy };
        } finally {
          finished++;
          progress.report({ increment: 100 / total });
        }
      },
      signal,
    ),
  );
  outcomes.forEach((pooled, index) => {
    const item = items[index];
    const name = item.node.file.fileName;
    if (pooled.status !== 'fulfilled') {
      result.notDone.push(name);
      return;
    }
    const outcome = pooled.value;
    if (outcome.ok) {
      if (outcome.copy) result.done.push(outcome.copy);
      else result.done.push(item.node.file);
      services.logger.info(`${words.past} AudioStack file ${item.node.file.fileId} (${name}) to ${where(destination.path)}${outcome.copy ? ` as ${outcome.copy.fileId}` : ''}.`);
      return;
    }
    const copied = outcome.copy ?? (item.step === 'deleteOriginal' ? item.node.file : undefined);
    if (mode === 'move' && copied) {
      result.copiedOnly.push({ name, copy: copied, error: outcome.error });
      if (!isCancelled(outcome.error)) retry.push({ node: item.node, step: 'deleteOriginal' });
      services.logger.warn(`Moving ${name}: the copy ${copied.fileId} is in ${where(destination.path)}, but the original ${item.node.file.fileId} was kept.`);
    } else if (isCancelled(outcome.error)) {
      result.notDone.push(name);
    } else {
      result.failed.push({ name, error: outcome.error });
      retry.push(item);
    }
  });
  logFailures(services, words.ing, [...result.failed, ...result.copiedOnly.filter((entry) => !isCancelled(entry.error))]);
  const touched = [browser.keyOf(toId), ...items.map((item) => browser.keyOf(item.node.file.folderId))];
  await browser.invalidate(mode === 'move' ? touched : touched.slice(0, 1));
  reportTransfer(services, mode, result, total, destination, () => runTransfer(services, mode, retry, destination, toId));
  return result;
}

async function deleteIfThere(client: AudioStackFilesClient, fileId: string, signal: AbortSignal): Promise<void> {
  try {
    await client.deleteFile(fileId, { signal });
  } catch (error) {
    // Already gone (deleted elsewhere): what the person wanted.
    if ((error as { code?: string }).code !== 'not-found') throw error;
  }
}

function reportTransfer(services: Services, mode: TransferMode, result: TransferResult, total: number, destination: FolderChoice, retryFailed: () => Promise<unknown>): void {
  const words = WORDS[mode];
  const place = where(destination.path);
  const { done, failed, copiedOnly, notDone } = result;
  const bothPlaces = copiedOnly.map(
    (entry) =>
      `${entry.name} was copied to ${place}, but its original was kept (${isCancelled(entry.error) ? 'cancelled' : shortReason(entry.error, services.redactor)}): it is in both folders now.`,
  );
  const cancelled = notDone.length > 0 || copiedOnly.some((entry) => isCancelled(entry.error));
  const problems = failed.length + copiedOnly.filter((entry) => !isCancelled(entry.error)).length;
  if (problems === 0 && !cancelled) {
    notify(services, 'info', `${words.past} ${total === 1 && done.length === 1 ? done[0].fileName : fileCount(done.length)} to ${place}.`);
    return;
  }
  const parts: string[] = [];
  if (cancelled) parts.push(`${words.noun} cancelled: ${done.length} of ${fileCount(total)} ${mode === 'move' ? 'moved' : 'copied'} to ${place}.`);
  else if (total === 1 && failed.length === 1) parts.push(`Could not ${words.verb} ${describeFailures(failed, services.redactor)}.`);
  else if (total === 1) parts.push(`Could not finish moving ${copiedOnly[0]?.name ?? ''}.`);
  else parts.push(`${words.past} ${done.length} of ${fileCount(total)} to ${place} — ${problems} failed${failed.length > 0 ? `: ${describeFailures(failed, services.redactor)}` : ''}.`);
  if (cancelled && failed.length > 0) parts.push(`Failed: ${describeFailures(failed, services.redactor)}.`);
  if (cancelled && notDone.length > 0) parts.push(`Not ${mode === 'move' ? 'moved' : 'copied'}: ${notDone.slice(0, 3).join(', ')}${notDone.length > 3 ? ` and ${notDone.length - 3} more` : ''}.`);
  parts.push(...bothPlaces);
  const actions = [{ title: 'Show Log', run: () => services.logger.show() }];
  if (problems > 0) {
    actions.unshift({
      title: total === 1 ? 'Retry' : 'Retry Failed',
      run: () =>
        retryFailed().catch((error: unknown) => {
          if (!isCancelled(error)) reportError(services, `Retrying the ${mode}`, error);
        }),
    });
  }
  notify(services, problems > 0 ? 'error' : 'info', parts.join(' '), actions);
}

/** Drag and drop: files dragged onto a folder move there after a confirmation, as the Explorer asks. */
async function moveDropped(services: Services, files: readonly FileNode[], target: FolderNode | undefined): Promise<TransferResult | undefined> {
  const browser = services.files.browser;
  const destination: FolderChoice = target ? { folderId: target.folder.folderId, path: target.path } : { folderId: browser.contents(ROOT_FOLDER_KEY)?.folderId, path: '' };
  const toKey = destination.folderId === undefined ? ROOT_FOLDER_KEY : browser.keyOf(destination.folderId);
  const moving = files.filter((node) => browser.keyOf(node.file.folderId) !== toKey);
  if (moving.length === 0) return undefined;
  const into = target ? quoted(target.folder.folderName) : 'the top level';
  const confirm = 'Move';
  const answer = await vscode.window.showWarningMessage(
    moving.length === 1 ? `Move ${quoted(moving[0].file.fileName)} into ${into}?` : `Move ${fileCount(moving.length)} into ${into}?`,
    {
      modal: true,
      detail: `AudioStack copies each file into ${where(destination.path)} and deletes the original once the copy is confirmed. The moved files get new file IDs.`,
    },
    confirm,
  );
  if (answer !== confirm) return undefined;
  return transferFiles(services, 'move', moving, destination);
}

/** Drag and drop from the Explorer or the OS: hands the files to the upload command. */
async function uploadDropped(services: Services, target: FolderNode | undefined, uris: vscode.Uri[]): Promise<unknown> {
  services.logger.info(`Dropped ${fileCount(uris.length)} onto ${target ? target.path : 'the top level'} of AudioStack Files: uploading.`);
  return vscode.commands.executeCommand(FilesCommands.upload, target, uris);
}

export function filesDropActions(services: () => Services): FilesDropActions {
  return {
    move: (files, target) => wrapCommand('apiAudio.files (drop to move)', (s) => moveDropped(s, files, target), services())(),
    upload: (target, uris) => wrapCommand('apiAudio.files (drop to upload)', (s) => uploadDropped(s, target, uris), services())(),
  };
}

// ---- Delete… -------------------------------------------------------------------------------

/** What is inside a folder being deleted, from a listing made just before the question. */
interface FolderPlan {
  node: FolderNode;
  /** Files inside, at any depth. */
  files: Array<{ fileId: string; path: string; folderId: string }>;
  /** The folders to delete, deepest first; the folder itself last. */
  folders: Array<{ folderId: string; path: string }>;
}

export interface DeleteOutcome {
  /** Paths of what was deleted ("Music/Beds/calm-pad.wav", "Music/Beds"). */
  deletedFiles: string[];
  deletedFolders: string[];
  /** Why it stopped: undefined when everything was deleted. */
  stopped?: 'cancelled' | { error: unknown; what: string };
}

/** Lists everything inside `node` (subfolders and every page of files), bounded by MAX_DELETE_ENTRIES. */
async function planFolder(client: AudioStackFilesClient, node: FolderNode, signal: AbortSignal, budget: { left: number }): Promise<FolderPlan> {
  const plan: FolderPlan = { node, files: [], folders: [] };
  const visit = async (folderId: string, path: string, depth: number): Promise<void> => {
    if (signal.aborted) throw new CancelledError();
    if (depth > MAX_DEPTH) throw new Error(`${quoted(node.folder.folderName)} has folders more than ${MAX_DEPTH} levels deep: delete its deepest folders first.`);
    const listing = await client.listFolder(folderId, { signal });
    for (let offset = 0; ; ) {
      const page = await client.listFolderFiles(folderId, { limit: MAX_PAGE_SIZE, offset, signal });
      for (const file of page.files) plan.files.push({ fileId: file.fileId, path: join(path, file.fileName), folderId });
      budget.left -= page.files.length;
      const received = page.files.length + page.skipped;
      offset += received;
      if (budget.left < 0) throw new Error(`${quoted(node.folder.folderName)} holds more than ${MAX_DELETE_ENTRIES.toLocaleString('en-US')} files and folders: too many to delete from VS Code. Delete some of the folders inside it first.`);
      if (received < MAX_PAGE_SIZE) break;
    }
    for (const child of listing.folders) {
      budget.left--;
      await visit(child.folderId, join(path, child.folderName), depth + 1);
    }
    plan.folders.push({ folderId, path });
  };
  await visit(node.folder.folderId, node.path, 0);
  return plan;
}

function contentsOf(plan: FolderPlan): string {
  const inside = plan.folders.length - 1;
  if (plan.files.length === 0 && inside === 0) return 'empty';
  return [plan.files.length > 0 ? plural(plan.files.length, 'file') : '', inside > 0 ? plural(inside, 'subfolder') : ''].filter(Boolean).join(' and ');
}

async function confirmDelete(files: readonly FileNode[], plans: readonly FolderPlan[]): Promise<boolean> {
  const nonEmpty = plans.filter((plan) => plan.files.length > 0 || plan.folders.length > 1);
  const confirm = nonEmpty.length === 0 ? 'Delete' : plans.length === 1 ? 'Delete Folder and Its Contents' : 'Delete Folders and Their Contents';
  let message: string;
  let detail: string;
  if (plans.length === 0 && files.length === 1) {
    message = `Delete ${quoted(files[0].file.fileName)} from AudioStack? This cannot be undone.`;
    detail = `File ID ${files[0].file.fileId}. Code that uses this file ID will no longer find it.`;
  } else if (plans.length === 0) {
    message = `Delete ${fileCount(files.length)} from AudioStack? This cannot be undone.`;
    detail = listed(files.map((node) => join(node.folderPath, node.file.fileName)));
  } else if (plans.length === 1 && files.length === 0) {
    const [plan] = plans;
    const name = quoted(plan.node.folder.folderName);
    if (nonEmpty.length === 0) {
      message = `Delete the folder ${name} from AudioStack? This cannot be undone.`;
      detail = `${name} is empty.`;
    } else {
      message = `Delete the folder ${name} and the ${contentsOf(plan)} in it from AudioStack? This cannot be undone.`;
      detail = `${name} holds ${contentsOf(plan)}. AudioStack deletes only empty folders: the files are deleted first, then the folders, deepest first.`;
    }
  } else {
    const what = [files.length > 0 ? fileCount(files.length) : '', plural(plans.length, 'folder')].filter(Boolean).join(' and ');
    message = `Delete ${what} from AudioStack? This cannot be undone.`;
    detail = listed([
      ...plans.map((plan) => `${plan.node.path}/ (${contentsOf(plan)})`),
      ...files.map((node) => join(node.folderPath, node.file.fileName)),
    ]);
    if (nonEmpty.length > 0) detail += '\n\nAudioStack deletes only empty folders: the files are deleted first, then the folders, deepest first.';
  }
  // As api.audio Media's Delete…: the only button is the destructive one, so Escape and
  // the dialog's own Cancel keep everything.
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm)) === confirm;
}

function listed(lines: readonly string[]): string {
  const shown = lines.slice(0, LISTED_IN_CONFIRMATION);
  if (lines.length > shown.length) shown.push(`and ${lines.length - shown.length} more`);
  return shown.join('\n');
}

/**
 * `apiAudio.files.delete` (Delete key): files after one confirmation; a folder after a
 * confirmation that says what is inside (listed just before), its contents deleted first,
 * deepest first. A cancel or a failure stops at once and says what was deleted and what is left.
 */
export async function deleteEntries(services: Services, ...args: unknown[]): Promise<DeleteOutcome | undefined> {
  const targets = await stackEntryTargets(services, args, { many: true, title: 'Delete AudioStack Folders or Files' });
  if (targets.length === 0) return undefined;
  const folders = targets.filter((node): node is FolderNode => node.kind === 'folder');
  // Rows inside a folder being deleted go with it.
  const inside = (path: string) => folders.some((folder) => path === folder.path || path.startsWith(`${folder.path}/`));
  const topFolders = folders.filter((folder) => !folders.some((other) => other !== folder && folder.path.startsWith(`${other.path}/`)));
  const files = targets.filter((node): node is FileNode => node.kind === 'file' && !inside(node.folderPath));
  const client = await services.files.clients.get();
  let plans: FolderPlan[] = [];
  if (topFolders.length > 0) {
    const budget = { left: MAX_DELETE_ENTRIES };
    plans = await withCancellableProgress(
      `Listing what is in ${topFolders.length === 1 ? quoted(topFolders[0].folder.folderName) : plural(topFolders.length, 'folder')}…`,
      async (signal) => {
        const listed: FolderPlan[] = [];
        for (const folder of topFolders) listed.push(await planFolder(client, folder, signal, budget));
        return listed;
      },
    );
  }
  if (!(await confirmDelete(files, plans))) return undefined;
  const outcome = await runDelete(services, client, files, plans);
  await afterDelete(services, targets, files, plans, outcome);
  reportDelete(services, files, plans, outcome);
  return outcome;
}

async function runDelete(services: Services, client: AudioStackFilesClient, files: readonly FileNode[], plans: readonly FolderPlan[]): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deletedFiles: [], deletedFolders: [] };
  const total = files.length + plans.reduce((sum, plan) => sum + plan.files.length + plan.folders.length, 0);
  const title = plans.length === 0
    ? `Deleting ${files.length === 1 ? files[0].file.fileName : fileCount(files.length)}`
    : `Deleting ${plans.length === 1 && files.length === 0 ? quoted(plans[0].node.folder.folderName) : `${plural(plans.length, 'folder')}${files.length ? ` and ${fileCount(files.length)}` : ''}`}`;
  await withCancellableProgress(title, async (signal, progress) => {
    let done = 0;
    const step = (path: string) => {
      done++;
      progress.report({ increment: 100 / total, message: `${path} (${done} of ${total})` });
    };
    /** Deletes a batch of files a few at a time; false when it had to stop. */
    const deleteFiles = async (batch: ReadonlyArray<{ fileId: string; path: string }>): Promise<boolean> => {
      // The first failure stops the batch: files not started yet stay, and are said to.
      let halted = false;
      const results = await mapWithConcurrency(
        batch,
        readSettings().maxConcurrentTransfers,
        async (file) => {
          if (halted) return;
          try {
            await deleteIfThere(client, file.fileId, signal);
          } catch (error) {
            halted = true;
            throw error;
          }
          outcome.deletedFiles.push(file.path);
          services.logger.info(`Deleted the AudioStack file ${file.fileId} (${file.path}).`);
          step(file.path);
        },
        signal,
      );
      results.forEach((result, index) => {
        if (outcome.stopped) return;
        if (result.status === 'skipped' || (result.status === 'rejected' && isCancelled(result.reason))) outcome.stopped = 'cancelled';
        else if (result.status === 'rejected') outcome.stopped = { error: result.reason, what: batch[index].path };
      });
      return outcome.stopped === undefined;
    };
    if (!(await deleteFiles(files.map((node) => ({ fileId: node.file.fileId, path: join(node.folderPath, node.file.fileName) }))))) return;
    for (const plan of plans) {
      for (const folder of plan.folders) {
        if (!(await deleteFiles(plan.files.filter((file) => file.folderId === folder.folderId)))) return;
        if (signal.aborted) {
          outcome.stopped = 'cancelled';
          return;
        }
        try {
          await client.deleteFolder(folder.folderId, { signal });
        } catch (error) {
          if ((error as { code?: string }).code !== 'not-found') {
            outcome.stopped = isCancelled(error) ? 'cancelled' : { error, what: folder.path };
            return;
          }
        }
        outcome.deletedFolders.push(folder.path);
        services.logger.info(`Deleted the AudioStack folder ${folder.folderId} (${folder.path}).`);
        step(folder.path);
      }
    }
  });
  return outcome;
}

async function afterDelete(services: Services, targets: readonly StackEntryNode[], files: readonly FileNode[], plans: readonly FolderPlan[], outcome: DeleteOutcome): Promise<void> {
  const browser = services.files.browser;
  const deletedFolderIds = plans.flatMap((plan) => plan.folders.filter((folder) => outcome.deletedFolders.includes(folder.path)).map((folder) => folder.folderId));
  browser.forget(deletedFolderIds);
  const deletedFileIds = [
    ...files.filter((node) => outcome.deletedFiles.includes(join(node.folderPath, node.file.fileName))).map((node) => node.file.fileId),
    ...plans.flatMap((plan) => plan.files.filter((file) => outcome.deletedFiles.includes(file.path)).map((file) => file.fileId)),
  ];
  // Copies kept for playing would otherwise outlive the files.
  await Promise.all(deletedFileIds.map((fileId) => services.localMedia.forget(stackFileMediaKey(fileId)).catch(() => undefined)));
  const touched = new Set<string>();
  for (const target of targets) touched.add(browser.keyOf(target.kind === 'file' ? target.file.folderId : target.folder.parentFolderId));
  for (const plan of plans) for (const folder of plan.folders) if (!deletedFolderIds.includes(folder.folderId)) touched.add(folder.folderId);
  await browser.invalidate(touched);
}

function reportDelete(services: Services, files: readonly FileNode[], plans: readonly FolderPlan[], outcome: DeleteOutcome): void {
  const { deletedFiles, deletedFolders, stopped } = outcome;
  if (!stopped) {
    const what =
      plans.length === 0
        ? files.length === 1
          ? files[0].file.fileName
          : fileCount(files.length)
        : plans.length === 1 && files.length === 0
          ? `the folder ${quoted(plans[0].node.folder.folderName)}${plans[0].folders.length > 1 || plans[0].files.length > 0 ? ` and the ${contentsOf(plans[0])} in it` : ''}`
          : `${plural(plans.length, 'folder')}${files.length ? ` and ${fileCount(files.length)}` : ''}`;
    vscode.window.setStatusBarMessage(`Deleted ${what} from AudioStack.`, 5000);
    return;
  }
  const why = stopped === 'cancelled' ? 'Deleting was cancelled' : `Deleting stopped: ${stopped.what} could not be deleted (${shortReason(stopped.error, services.redactor)})`;
  const deleted =
    deletedFiles.length + deletedFolders.length === 0
      ? 'Nothing was deleted.'
      : `Deleted ${[deletedFiles.length ? fileCount(deletedFiles.length) : '', deletedFolders.length ? plural(deletedFolders.length, 'folder') : ''].filter(Boolean).join(' and ')}${
          deletedFolders.length ? ` (${deletedFolders.slice(0, 3).join(', ')}${deletedFolders.length > 3 ? ', …' : ''})` : ''
        }.`;
  const left: string[] = [];
  for (const node of files) if (!deletedFiles.includes(join(node.folderPath, node.file.fileName))) left.push(node.file.fileName);
  for (const plan of plans) {
    if (deletedFolders.includes(plan.node.path)) continue;
    const filesLeft = plan.files.filter((file) => !deletedFiles.includes(file.path)).length;
    const foldersLeft = plan.folders.filter((folder) => folder.path !== plan.node.path && !deletedFolders.includes(folder.path)).length;
    const holds = [filesLeft ? plural(filesLeft, 'file') : '', foldersLeft ? plural(foldersLeft, 'subfolder') : ''].filter(Boolean).join(' and ');
    left.push(`the folder ${quoted(plan.node.folder.folderName)}${holds ? ` with ${holds} in it` : ' (empty now)'}`);
  }
  const remains = left.length > 0 ? ` Still on AudioStack: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ` and ${left.length - 5} more` : ''}.` : '';
  if (stopped !== 'cancelled') logFailures(services, 'Deleting', [{ name: stopped.what, error: stopped.error }]);
  notify(services, stopped === 'cancelled' ? 'warning' : 'error', `${why}. ${deleted}${remains}`, [{ title: 'Show Log', run: () => services.logger.show() }]);
}

// ---- registration --------------------------------------------------------------------------

const FILES_EDIT_COMMANDS: Record<FilesEditCommandId, CommandHandler> = {
  [FilesEditCommands.newFolder]: newFolder,
  [FilesEditCommands.rename]: rename,
  [FilesEditCommands.copyToFolder]: (services, ...args) => copyOrMove(services, 'copy', args),
  [FilesEditCommands.moveToFolder]: (services, ...args) => copyOrMove(services, 'move', args),
  [FilesEditCommands.delete]: deleteEntries,
};

export function registerFilesEditCommands(services: Services): vscode.Disposable[] {
  return Object.entries(FILES_EDIT_COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, wrapCommand(id, handler, services)));
}
