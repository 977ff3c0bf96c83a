// `apiAudio.files.upload`: local audio files into an AudioStack folder. One command for
// every entry point; its arguments say where it came from:
//   (uri, uris)            Explorer / editor: the files are known, the folder is picked
//   (folderNode)           a folder row (menu, inline button) or the view title: the files are picked
//   (folderNode, uris)     files dropped on a folder: nothing is asked
//   ()                     the palette: the files, then the folder
// The checks, the bounded concurrency, the progress and the summary are api.audio's upload's.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProcessingError } from '../../api';
import { FILES_UPLOAD_TYPES } from '../../api/audiostack/client';
import type { StackFile } from '../../api/audiostack/model';
import { numberedFileName } from '../../api/fileName';
import { FILES_VIEW_ID, FilesCommands } from '../../constants';
import { ROOT_FOLDER_KEY } from '../../model/audiostack/filesBrowser';
import { fileNodeId, isFilesTreeNode, type FilesTreeNode } from '../../tree/audiostack/filesTreeProvider';
import { whenVisible } from '../../tree/viewChrome';
import { fileCount } from '../../util/text';
import { currentService } from '../serviceChoice';
import { pickStackFolder, type FolderChoice } from './targets';
import { isCancelled, logFailures, notify, type Failure } from '../outcome';
import { ConflictResolver } from '../prompts';
import { wrapCommand, type CommandHandler } from '../runCommand';
import { runTransfers } from '../runTransfers';
import type { Services } from '../services';
import { collectUploadPaths, listExtensions, reportUploads, type UploadAccepts } from '../upload';
import { revealFilesRow } from '../../tree/audiostack/reveal';
import { readSettings } from '../../util/config';

/** What AudioStack Files takes (the client's list: checked again there before any request). */
export const AUDIOSTACK_ACCEPTS: UploadAccepts = { service: 'AudioStack', extensions: Object.keys(FILES_UPLOAD_TYPES) };

/** The status a file's progress shows once its bytes arrived. */
const processingStatus = (): string => vscode.l10n.t('processing on AudioStack…');

export interface FilesUploadResult {
  uploaded: StackFile[];
  /** Uploaded, but AudioStack had not finished processing them when the wait ended. */
  stillProcessing: string[];
  /** Names the person chose to skip (they already existed). */
  skipped: string[];
  failed: Failure[];
}

interface PlannedUpload {
  path: string;
  /** The name on AudioStack (a free "name (1).wav" for Keep Both). */
  name: string;
  /** Files of the same name to delete once this one is uploaded (Replace). */
  replaces: StackFile[];
  /** The file on AudioStack once its bytes arrived (shown as processing). */
  created?: StackFile;
}

/** The command's handler (see the top of this file for its arguments). */
export async function uploadToStack(services: Services, first?: unknown, second?: unknown): Promise<FilesUploadResult | undefined> {
  if (isFilesTreeNode(first) && first.kind !== 'filesMore' && first.kind !== 'filesMessage') {
    const target = folderOfRow(first);
    const uris = isUriList(second) ? second : await pickLocalFiles(target);
    if (!uris) return undefined;
    const paths = await collectUploadPaths(uris, AUDIOSTACK_ACCEPTS);
    return paths ? uploadPaths(services, paths, target) : undefined;
  }
  const uris = first instanceof vscode.Uri ? (isUriList(second) ? second : [first]) : await pickLocalFiles(undefined);
  if (!uris) return undefined;
  // Refused types are said before the folder is asked for, and before any request.
  const paths = await collectUploadPaths(uris, AUDIOSTACK_ACCEPTS);
  if (!paths) return undefined;
  const target = await pickStackFolder(services, {
    title: vscode.l10n.t({
      message: 'Upload {0} to AudioStack',
      args: [paths.length === 1 ? path.basename(paths[0]) : fileCount(paths.length)],
      comment: ['{0} is a file name or a count of files'],
    }),
    acceptLabel: vscode.l10n.t('Upload Here'),
    startAt: selectedFolder(services),
  });
  return target ? uploadPaths(services, paths, target) : undefined;
}

