// Uploads for both services: the local files a service takes (folders searched), and the
// one summary of a batch with Retry Failed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeFailures, isCancelled, notify, type Failure } from './outcome';
import { formatCount, formatList } from '../util/l10nFormat';
import { fileCount } from '../util/text';
import { reportError } from './runCommand';
import type { Services } from './services';

/** Folders never searched for audio when a folder is uploaded. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** How many files an upload took, and what became of each. */
interface UploadCounts {
  uploaded: ReadonlyArray<{ name: string; id: string }>;
  failed: readonly Failure[];
  total: number;
  cancelled: boolean;
  /** Uploads the failed files again (Retry / Retry Failed); absent: no Retry button. */
  retry?: () => Promise<unknown>;
}

/**
 * What the one message at the end of an upload says, by service: api.audio names the new
 * item's media ID and the tags of several files; AudioStack the file ID and the folder
 * (its path, or a phrase for the top level, in the display language) in every message.
 */
export type UploadSummary = UploadCounts & ({ service: 'api.audio'; tags: readonly string[] } | { service: 'AudioStack'; folder: string });

/** The one message at the end of an upload, for either service: whole sentences in the display language. */
export function reportUploads(services: Services, summary: UploadSummary): void {
  const { uploaded, failed, total } = summary;
  const count = (n: number) => formatCount(vscode.env.language, n);
  const stack = summary.service === 'AudioStack' ? summary : undefined;
  const tags = summary.service === 'api.audio' ? summary.tags : [];
  if (summary.cancelled) {
    if (uploaded.length > 0) {
      notify(
        services,
        'info',
        stack
          ? vscode.l10n.t('Upload cancelled: {0} of {1} were uploaded to {2}.', count(uploaded.length), fileCount(total), stack.folder)
          : vscode.l10n.t('Upload cancelled: {0} of {1} were uploaded.', count(uploaded.length), fileCount(total)),
      );
    }
    return;
  }
  const showLog = { title: vscode.l10n.t('Show Log'), run: () => services.logger.show() };
  if (failed.length === 0) {
    if (uploaded.length === 1) {
      const { name, id } = uploaded[0];
      const copy = { title: stack ? vscode.l10n.t('Copy File ID') : vscode.l10n.t('Copy Media ID'), run: () => vscode.env.clipboard.writeText(id) };
      notify(
        services,
        'info',
        stack
          ? vscode.l10n.t({ message: 'Uploaded {0} to {1} (file ID {2}).', args: [name, stack.folder, id], comment: ['{0} is a file name, {1} a folder, {2} the new file\'s ID'] })
          : vscode.l10n.t({ message: 'Uploaded {0} (media ID {1}).', args: [name, id], comment: ['{0} is a file name, {1} the new media ID'] }),
        [copy],
      );
    } else if (uploaded.length > 1) {
      const files = fileCount(uploaded.length);
      notify(
        services,
        'info',
        stack
          ? vscode.l10n.t('Uploaded {0} to {1}.', files, stack.folder)
          : tags.length > 0
            ? vscode.l10n.t({ message: 'Uploaded {0} tagged {1}.', args: [files, tags.join(', ')], comment: ['{0} is a count of files ("3 files"), {1} the tags'] })
            : vscode.l10n.t('Uploaded {0}.', files),
      );
    }
    return;
  }
  const retry = summary.retry;
  const actions = retry
    ? [
        {
          title: total === 1 ? vscode.l10n.t('Retry') : vscode.l10n.t('Retry Failed'),
          run: () =>
            retry().catch((error: unknown) => {
              if (!isCancelled(error)) reportError(services, 'Retrying the upload', error);
            }),
        },
        showLog,
      ]
    : [showLog];
  const reasons = describeFailures(failed, services.redactor);
  if (total === 1) {
    notify(services, 'error', vscode.l10n.t('Could not upload {0}.', reasons), actions);
  } else {
    notify(
      services,
      'error',
      stack
        ? vscode.l10n.t({
            message: 'Uploaded {0} of {1} to {2} — {3} failed: {4}.',
            args: [count(uploaded.length), fileCount(total), stack.folder, count(failed.length), reasons],
            comment: ['{0} and {3} are counts, {1} a count of files ("4 files"), {2} a folder, {4} the failed files with their reasons'],
          })
        : vscode.l10n.t({
            message: 'Uploaded {0} of {1} — {2} failed: {3}.',
            args: [count(uploaded.length), fileCount(total), count(failed.length), reasons],
            comment: ['{0} and {2} are counts, {1} a count of files ("4 files"), {3} the failed files with their reasons'],
          }),
      actions,
    );
  }
}

