// Downloads for both services: the folder asked for, a batch with bounded concurrency and
// one question about existing files, and the one summary with Retry Failed.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DownloadOptions } from '../api';
import type { JournalEntry } from '../model/downloadJournal';
import { readSettings } from '../util/config';
import { describeFailures, isCancelled, logFailures, notify, type Failure } from './outcome';
import { formatCount, formatList } from '../util/l10nFormat';
import { fileCount } from '../util/text';
import { ConflictResolver } from './prompts';
import { reportError } from './runCommand';
import { runTransfers } from './runTransfers';
import type { Services } from './services';

export interface DownloadResult {
  /** Paths written. */
  downloaded: string[];
  /** Existing paths left alone (Skip). */
  skipped: string[];
  failed: Failure[];
}

/** The folder to download `names` into (an open dialog), or undefined when the person cancelled. */
export async function askDownloadFolder(names: readonly string[]): Promise<string | undefined> {
  const folder = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Download {0} to…', names.length === 1 ? names[0] : fileCount(names.length)),
    openLabel: vscode.l10n.t('Download Here'),
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(defaultDownloadDirectory()),
  });
  return folder?.length ? folder[0].fsPath : undefined;
}

export function defaultDownloadDirectory(): string {
  const workspaceFolder = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file');
  return readSettings().downloadDirectory ?? workspaceFolder?.uri.fsPath ?? os.homedir();
}

/** How one service downloads one of its items (the rest of a batch is shared). */
export interface DownloadJob<T> {
  /** The file name it is saved under. */
  name(target: T): string;
  /** What the log calls it. */
  logName(target: T): string;
  /** Which item it is, as the journal of downloads remembers it (an id, never a link). */
  item(target: T): Pick<JournalEntry, 'service' | 'id' | 'publicLibrary'>;
  /** Downloads it into the batch's folder; resolves with the path written (or kept, for Skip). */
  start(target: T, options: Pick<DownloadOptions, 'signal' | 'onConflict' | 'onProgress' | 'onPartFile'>): Promise<string>;
}

/**
 * A batch of downloads into `dir` (api.audio Media and AudioStack Files alike): bounded
 * concurrency and progress, one question about existing files, then the one summary with
 * Retry Failed (which retries only those).
 */
export async function downloadBatch<T>(services: Services, targets: readonly T[], dir: string, job: DownloadJob<T>): Promise<DownloadResult> {
  const conflicts = new ConflictResolver(targets.length > 1);
  const result: DownloadResult = { downloaded: [], skipped: [], failed: [] };
  const failedTargets: T[] = [];
  let cancelled = false;
  const outcomes = await runTransfers(
    vscode.l10n.t('Downloading {0}', targets.length === 1 ? job.name(targets[0]) : fileCount(targets.length)),
    targets,
    (target) => job.name(target),
    (target, signal, onProgress) => journaled(services, dir, job, target, (onPartFile) => job.start(target, { signal, onConflict: conflicts.resolve, onProgress, onPartFile })),
  );
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') {
      if (conflicts.skipped.has(outcome.value)) {
        result.skipped.push(outcome.value);
      } else {
        result.downloaded.push(outcome.value);
        services.logger.info(`Downloaded ${job.logName(targets[index])} to ${outcome.value}.`);
      }
    } else if (outcome.status === 'skipped' || isCancelled(outcome.reason)) {
      cancelled = true;
    } else {
      result.failed.push({ name: job.name(targets[index]), error: outcome.reason });
      failedTargets.push(targets[index]);
    }
  });
  logFailures(services, 'Downloading', result.failed);
  reportDownloads(services, result, targets.length, dir, cancelled, () => downloadBatch(services, failedTargets, dir, job));
  return result;
}

/**
 * Runs one download, remembered in the journal from the moment it holds its part file
 * until it ends however it ends: what is still there after a window reload or crash is
 * what the next start offers to resume or discard (interruptedDownloads.ts).
 */
async function journaled<T>(
  services: Services,
  dir: string,
  job: DownloadJob<T>,
  target: T,
  start: (onPartFile: (partFile: string) => void) => Promise<string>,
): Promise<string> {
  let partFile: string | undefined;
  let added: Promise<void> | undefined;
  try {
    return await start((file) => {
      partFile = file;
      added = services.downloads.add({ ...job.item(target), fileName: job.name(target), dir, partFile: file, startedAt: Date.now() });
    });
  } finally {
    if (partFile !== undefined) {
      await added;
      await services.downloads.remove(partFile);
    }
  }
}