/**
 * Uploads checked local files into `target`, asking about names that exist there; reports
 * once. `retrying`: the files AudioStack could not process in the attempt being retried,
 * replaced without a question (they hold nothing usable).
 */
export async function uploadPaths(
  services: Services,
  paths: readonly string[],
  target: FolderChoice,
  retrying: readonly StackFile[] = [],
): Promise<FilesUploadResult | undefined> {
  const client = await services.files.clients.get();
  const browser = services.files.browser;
  const key = target.path === '' ? ROOT_FOLDER_KEY : (target.folderId ?? ROOT_FOLDER_KEY);
  const contents = await browser.load(key);
  const folderId = key === ROOT_FOLDER_KEY ? (target.folderId ?? contents.folderId) : key;
  const where = target.path || vscode.l10n.t('the top level of AudioStack Files');
  const result: FilesUploadResult = { uploaded: [], stillProcessing: [], skipped: [], failed: [] };

  const plan = await planNames(paths, contents.files, where, retrying);
  if (!plan) return undefined;
  result.skipped.push(...plan.skipped);
  const uploads = plan.uploads;
  if (uploads.length === 0) return result;

  /** The first file is revealed as soon as it shows (as processing); the command ends after. */
  let revealing: Promise<void> | undefined;
  let cancelled = false;
  const notReplaced: string[] = [];
  const outcomes = await runTransfers(
    vscode.l10n.t({
      message: 'Uploading {0} to {1}',
      args: [uploads.length === 1 ? uploads[0].name : fileCount(uploads.length), where],
      comment: ['{0} is a file name or a count of files, {1} a folder path'],
    }),
    uploads,
    (upload) => upload.name,
    async (upload, signal, onProgress, onStatus) => {
      let size: number | undefined;
      const file = await client.upload(upload.path, {
        folderId,
        fileName: upload.name,
        signal,
        processingTimeoutMs: readSettings().processingTimeoutMs,
        onProgress: (progress) => {
          size = progress.total ?? progress.transferred;
          onProgress(progress);
        },
        onProcessing: ({ fileId, fileName }) => {
          onStatus(processingStatus());
          upload.created = processingFile(fileId, fileName, folderId, size, upload.path);
          browser.putLoadedFile(key, upload.created);
          revealing ??= revealStackFile(services, key, fileId).catch((error: unknown) =>
            services.logger.warn(`Could not reveal the uploaded file in the AudioStack Files view: ${error instanceof Error ? error.message : String(error)}`),
          );
        },
      });
      browser.putLoadedFile(key, file);
      services.logger.info(`Uploaded ${upload.path} to AudioStack folder ${target.path || '(top level)'} as ${file.fileId}.`);
      // Replace: the older file goes only now that the new one is uploaded and processed.
      for (const old of upload.replaces) {
        try {
          await client.deleteFile(old.fileId);
          browser.removeLoadedFile(key, old.fileId);
          services.logger.info(`Deleted the older ${old.fileName} (${old.fileId}) it replaces.`);
        } catch (error) {
          services.logger.error(`Deleting the older ${old.fileName} (${old.fileId}) failed: ${error instanceof Error ? error.message : String(error)}`);
          notReplaced.push(old.fileName);
        }
      }
      return file;
    },
  );
  await revealing;
  outcomes.forEach((outcome, index) => {
    const upload = uploads[index];
    if (outcome.status === 'fulfilled') {
      result.uploaded.push(outcome.value);
    } else if (outcome.status === 'skipped' || isCancelled(outcome.reason)) {
      cancelled = true;
      if (upload.created) result.stillProcessing.push(upload.name);
    } else if (outcome.reason instanceof ProcessingError && outcome.reason.detail.stillProcessing) {
      result.stillProcessing.push(upload.name);
      services.logger.warn(outcome.reason.message);
    } else {
      // A file AudioStack could not process stays in its folder as failed, as the service has it.
      if (upload.created && outcome.reason instanceof ProcessingError) browser.putLoadedFile(key, { ...upload.created, status: 'failed' });
      result.failed.push({ name: upload.name, error: outcome.reason, path: upload.path });
    }
  });

  // Selected again as it ends: a refresh of the folder may have taken the first selection.
  const first = result.uploaded[0];
  if (first) await revealStackFile(services, key, first.fileId).catch((error: unknown) => services.logger.warn(`Could not reveal ${first.fileName}: ${error instanceof Error ? error.message : String(error)}`));
  logFailures(services, 'Uploading', result.failed);
  const failedRecords = uploads.filter((upload) => upload.created && result.failed.some((failure) => failure.path === upload.path)).map((upload) => upload.created as StackFile);
  const failedPaths = result.failed.map((failure) => failure.path as string);
  reportUploads(services, {
    uploaded: result.uploaded.map((file) => ({ name: file.fileName, id: file.fileId })),
    failed: result.failed,
    total: uploads.length,
    cancelled,
    service: 'AudioStack',
    folder: where,
    retry: () => uploadPaths(services, failedPaths, target, failedRecords),
  });
  reportLeftovers(services, result.stillProcessing, notReplaced, where, cancelled, () => browser.retry(key));
  return result;
}