/** What a service takes: its name in messages and the file extensions (lower case, with the dot). */
export interface UploadAccepts {
  service: string;
  extensions: readonly string[];
}

/** ".wav and .mp3", ".wav, .mp3, or .flac" — as the display language lists them (".wav, .mp3 oder .flac"). */
export function listExtensions(extensions: readonly string[], word: 'and' | 'or'): string {
  return formatList(vscode.env.language, extensions, word === 'and' ? 'conjunction' : 'disjunction');
}

/**
 * The local files to upload: explicit audio files the service takes, and those inside
 * folders (recursively, without node_modules and .git). Refuses unsaved editors and other
 * file types with one message each, before any request; undefined when nothing is left.
 */
export async function collectUploadPaths(uris: readonly vscode.Uri[], accepts: UploadAccepts): Promise<string[] | undefined> {
  const result: string[] = [];
  const refused: string[] = [];
  const emptyFolders: string[] = [];
  const anyOf = listExtensions(accepts.extensions, 'or');
  for (const uri of uris) {
    const name = path.posix.basename(uri.path) || uri.toString();
    if (uri.scheme === 'untitled') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t({ message: '{0} is not saved yet. Save it as a {1} file, then upload it.', args: [name, anyOf], comment: ['{1} lists file extensions: ".wav or .mp3"'] }),
      );
      continue;
    }
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (document?.isDirty) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t({
          message: '{0} has unsaved changes. Save it before uploading: {1} receives the file on disk.',
          args: [name, accepts.service],
          comment: ['{1} is the service: api.audio or AudioStack'],
        }),
      );
      continue;
    }
    if (uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t({ message: '{0} is not a file on this machine ({1}:), so it cannot be uploaded.', args: [name, uri.scheme], comment: ['{1} is a URI scheme, e.g. vscode-remote'] }),
      );
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(uri.fsPath);
    } catch {
      refused.push(vscode.l10n.t('{0} (not found)', name));
      continue;
    }
    if (stat.isDirectory()) {
      const found = await findAudioFiles(uri.fsPath, accepts);
      if (found.length === 0) emptyFolders.push(name);
      result.push(...found);
    } else if (isAccepted(uri.fsPath, accepts)) {
      result.push(uri.fsPath);
    } else {
      refused.push(name);
    }
  }
  if (refused.length > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t({
        message: 'Not uploaded: {0}. {1} accepts only {2} files.',
        args: [formatList(vscode.env.language, refused), accepts.service, listExtensions(accepts.extensions, 'and')],
        comment: ['{0} lists file names, {1} is the service (api.audio or AudioStack), {2} lists file extensions: ".wav and .mp3"'],
      }),
    );
  }
  if (emptyFolders.length > 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t({
        message: 'No {0} files in {1}.',
        args: [anyOf, formatList(vscode.env.language, emptyFolders)],
        comment: ['{0} lists file extensions: ".wav or .mp3", {1} lists folder names'],
      }),
    );
  }
  const unique = [...new Set(result)];
  return unique.length > 0 ? unique : undefined;
}

export function isAccepted(file: string, accepts: UploadAccepts): boolean {
  return accepts.extensions.includes(path.extname(file).toLowerCase());
}

async function findAudioFiles(dir: string, accepts: UploadAccepts): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) found.push(...(await findAudioFiles(full, accepts)));
    } else if (entry.isFile() && isAccepted(entry.name, accepts)) {
      found.push(full);
    }
  }
  return found;
}

/** The file of the active editor (text or audio preview), if any. */
export function activeEditorFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom
    ? input.uri
    : vscode.window.activeTextEditor?.document.uri;
}
