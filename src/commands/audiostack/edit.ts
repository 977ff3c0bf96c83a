// The commands that change AudioStack Files: New Folder…, Rename…, Copy to Folder…, Move to
// Folder…, Delete…, and the moves and uploads of drag and drop. After a change only the
// folders it touched are listed again (FilesBrowser.invalidate), so the tree keeps what is
// expanded and the row the person was on.
import * as vscode from 'vscode';
import { CancelledError, isNotFound } from '../../api';
import type { AudioStackFilesClient } from '../../api/audiostack/client';
import type { StackFile, StackFolder } from '../../api/audiostack/model';
import { folderFilePages } from '../../api/audiostack/paging';
import { FILES_VIEW_ID, FilesCommands, FilesEditCommands, type FilesEditCommandId } from '../../constants';
import { stackFileMediaKey } from '../../media/audiostack/stackFiles';
import { baseNameLength, stackNameProblem } from '../../media/audiostack/stackNames';
import { ROOT_FOLDER_KEY } from '../../model/audiostack/filesBrowser';
import type { FilesDropActions } from '../../tree/audiostack/filesDragAndDrop';
import { folderNodeId, isFilesTreeNode, type FileNode, type FilesTreeNode, type FolderNode } from '../../tree/audiostack/filesTreeProvider';
import { mapWithConcurrency } from '../../util/concurrency';
import { readSettings } from '../../util/config';
import { formatCount, formatList, plural } from '../../util/l10nFormat';
import { fileCount, folderCount } from '../../util/text';
import { withCancellableProgress } from '../cancellableProgress';
import { pickStackFolder, stackEntryTargets, stackFileTargets, type FolderChoice, type StackEntryNode } from './targets';
import { describeFailures, firstLines, firstOf, isCancelled, logFailures, notify, shortReason, type Failure } from '../outcome';
import { reportError, wrapCommand, type CommandHandler } from '../runCommand';
import type { Services } from '../services';
import { revealFilesRow } from '../../tree/audiostack/reveal';
import { rowAfterRemoval } from '../../tree/keepPlace';

/** At most this many files and folders are listed inside the folders one Delete… removes. */
export const MAX_DELETE_ENTRIES = 10_000;
const MAX_DEPTH = 64;
const LISTED_IN_CONFIRMATION = 10;

/** A folder's path as a person reads it, or "the top level". */
const where = (path: string): string => (path ? path : vscode.l10n.t('the top level'));
/** The same for the log, which stays English. */
const logWhere = (path: string): string => (path ? path : 'the top level');
const quoted = (name: string): string => `'${name}'`;
const parentPath = (path: string): string => path.split('/').slice(0, -1).join('/');
const join = (path: string, name: string): string => (path ? `${path}/${name}` : name);

/** "1 subfolder", "3 subfolders" in the display language. */
function subfolderCount(count: number): string {
  return plural(vscode.env.language, count, { one: (n) => vscode.l10n.t('{0} subfolder', n), other: (n) => vscode.l10n.t('{0} subfolders', n) });
}

/** Count phrases as a list: "3 files and 2 folders" ("3 Dateien und 2 Ordner"); empty phrases left out. */
function counts(...phrases: string[]): string {
  return formatList(vscode.env.language, phrases.filter(Boolean));
}

/** "name (2 of 5)": the item a progress bar is on. */
function progressStep(name: string, index: number, total: number): string {
  const lang = vscode.env.language;
  return vscode.l10n.t({ message: '{0} ({1} of {2})', args: [name, formatCount(lang, index), formatCount(lang, total)], comment: ['{0} is a file or folder name, {1} its position, {2} how many in all'] });
}

/** The first names of a list, then "and 3 more". */
const someNames = (names: readonly string[], limit: number): string => firstOf(names, limit, (name) => name);

/** A short request in the view's own progress bar (a rename, a new folder). */
function inView<T>(task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, task);
}

// ---- finding and showing rows ------------------------------------------------------------

/**
 * Selects and focuses the row `rowId` in the folder `folderKey`, as the Explorer does after
 * New Folder and Rename.
 */