/**
 * The name each file gets in the folder. A name the folder already has (among its loaded
 * files: a folder's later pages are not listed for this) asks Keep Both / Skip / Replace;
 * two of the chosen files with one name get numbered names. Undefined: nothing to do.
 */
async function planNames(
  paths: readonly string[],
  loaded: readonly StackFile[],
  where: string,
  retrying: readonly StackFile[],
): Promise<{ uploads: PlannedUpload[]; skipped: string[] } | undefined> {
  const failedBefore = new Set(retrying.map((file) => file.fileId));
  const existing = loaded.filter((file) => !failedBefore.has(file.fileId));
  const taken = new Set(existing.map((file) => file.fileName));
  const freeName = (name: string): string => {
    for (let n = 1; ; n++) {
      const candidate = numberedFileName(name, n);
      if (!taken.has(candidate)) return candidate;
    }
  };
  const conflicts = new ConflictResolver(paths.length > 1, {
    replace: 'replace',
    question: (name) => ({
      message: vscode.l10n.t({ message: '{0} already exists in {1}.', args: [name, where], comment: ['{0} is a file name, {1} a folder path'] }),
      detail: vscode.l10n.t({
        message: 'Keep Both uploads it as {0}, Skip leaves the file on AudioStack as it is, Replace uploads it and then deletes the existing one.',
        args: [freeName(name)],
        comment: ['{0} is a file name; Keep Both, Skip and Replace are the buttons'],
      }),
    }),
  });
  const uploads: PlannedUpload[] = [];
  const skipped: string[] = [];
  const chosen = new Set<string>();
  for (const file of paths) {
    const name = path.basename(file);
    const same = existing.filter((other) => other.fileName === name);
    if (same.length === 0) {
      const unique = chosen.has(name) ? freeName(name) : name;
      taken.add(unique);
      chosen.add(unique);
      uploads.push({ path: file, name: unique, replaces: unique === name ? retrying.filter((failed) => failed.fileName === name) : [] });
      continue;
    }
    const answer = await conflicts.resolve(name);
    if (answer === 'skip') {
      skipped.push(name);
    } else if (answer === 'rename') {
      const unique = freeName(name);
      taken.add(unique);
      chosen.add(unique);
      uploads.push({ path: file, name: unique, replaces: [] });
    } else if (chosen.has(name)) {
      // Two chosen files would replace the same one: the second is kept beside it.
      const unique = freeName(name);
      taken.add(unique);
      uploads.push({ path: file, name: unique, replaces: [] });
    } else {
      chosen.add(name);
      uploads.push({ path: file, name, replaces: same });
    }
  }
  return uploads.length > 0 || skipped.length > 0 ? { uploads, skipped } : undefined;
}

