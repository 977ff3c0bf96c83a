import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DownloadOptions } from '../api';
import type { MediaNode } from '../tree/nodes';
import { readSettings } from '../util/config';
import { downloadUrlFor } from './mediaLinks';
import { describeFailures, isCancelled, logFailures, notify, type Failure } from './outcome';
import { fileCount } from '../util/text';
import { ConflictResolver } from './prompts';
import { reportError } from './runCommand';
import { runTransfers } from './runTransfers';
import type { Services } from './services';
import { mediaTargets } from './targets';

export interface DownloadResult {
  /** Paths written. */
  downloaded: string[];
  /** Existing paths left alone (Skip). */
  skipped: string[];
  failed: Failure[];
}

/** `apiAudio.download`: (node, selectedNodes) from the tree, a picker from the palette; asks for a folder. */
export async function download(services: Services, ...args: unknown[]): Promise<DownloadResult | undefined> {
  const targets = await mediaTargets(services, args, { many: true, title: 'Download api.audio Media…' });
  if (targets.length === 0) return undefined;
  const dir = await askDownloadFolder(targets.map((target) => target.item.filename));
  return dir === undefined ? undefined : downloadTo(services, targets, dir);
}

/** The folder to download `names` into (an open dialog), or undefined when the person cancelled. */
export async function askDownloadFolder(names: readonly string[]): Promise<string | undefined> {
  const folder = await vscode.window.showOpenDialog({
    title: names.length === 1 ? `Download ${names[0]} to…` : `Download ${fileCount(names.length)} to…`,
    openLabel: 'Download Here',
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

/** Downloads `targets` into `dir` with bounded concurrency, asking about existing files. */
export async function downloadTo(services: Services, targets: readonly MediaNode[], dir: string): Promise<DownloadResult> {
  const client = await services.clients.get();
  return downloadBatch(services, targets, dir, {
    name: (target) => target.item.filename,
    logName: (target) => target.item.mediaId,
    start: async (target, options) => client.download(await downloadUrlFor(client, target, options.signal), dir, { fileName: target.item.filename, ...options }),
  });
}

/** How one service downloads one of its items (the rest of a batch is shared). */
export interface DownloadJob<T> {
  /** The file name it is saved under. */
  name(target: T): string;
  /** What the log calls it. */
  logName(target: T): string;
  /** Downloads it into the batch's folder; resolves with the path written (or kept, for Skip). */
  start(target: T, options: Pick<DownloadOptions, 'signal' | 'onConflict' | 'onProgress'>): Promise<string>;
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
    targets.length === 1 ? `Downloading ${job.name(targets[0])}` : `Downloading ${fileCount(targets.length)}`,
    targets,
    (target) => job.name(target),
    (target, signal, onProgress) => job.start(target, { signal, onConflict: conflicts.resolve, onProgress }),
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
  const reveal = revealAction(downloaded.length === 1 ? downloaded[0] : dir, downloaded.length === 1);
  if (cancelled) {
    if (downloaded.length > 0) notify(services, 'info', `Download cancelled: ${downloaded.length} of ${fileCount(total)} were saved in ${dir}.`, [reveal]);
    return;
  }
  const skippedNote = skipped.length > 0 ? ` ${skipped.length} already there and kept: ${skipped.map((file) => path.basename(file)).join(', ')}.` : '';
  if (failed.length === 0) {
    if (downloaded.length === 0) {
      notify(services, 'info', `Nothing downloaded.${skippedNote}`);
    } else if (total === 1) {
      notify(services, 'info', `Downloaded ${path.basename(downloaded[0])} to ${dir}.`, [reveal]);
    } else {
      notify(services, 'info', `Downloaded ${fileCount(downloaded.length)} to ${dir}.${skippedNote}`, [reveal]);
    }
    return;
  }
  const actions = [
    {
      title: total === 1 ? 'Retry' : 'Retry Failed',
      run: () =>
        retryFailed().catch((error: unknown) => {
          if (!isCancelled(error)) reportError(services, 'Retrying the download', error);
        }),
    },
    { title: 'Show Log', run: () => services.logger.show() },
  ];
  if (downloaded.length > 0) actions.unshift(reveal);
  const message =
    total === 1
      ? `Could not download ${describeFailures(failed, services.redactor)}.`
      : `Downloaded ${downloaded.length} of ${fileCount(total)} — ${failed.length} failed: ${describeFailures(failed, services.redactor)}.${skippedNote}`;
  notify(services, 'error', message, actions);
}

/** Reveal in the Explorer when the file is in the workspace, else in the OS file manager. */
function revealAction(target: string, isFile: boolean): { title: string; run: () => unknown } {
  const uri = vscode.Uri.file(target);
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    return { title: 'Reveal in Explorer', run: () => vscode.commands.executeCommand('revealInExplorer', uri) };
  }
  return { title: isFile ? 'Reveal in File Manager' : 'Open Folder', run: () => vscode.commands.executeCommand('revealFileInOS', uri) };
}
