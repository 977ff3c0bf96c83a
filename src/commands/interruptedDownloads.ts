// Downloads a window reload or crash interrupted (both services): said once at the next
// start, with Resume (the same download again, which continues the part file when the
// server's version is the same) and Discard (the part file and its companions removed).
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { isCancelled } from './outcome';
import { isPartFileInUse, removePartFile } from '../api';
import type { JournalEntry, PartFileState } from '../model/downloadJournal';
import { formatCount } from '../util/l10nFormat';
import { resumeMediaDownloads } from './apiaudio/download';
import { resumeFileDownloads } from './audiostack/files';
import { reportError } from './runCommand';
import type { Services } from './services';

/** How each service downloads again what was interrupted (all of one folder at once). */
const RESUMERS: Record<JournalEntry['service'], (services: Services, entries: readonly JournalEntry[], dir: string) => Promise<unknown>> = {
  apiaudio: resumeMediaDownloads,
  audiostack: resumeFileDownloads,
};

/**
 * Run once at start: the downloads an earlier window left unfinished (their part file is
 * still there and no running download holds it) are named in one notification with Resume
 * and Discard, which act on all of them. Each is told once: the journal forgets them now
 * (a notification closed without an answer leaves the files to the usual sweep). Resolves
 * when the person's choice has been carried out. Never throws.
 */
export async function checkInterruptedDownloads(services: Services): Promise<void> {
  try {
    const entries = await services.downloads.takeInterrupted(partFileState);
    if (entries.length === 0) return;
    services.logger.info(`${entries.length} download(s) did not finish in an earlier window: ${entries.map((entry) => entry.partFile).join(', ')}.`);
    const resume = vscode.l10n.t('Resume');
    const discard = vscode.l10n.t('Discard');
    const choice = await vscode.window.showWarningMessage(interruptedMessage(entries), resume, discard);
    if (choice === resume) await resumeDownloads(services, entries);
    else if (choice === discard) await discardDownloads(services, entries);
  } catch (error) {
    if (!isCancelled(error)) reportError(services, 'Resuming interrupted downloads', error);
  }
}

function interruptedMessage(entries: readonly JournalEntry[]): string {
  const [first] = entries;
  if (entries.length === 1) {
    return vscode.l10n.t({
      message: 'The download of {0} into {1} was interrupted when the window was reloaded or closed. Resume it, or discard the unfinished file?',
      args: [first.fileName, first.dir],
      comment: ['{0} is a file name, {1} a folder'],
    });
  }
  return vscode.l10n.t({
    message: 'The downloads of {0} into {1} and {2} more were interrupted when the window was reloaded or closed. Resume them, or discard the unfinished files?',
    args: [first.fileName, first.dir, formatCount(vscode.env.language, entries.length - 1)],
    comment: ['{0} is a file name, {1} a folder, {2} a count of further downloads'],
  });
}

async function partFileState(partFile: string): Promise<PartFileState> {
  try {
    if (!(await fs.lstat(partFile)).isFile()) return 'gone';
  } catch {
    return 'gone';
  }
  return (await isPartFileInUse(partFile)) ? 'running' : 'interrupted';
}

/** Each service's downloads, one batch per folder, one after another. */
async function resumeDownloads(services: Services, entries: readonly JournalEntry[]): Promise<void> {
  const groups = new Map<string, JournalEntry[]>();
  for (const entry of entries) {
    const key = `${entry.service}\n${entry.dir}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const group of groups.values()) {
    services.logger.info(`Resuming ${group.length} interrupted download(s) into ${group[0].dir}.`);
    await RESUMERS[group[0].service](services, group, group[0].dir);
  }
}

async function discardDownloads(services: Services, entries: readonly JournalEntry[]): Promise<void> {
  for (const entry of entries) {
    const removed = await removePartFile(entry.partFile);
    services.logger.info(`Discarded the unfinished download of ${entry.fileName} in ${entry.dir} (${removed.length} file(s) removed).`);
  }
}