/** Files that reached AudioStack but are not done yet, and older files Replace could not delete. */
function reportLeftovers(services: Services, stillProcessing: readonly string[], notReplaced: readonly string[], where: string, cancelled: boolean, refresh: () => Promise<void>): void {
  const refreshAction = { title: vscode.l10n.t('Refresh'), run: refresh };
  if (stillProcessing.length > 0) {
    const names = stillProcessing.join(', ');
    notify(
      services,
      'warning',
      cancelled
        ? vscode.l10n.t({
            message: 'Upload cancelled, but {0} had already reached AudioStack and stays in {1} (still processing). Delete it there if you do not want it.',
            args: [names, where],
            comment: ['{0} is file names, {1} a folder path'],
          })
        : vscode.l10n.t({
            message: '{0} reached AudioStack but is still processing there, so it shows as processing in {1}. Refresh the folder in a while to see it ready.',
            args: [names, where],
            comment: ['{0} is file names, {1} a folder path'],
          }),
      [refreshAction],
    );
  }
  if (notReplaced.length > 0) {
    notify(
      services,
      'warning',
      vscode.l10n.t({
        message: 'Uploaded, but the older {0} in {1} could not be deleted: both are there now. Delete the older one from the AudioStack Files view.',
        args: [notReplaced.join(', '), where],
        comment: ['{0} is file names, {1} a folder path'],
      }),
      [refreshAction, { title: vscode.l10n.t('Show Log'), run: () => services.logger.show() }],
    );
  }
}

/** How a file shows while AudioStack processes it: what is known before the service says more. */
function processingFile(fileId: string, fileName: string, folderId: string | undefined, size: number | undefined, localPath: string): StackFile {
  return {
    fileId,
    fileName,
    folderId,
    status: 'processing',
    size,
    duration: undefined,
    fileType: FILES_UPLOAD_TYPES[path.extname(localPath).toLowerCase()],
    createdAt: new Date().toISOString(),
    updatedAt: undefined,
    category: undefined,
    accessControl: undefined,
    url: undefined,
  };
}

/** The folder a row stands for: the folder itself, or a file's folder. */
function folderOfRow(row: Exclude<FilesTreeNode, { kind: 'filesMore' | 'filesMessage' }>): FolderChoice {
  return row.kind === 'folder' ? { folderId: row.folder.folderId, path: row.path } : { folderId: row.file.folderId, path: row.folderPath };
}

/** The folder selected in the Files view (a file's folder for a file), where the picker starts. */
function selectedFolder(services: Services): FolderChoice | undefined {
  const row = services.files.view.selection[0];
  if (!row || (row.kind !== 'folder' && row.kind !== 'file')) return undefined;
  return folderOfRow(row);
}

function isUriList(value: unknown): value is vscode.Uri[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => item instanceof vscode.Uri);
}

async function pickLocalFiles(target: FolderChoice | undefined): Promise<vscode.Uri[] | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: target
      ? target.path
        ? vscode.l10n.t({ message: 'Upload Audio Files to {0}', args: [target.path], comment: ['{0} is a folder path'] })
        : vscode.l10n.t('Upload Audio Files to the Top Level of AudioStack Files')
      : vscode.l10n.t('Upload Audio Files to AudioStack'),
    openLabel: vscode.l10n.t('Upload'),
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: {
      [vscode.l10n.t({ message: 'Audio ({0})', args: [listExtensions(AUDIOSTACK_ACCEPTS.extensions, 'and')], comment: ['{0} is a list of file extensions'] })]: AUDIOSTACK_ACCEPTS.extensions.map((extension) => extension.slice(1)) },
  });
  return picked?.length ? picked : undefined;
}

/**
 * Selects a file row in the Files view, walking down from the root as a person expands
 * the rows (so the tree knows every parent), when the Media view shows AudioStack Files.
 */
async function revealStackFile(services: Services, key: string, fileId: string): Promise<void> {
  if (currentService(services) !== 'files') return;
  const { view } = services.files;
  if (!services.files.browser.folderChain(key)) return;
  if (!view.visible) {
    const shown = whenVisible(view, 5_000);
    await vscode.commands.executeCommand(`${FILES_VIEW_ID}.focus`, { preserveFocus: true });
    await shown;
  }
  await revealFilesRow(services.files, key, fileNodeId(key, fileId), { focus: false });
}

const FILES_UPLOAD_COMMANDS: Record<typeof FilesCommands.upload, CommandHandler> = {
  [FilesCommands.upload]: uploadToStack,
};

export function registerFilesUploadCommands(services: Services): vscode.Disposable[] {
  return Object.entries(FILES_UPLOAD_COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, wrapCommand(id, handler, services)));
}