function revealRow(services: Services, folderKey: string, rowId: string): Promise<FilesTreeNode | undefined> {
  return revealFilesRow(services.files, folderKey, rowId, { focus: true });
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
    else parent = await pickStackFolder(services, { title: vscode.l10n.t('New Folder in…'), acceptLabel: vscode.l10n.t('Create the Folder Here') });
  }
  if (!parent) return undefined;
  const key = parent.folderId === undefined ? ROOT_FOLDER_KEY : browser.keyOf(parent.folderId);
  const contents = await browser.load(key);
  if (contents.error) {
    throw new Error(
      vscode.l10n.t({ message: 'Could not list {0} to check the names in it: {1}', args: [where(parent.path), contents.error], comment: ['{0} is a folder path, {1} an error message'] }),
    );
  }
  const siblings = contents.folders.map((folder) => folder.folderName);
  const name = await vscode.window.showInputBox({
    title: parent.path ? vscode.l10n.t({ message: 'New Folder in {0}', args: [parent.path], comment: ['{0} is a folder path'] }) : vscode.l10n.t('New Folder in the Top Level'),
    prompt: vscode.l10n.t('The new folder\'s name (no "/" or "\\")'),
    placeHolder: vscode.l10n.t('Folder name'),
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
  const [target] = await stackEntryTargets(services, args, { many: false, title: vscode.l10n.t('Rename an AudioStack Folder or File') });
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
    title: vscode.l10n.t({ message: 'Rename {0}', args: [name], comment: ['{0} is a file or folder name'] }),
    prompt: isFile
      ? vscode.l10n.t({ message: 'A new name for the file in {0}', args: [where(folderPath)], comment: ['{0} is a folder path or "the top level"'] })
      : vscode.l10n.t({ message: 'A new name for the folder in {0}', args: [where(folderPath)], comment: ['{0} is a folder path or "the top level"'] }),
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

/** The log's words (the log stays English); what a person reads is in uiWords. */
const WORDS: Readonly<Record<TransferMode, { past: string; ing: string }>> = {
  copy: { past: 'Copied', ing: 'Copying' },
  move: { past: 'Moved', ing: 'Moving' },
};

/** What a person reads of Copy and Move, a whole message per mode. */
function uiWords(mode: TransferMode) {
  const copy = mode === 'copy';
  return {
    pickFiles: copy ? vscode.l10n.t('Copy AudioStack Files to a Folder') : vscode.l10n.t('Move AudioStack Files to a Folder'),
    pickFolder: (what: string) =>
      copy
        ? vscode.l10n.t({ message: 'Copy {0} to…', args: [what], comment: ['{0} is a file name or a count of files'] })
        : vscode.l10n.t({ message: 'Move {0} to…', args: [what], comment: ['{0} is a file name or a count of files'] }),
    here: copy ? vscode.l10n.t('Copy Here') : vscode.l10n.t('Move Here'),
    noRoot: copy
      ? vscode.l10n.t('AudioStack did not name its top-level folder, so files cannot be copied there. Choose a folder inside it.')
      : vscode.l10n.t('AudioStack did not name its top-level folder, so files cannot be moved there. Choose a folder inside it.'),
    progress: (what: string, place: string) =>
      copy
        ? vscode.l10n.t({ message: 'Copying {0} to {1}', args: [what, place], comment: ['{0} is a file name or a count of files, {1} a folder path'] })
        : vscode.l10n.t({ message: 'Moving {0} to {1}', args: [what, place], comment: ['{0} is a file name or a count of files, {1} a folder path'] }),
    done: (what: string, place: string) =>
      copy
        ? vscode.l10n.t({ message: 'Copied {0} to {1}.', args: [what, place], comment: ['{0} is a file name or a count of files, {1} a folder path'] })
        : vscode.l10n.t({ message: 'Moved {0} to {1}.', args: [what, place], comment: ['{0} is a file name or a count of files, {1} a folder path'] }),
    cancelled: (done: string, total: string, place: string) =>
      copy
        ? vscode.l10n.t({ message: 'Copy cancelled: {0} of {1} copied to {2}.', args: [done, total, place], comment: ['{0} is a count, {1} a count of files ("3 files"), {2} a folder path'] })
        : vscode.l10n.t({ message: 'Move cancelled: {0} of {1} moved to {2}.', args: [done, total, place], comment: ['{0} is a count, {1} a count of files ("3 files"), {2} a folder path'] }),
    couldNot: (failures: string) =>
      copy
        ? vscode.l10n.t({ message: 'Could not copy {0}.', args: [failures], comment: ['{0} is a file name with the reason in parentheses'] })
        : vscode.l10n.t({ message: 'Could not move {0}.', args: [failures], comment: ['{0} is a file name with the reason in parentheses'] }),
    partly: (done: string, total: string, place: string, problems: string) =>
      copy
        ? vscode.l10n.t({ message: 'Copied {0} of {1} to {2} — {3} failed.', args: [done, total, place, problems], comment: ['{0} and {3} are counts, {1} a count of files ("3 files"), {2} a folder path'] })
        : vscode.l10n.t({ message: 'Moved {0} of {1} to {2} — {3} failed.', args: [done, total, place, problems], comment: ['{0} and {3} are counts, {1} a count of files ("3 files"), {2} a folder path'] }),
    partlyBecause: (done: string, total: string, place: string, problems: string, failures: string) =>
      copy
        ? vscode.l10n.t({
            message: 'Copied {0} of {1} to {2} — {3} failed: {4}.',
            args: [done, total, place, problems, failures],
            comment: ['{0} and {3} are counts, {1} a count of files ("3 files"), {2} a folder path, {4} file names with reasons'],
          })
        : vscode.l10n.t({
            message: 'Moved {0} of {1} to {2} — {3} failed: {4}.',
            args: [done, total, place, problems, failures],
            comment: ['{0} and {3} are counts, {1} a count of files ("3 files"), {2} a folder path, {4} file names with reasons'],
          }),
    notDone: (names: string) =>
      copy
        ? vscode.l10n.t({ message: 'Not copied: {0}.', args: [names], comment: ['{0} is a list of file names'] })
        : vscode.l10n.t({ message: 'Not moved: {0}.', args: [names], comment: ['{0} is a list of file names'] }),
  };
}

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
  const words = uiWords(mode);
  const targets = await stackFileTargets(services, args, { many: true, title: words.pickFiles, readyOnly: true });
  if (targets.length === 0) return undefined;
  const browser = services.files.browser;
  const own = new Set(targets.map((target) => browser.keyOf(target.file.folderId)));
  const what = targets.length === 1 ? targets[0].file.fileName : fileCount(targets.length);
  const destination = await pickStackFolder(services, {
    title: words.pickFolder(what),
    acceptLabel: words.here,
    disabled:
      mode === 'move'
        ? (folderId) =>
            own.has(browser.keyOf(folderId)) ? (targets.length === 1 ? vscode.l10n.t('the file is already here') : vscode.l10n.t('some of the files are here')) : undefined
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
    void vscode.window.showErrorMessage(uiWords(mode).noRoot);
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
  const title = uiWords(mode).progress(total === 1 ? items[0].node.file.fileName : fileCount(total), where(destination.path));
  type Outcome = { ok: true; copy?: StackFile } | { ok: false; error: unknown; copy?: StackFile };
  const outcomes = await withCancellableProgress(title, (signal, progress) =>
    mapWithConcurrency(
      items,
      readSettings().maxConcurrentTransfers,
      async (item): Promise<Outcome> => {
        const { file } = item.node;
        progress.report({ message: progressStep(file.fileName, finished + 1, total) });
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
      services.logger.info(`${words.past} AudioStack file ${item.node.file.fileId} (${name}) to ${logWhere(destination.path)}${outcome.copy ? ` as ${outcome.copy.fileId}` : ''}.`);
      return;
    }
    const copied = outcome.copy ?? (item.step === 'deleteOriginal' ? item.node.file : undefined);
    if (mode === 'move' && copied) {
      result.copiedOnly.push({ name, copy: copied, error: outcome.error });
      if (!isCancelled(outcome.error)) retry.push({ node: item.node, step: 'deleteOriginal' });
      services.logger.warn(`Moving ${name}: the copy ${copied.fileId} is in ${logWhere(destination.path)}, but the original ${item.node.file.fileId} was kept.`);
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
    if (!isNotFound(error)) throw error;
  }
}

function reportTransfer(services: Services, mode: TransferMode, result: TransferResult, total: number, destination: FolderChoice, retryFailed: () => Promise<unknown>): void {
  const words = uiWords(mode);
  const lang = vscode.env.language;
  const place = where(destination.path);
  const { done, failed, copiedOnly, notDone } = result;
  const bothPlaces = copiedOnly.map((entry) =>
    vscode.l10n.t({
      message: '{0} was copied to {1}, but its original was kept ({2}): it is in both folders now.',
      args: [entry.name, place, isCancelled(entry.error) ? vscode.l10n.t('cancelled') : shortReason(entry.error, services.redactor)],
      comment: ['{0} is a file name, {1} a folder path, {2} why the original was kept'],
    }),
  );
  const cancelled = notDone.length > 0 || copiedOnly.some((entry) => isCancelled(entry.error));
  const problems = failed.length + copiedOnly.filter((entry) => !isCancelled(entry.error)).length;
  if (problems === 0 && !cancelled) {
    notify(services, 'info', words.done(total === 1 && done.length === 1 ? done[0].fileName : fileCount(done.length), place));
    return;
  }
  const parts: string[] = [];
  const doneCount = formatCount(lang, done.length);
  if (cancelled) parts.push(words.cancelled(doneCount, fileCount(total), place));
  else if (total === 1 && failed.length === 1) parts.push(words.couldNot(describeFailures(failed, services.redactor)));
  else if (total === 1) parts.push(vscode.l10n.t({ message: 'Could not finish moving {0}.', args: [copiedOnly[0]?.name ?? ''], comment: ['{0} is a file name'] }));
  else if (failed.length > 0) parts.push(words.partlyBecause(doneCount, fileCount(total), place, formatCount(lang, problems), describeFailures(failed, services.redactor)));
  else parts.push(words.partly(doneCount, fileCount(total), place, formatCount(lang, problems)));
  if (cancelled && failed.length > 0) parts.push(vscode.l10n.t({ message: 'Failed: {0}.', args: [describeFailures(failed, services.redactor)], comment: ['{0} is file names with reasons'] }));
  if (cancelled && notDone.length > 0) parts.push(words.notDone(someNames(notDone, 3)));
  parts.push(...bothPlaces);
  const actions = [{ title: vscode.l10n.t('Show Log'), run: () => services.logger.show() }];
  if (problems > 0) {
    actions.unshift({
      title: total === 1 ? vscode.l10n.t('Retry') : vscode.l10n.t('Retry Failed'),
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
  const into = target ? quoted(target.folder.folderName) : vscode.l10n.t('the top level');
  const confirm = vscode.l10n.t('Move');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t({
      message: 'Move {0} into {1}?',
      args: [moving.length === 1 ? quoted(moving[0].file.fileName) : fileCount(moving.length), into],
      comment: ['{0} is a quoted file name or a count of files, {1} a quoted folder name or "the top level"'],
    }),
    {
      modal: true,
      detail: vscode.l10n.t({
        message: 'AudioStack copies each file into {0} and deletes the original once the copy is confirmed. The moved files get new file IDs.',
        args: [where(destination.path)],
        comment: ['{0} is a folder path or "the top level"'],
      }),
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
    if (depth > MAX_DEPTH) {
      throw new Error(
        vscode.l10n.t({
          message: '{0} has folders more than {1} levels deep: delete its deepest folders first.',
          args: [quoted(node.folder.folderName), formatCount(vscode.env.language, MAX_DEPTH)],
          comment: ['{0} is a quoted folder name, {1} a number'],
        }),
      );
    }
    const listing = await client.listFolder(folderId, { signal });
    // Every entry a page held counts (unusable ones too): a server may never send a short page.
    for await (const page of folderFilePages(client, folderId, { signal })) {
      for (const file of page.files) plan.files.push({ fileId: file.fileId, path: join(path, file.fileName), folderId });
      budget.left -= page.received;
      if (budget.left < 0) {
        throw new Error(
          vscode.l10n.t({
            message: '{0} holds more than {1} files and folders: too many to delete from VS Code. Delete some of the folders inside it first.',
            args: [quoted(node.folder.folderName), formatCount(vscode.env.language, MAX_DELETE_ENTRIES)],
            comment: ['{0} is a quoted folder name, {1} a number'],
          }),
        );
      }
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
  if (plan.files.length === 0 && inside === 0) return vscode.l10n.t('empty');
  return counts(plan.files.length > 0 ? fileCount(plan.files.length) : '', inside > 0 ? subfolderCount(inside) : '');
}

async function confirmDelete(files: readonly FileNode[], plans: readonly FolderPlan[]): Promise<boolean> {
  const nonEmpty = plans.filter((plan) => plan.files.length > 0 || plan.folders.length > 1);
  const confirm =
    nonEmpty.length === 0
      ? vscode.l10n.t('Delete')
      : plans.length === 1
        ? vscode.l10n.t('Delete Folder and Its Contents')
        : vscode.l10n.t('Delete Folders and Their Contents');
  const deleteWhat = (what: string): string =>
    vscode.l10n.t({ message: 'Delete {0} from AudioStack? This cannot be undone.', args: [what], comment: ['{0} is a quoted file name or counts of files and folders'] });
  const onlyEmpty = vscode.l10n.t('AudioStack deletes only empty folders: the files are deleted first, then the folders, deepest first.');
  let message: string;
  let detail: string;
  if (plans.length === 0 && files.length === 1) {
    message = deleteWhat(quoted(files[0].file.fileName));
    detail = vscode.l10n.t({ message: 'File ID {0}. Code that uses this file ID will no longer find it.', args: [files[0].file.fileId], comment: ['{0} is an AudioStack file ID'] });
  } else if (plans.length === 0) {
    message = deleteWhat(fileCount(files.length));
    detail = listed(files.map((node) => join(node.folderPath, node.file.fileName)));
  } else if (plans.length === 1 && files.length === 0) {
    const [plan] = plans;
    const name = quoted(plan.node.folder.folderName);
    if (nonEmpty.length === 0) {
      message = vscode.l10n.t({ message: 'Delete the folder {0} from AudioStack? This cannot be undone.', args: [name], comment: ['{0} is a quoted folder name'] });
      detail = vscode.l10n.t({ message: '{0} is empty.', args: [name], comment: ['{0} is a quoted folder name'] });
    } else {
      message = vscode.l10n.t({
        message: 'Delete the folder {0} and the {1} in it from AudioStack? This cannot be undone.',
        args: [name, contentsOf(plan)],
        comment: ['{0} is a quoted folder name, {1} counts of files and subfolders ("3 files and 2 subfolders")'],
      });
      detail = vscode.l10n.t({
        message: '{0} holds {1}. AudioStack deletes only empty folders: the files are deleted first, then the folders, deepest first.',
        args: [name, contentsOf(plan)],
        comment: ['{0} is a quoted folder name, {1} counts of files and subfolders ("3 files and 2 subfolders")'],
      });
    }
  } else {
    message = deleteWhat(counts(files.length > 0 ? fileCount(files.length) : '', folderCount(plans.length)));
    detail = listed([
      ...plans.map((plan) => `${plan.node.path}/ (${contentsOf(plan)})`),
      ...files.map((node) => join(node.folderPath, node.file.fileName)),
    ]);
    if (nonEmpty.length > 0) detail += `\n\n${onlyEmpty}`;
  }
  // As api.audio Media's Delete…: the only button is the destructive one, so Escape and
  // the dialog's own Cancel keep everything.
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm)) === confirm;
}

const listed = (lines: readonly string[]): string => firstLines(lines, LISTED_IN_CONFIRMATION);

/**
 * `apiAudio.files.delete` (Delete key): files after one confirmation; a folder after a
 * confirmation that says what is inside (listed just before), its contents deleted first,
 * deepest first. A cancel or a failure stops at once and says what was deleted and what is left.
 */
export async function deleteEntries(services: Services, ...args: unknown[]): Promise<DeleteOutcome | undefined> {
  const targets = await stackEntryTargets(services, args, { many: true, title: vscode.l10n.t('Delete AudioStack Folders or Files') });
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
      vscode.l10n.t({
        message: 'Listing what is in {0}…',
        args: [topFolders.length === 1 ? quoted(topFolders[0].folder.folderName) : folderCount(topFolders.length)],
        comment: ['{0} is a quoted folder name or a count of folders'],
      }),
      async (signal) => {
        const listed: FolderPlan[] = [];
        for (const folder of topFolders) listed.push(await planFolder(client, folder, signal, budget));
        return listed;
      },
    );
  }
  if (!(await confirmDelete(files, plans))) return undefined;
  // Read before anything goes: the rows around the one the command was given (the focused row, from the view).
  // From the Delete key the row comes as [focused row] (package.json's keybinding), from a menu as the row.
  const given = Array.isArray(args[0]) ? args[0][0] : args[0];
  const place = isFilesTreeNode(given) ? await rowsAround(services, given) : undefined;
  const outcome = await runDelete(services, client, files, plans);
  await afterDelete(services, targets, files, plans, outcome);
  reportDelete(services, files, plans, outcome);
  if (place) await keepPlace(services, place, outcome, files, plans);
  return outcome;
}

/** The rows shown beside `node` in its folder, and that folder's key. */
async function rowsAround(services: Services, node: FilesTreeNode): Promise<{ folderKey: string; rows: FilesTreeNode[] }> {
  const { tree, browser } = services.files;
  const parent = tree.getParent(node);
  const folderKey = parent?.kind === 'folder' ? parent.folder.folderId : ROOT_FOLDER_KEY;
  return { folderKey: browser.keyOf(folderKey === ROOT_FOLDER_KEY ? undefined : folderKey), rows: await tree.getChildren(parent) };
}

/** Selects and focuses the row that took the deleted rows' place, as the Explorer does after Delete. */
async function keepPlace(services: Services, place: { folderKey: string; rows: FilesTreeNode[] }, outcome: DeleteOutcome, files: readonly FileNode[], plans: readonly FolderPlan[]): Promise<void> {
  const gone = new Set([
    ...files.filter((node) => outcome.deletedFiles.includes(join(node.folderPath, node.file.fileName))).map((node) => node.id),
    ...plans.filter((plan) => outcome.deletedFolders.includes(plan.node.path)).map((plan) => plan.node.id),
  ]);
  const next = rowAfterRemoval(place.rows.filter((row) => row.kind === 'file' || row.kind === 'folder'), (row) => gone.has(row.id));
  if (next) await revealFilesRow(services.files, place.folderKey, next.id, { focus: true });
}

async function runDelete(services: Services, client: AudioStackFilesClient, files: readonly FileNode[], plans: readonly FolderPlan[]): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deletedFiles: [], deletedFolders: [] };
  const total = files.length + plans.reduce((sum, plan) => sum + plan.files.length + plan.folders.length, 0);
  const what =
    plans.length === 0
      ? files.length === 1
        ? files[0].file.fileName
        : fileCount(files.length)
      : plans.length === 1 && files.length === 0
        ? quoted(plans[0].node.folder.folderName)
        : counts(folderCount(plans.length), files.length ? fileCount(files.length) : '');
  const title = vscode.l10n.t({ message: 'Deleting {0}', args: [what], comment: ['{0} is a file or quoted folder name, or counts of files and folders'] });
  await withCancellableProgress(title, async (signal, progress) => {
    let done = 0;
    const step = (path: string) => {
      done++;
      progress.report({ increment: 100 / total, message: progressStep(path, done, total) });
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
          if (!isNotFound(error)) {
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
    let message: string;
    if (plans.length === 1 && files.length === 0) {
      const name = quoted(plans[0].node.folder.folderName);
      message =
        plans[0].folders.length > 1 || plans[0].files.length > 0
          ? vscode.l10n.t({
              message: 'Deleted the folder {0} and the {1} in it from AudioStack.',
              args: [name, contentsOf(plans[0])],
              comment: ['{0} is a quoted folder name, {1} counts of files and subfolders ("3 files and 2 subfolders")'],
            })
          : vscode.l10n.t({ message: 'Deleted the folder {0} from AudioStack.', args: [name], comment: ['{0} is a quoted folder name'] });
    } else {
      const what =
        plans.length === 0 ? (files.length === 1 ? files[0].file.fileName : fileCount(files.length)) : counts(folderCount(plans.length), files.length ? fileCount(files.length) : '');
      message = vscode.l10n.t({ message: 'Deleted {0} from AudioStack.', args: [what], comment: ['{0} is a file name or counts of files and folders'] });
    }
    vscode.window.setStatusBarMessage(message, 5000);
    return;
  }
  const why =
    stopped === 'cancelled'
      ? vscode.l10n.t('Deleting was cancelled.')
      : vscode.l10n.t({
          message: 'Deleting stopped: {0} could not be deleted ({1}).',
          args: [stopped.what, shortReason(stopped.error, services.redactor)],
          comment: ['{0} is a file or folder path, {1} the reason'],
        });
  const deletedCounts = counts(deletedFiles.length ? fileCount(deletedFiles.length) : '', deletedFolders.length ? folderCount(deletedFolders.length) : '');
  const deleted =
    deletedFiles.length + deletedFolders.length === 0
      ? vscode.l10n.t('Nothing was deleted.')
      : deletedFolders.length
        ? vscode.l10n.t({
            message: 'Deleted {0} ({1}).',
            args: [deletedCounts, `${deletedFolders.slice(0, 3).join(', ')}${deletedFolders.length > 3 ? ', …' : ''}`],
            comment: ['{0} is counts of files and folders, {1} the folders\' paths'],
          })
        : vscode.l10n.t({ message: 'Deleted {0}.', args: [deletedCounts], comment: ['{0} is counts of files and folders'] });
  const left: string[] = [];
  for (const node of files) if (!deletedFiles.includes(join(node.folderPath, node.file.fileName))) left.push(node.file.fileName);
  for (const plan of plans) {
    if (deletedFolders.includes(plan.node.path)) continue;
    const filesLeft = plan.files.filter((file) => !deletedFiles.includes(file.path)).length;
    const foldersLeft = plan.folders.filter((folder) => folder.path !== plan.node.path && !deletedFolders.includes(folder.path)).length;
    const holds = counts(filesLeft ? fileCount(filesLeft) : '', foldersLeft ? subfolderCount(foldersLeft) : '');
    const name = quoted(plan.node.folder.folderName);
    left.push(
      holds
        ? vscode.l10n.t({ message: 'the folder {0} with {1} in it', args: [name, holds], comment: ['{0} is a quoted folder name, {1} counts of files and subfolders'] })
        : vscode.l10n.t({ message: 'the folder {0} (empty now)', args: [name], comment: ['{0} is a quoted folder name'] }),
    );
  }
  const parts = [why, deleted];
  if (left.length > 0) parts.push(vscode.l10n.t({ message: 'Still on AudioStack: {0}.', args: [someNames(left, 5)], comment: ['{0} is a list of file names and folders'] }));
  if (stopped !== 'cancelled') logFailures(services, 'Deleting', [{ name: stopped.what, error: stopped.error }]);
  notify(services, stopped === 'cancelled' ? 'warning' : 'error', parts.join(' '), [{ title: vscode.l10n.t('Show Log'), run: () => services.logger.show() }]);
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