/**
 * The one summary of a batch of downloads (api.audio Media and AudioStack Files alike):
 * what was saved where, what was kept, what failed, with Reveal, Retry Failed and Show Log.
 */
function reportDownloads(
  services: Services,
  result: DownloadResult,
  total: number,
  dir: string,
  cancelled: boolean,
  retryFailed: () => Promise<unknown>,
): void {
  const { downloaded, skipped, failed } = result;
  const language = vscode.env.language;
  const count = (n: number) => formatCount(language, n);
  const reveal = revealAction(downloaded.length === 1 ? downloaded[0] : dir, downloaded.length === 1);
  if (cancelled) {
    if (downloaded.length > 0) {
      notify(services, 'info', vscode.l10n.t('Download cancelled: {0} of {1} were saved in {2}.', count(downloaded.length), fileCount(total), dir), [reveal]);
    }
    return;
  }
  // Files already there that the person kept (Skip): said in the same message, with their names.
  const kept = skipped.length > 0 ? { count: count(skipped.length), names: formatList(language, skipped.map((file) => path.basename(file))) } : undefined;
  if (failed.length === 0) {
    if (downloaded.length === 0) {
      notify(
        services,
        'info',
        kept
          ? vscode.l10n.t({ message: 'Nothing downloaded. {0} already there and kept: {1}.', args: [kept.count, kept.names], comment: ['{0} is a count of files, {1} their names'] })
          : vscode.l10n.t('Nothing downloaded.'),
      );
    } else if (total === 1) {
      notify(services, 'info', vscode.l10n.t('Downloaded {0} to {1}.', path.basename(downloaded[0]), dir), [reveal]);
    } else {
      const files = fileCount(downloaded.length);
      notify(
        services,
        'info',
        kept
          ? vscode.l10n.t({
              message: 'Downloaded {0} to {1}. {2} already there and kept: {3}.',
              args: [files, dir, kept.count, kept.names],
              comment: ['{0} is a count of files ("3 files"), {1} a folder, {2} a count of files, {3} their names'],
            })
          : vscode.l10n.t('Downloaded {0} to {1}.', files, dir),
        [reveal],
      );
    }
    return;
  }
  const actions = [
    {
      title: total === 1 ? vscode.l10n.t('Retry') : vscode.l10n.t('Retry Failed'),
      run: () =>
        retryFailed().catch((error: unknown) => {
          if (!isCancelled(error)) reportError(services, 'Retrying the download', error);
        }),
    },
    { title: vscode.l10n.t('Show Log'), run: () => services.logger.show() },
  ];
  if (downloaded.length > 0) actions.unshift(reveal);
  const reasons = describeFailures(failed, services.redactor);
  let message: string;
  if (total === 1) message = vscode.l10n.t('Could not download {0}.', reasons);
  else if (kept) {
    message = vscode.l10n.t({
      message: 'Downloaded {0} of {1} — {2} failed: {3}. {4} already there and kept: {5}.',
      args: [count(downloaded.length), fileCount(total), count(failed.length), reasons, kept.count, kept.names],
      comment: ['{0}, {2} and {4} are counts, {1} a count of files ("4 files"), {3} the failed files with their reasons, {5} the names of the files kept'],
    });
  } else {
    message = vscode.l10n.t({
      message: 'Downloaded {0} of {1} — {2} failed: {3}.',
      args: [count(downloaded.length), fileCount(total), count(failed.length), reasons],
      comment: ['{0} and {2} are counts, {1} a count of files ("4 files"), {3} the failed files with their reasons'],
    });
  }
  notify(services, 'error', message, actions);
}

/** Reveal in the Explorer when the file is in the workspace, else in the OS file manager. */
function revealAction(target: string, isFile: boolean): { title: string; run: () => unknown } {
  const uri = vscode.Uri.file(target);
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    return { title: vscode.l10n.t('Reveal in Explorer'), run: () => vscode.commands.executeCommand('revealInExplorer', uri) };
  }
  return { title: isFile ? vscode.l10n.t('Reveal in File Manager') : vscode.l10n.t('Open Folder'), run: () => vscode.commands.executeCommand('revealFileInOS', uri) };
}
