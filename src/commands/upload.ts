import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UPLOAD_EXTENSIONS } from '../api';
import { VIEW_ID } from '../constants';
import type { MediaTreeNode } from '../tree/nodes';
import { whenVisible } from '../tree/viewChrome';
import { revealMedia } from './findMedia';
import { describeFailures, isCancelled, logFailures, notify, type Failure } from './outcome';
import { formatCount, formatList } from '../util/l10nFormat';
import { fileCount } from '../util/text';
import { pickTags } from './prompts';
import { reportError } from './runCommand';
import { runTransfers } from './runTransfers';
import type { Services } from './services';

/** The activity-bar container of the Media view (package.json). */
const VIEW_CONTAINER_ID = 'apiAudio';

/** Folders never searched for audio when a folder is uploaded. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface UploadRequest {
  uris: readonly vscode.Uri[];
  /** Tags checked in advance in the tag picker (the tag node it was started from). */
  presetTags?: readonly string[];
  /** Skip the tag picker and use these tags (Retry Failed). */
  tags?: readonly string[];
  /** False for temporary copies (files dropped from the OS): no "Retry Failed". Default true. */
  retryable?: boolean;
}

export interface UploadResult {
  uploaded: Array<{ path: string; mediaId: string }>;
  failed: Failure[];
}

/**
 * `apiAudio.upload`. Called as (uri, uris[]) from the Explorer, (uri) from the editor
 * title, and with no arguments from the palette: the active editor's audio file, else a
 * file dialog.
 */
export async function upload(services: Services, arg?: unknown, args?: unknown): Promise<UploadResult | undefined> {
  if (Array.isArray(args) && args.length > 0 && args.every((value) => value instanceof vscode.Uri)) {
    return uploadFiles(services, { uris: args as vscode.Uri[] });
  }
  if (arg instanceof vscode.Uri) return uploadFiles(services, { uris: [arg] });
  const active = activeEditorFile();
  if (active && active.scheme === 'file' && isUploadable(active.path)) return uploadFiles(services, { uris: [active] });
  if (active) {
    // Say why a dialog opens instead of uploading the file on screen.
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} is not a .wav or .mp3 file on this machine: choose the audio files to upload.', path.posix.basename(active.path)),
    );
  }
  return uploadFromDialog(services, undefined);
}

/**
 * `apiAudio.uploadFromView` (view title, welcome view): always the file dialog. VS Code
 * passes the view's focused element here, which must not choose tags or files.
 */
export function uploadFromView(services: Services): Promise<UploadResult | undefined> {
  return uploadFromDialog(services, undefined);
}

/** `apiAudio.uploadToTag` (a tag's inline button and context menu): the dialog, that tag checked. */
export function uploadToTag(services: Services, node?: unknown): Promise<UploadResult | undefined> {
  return uploadFromDialog(services, tagOf(node));
}

async function uploadFromDialog(services: Services, presetTags: string[] | undefined): Promise<UploadResult | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: presetTags?.length ? vscode.l10n.t('Upload Audio Files Tagged "{0}"', presetTags[0]) : vscode.l10n.t('Upload Audio Files to api.audio'),
    openLabel: vscode.l10n.t('Upload'),
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Audio')]: UPLOAD_EXTENSIONS.map((extension) => extension.slice(1)) },
  });
  if (!picked?.length) return undefined;
  return uploadFiles(services, { uris: picked, presetTags });
}

/** Checks, expands folders, asks for tags, uploads with bounded concurrency, reports once. */
export async function uploadFiles(services: Services, request: UploadRequest): Promise<UploadResult | undefined> {
  const paths = await collectUploadPaths(request.uris, API_AUDIO_ACCEPTS);
  if (!paths) return undefined;
  const client = await services.clients.get();
  let tags = request.tags ? [...request.tags] : undefined;
  if (!tags) {
    tags = await pickTags((signal) => client.listTags({ signal }), {
      title: vscode.l10n.t('Tags for {0}', paths.length === 1 ? path.basename(paths[0]) : fileCount(paths.length)),
      preset: request.presetTags,
    });
    if (!tags) return undefined;
  }
  const chosenTags = tags;

  const result: UploadResult = { uploaded: [], failed: [] };
  let cancelled = false;
  const outcomes = await runTransfers(
    vscode.l10n.t('Uploading {0}', paths.length === 1 ? path.basename(paths[0]) : fileCount(paths.length)),
    paths,
    (file) => path.basename(file),
    async (file, signal, onProgress) => {
      const { mediaId } = await client.upload(file, { tags: chosenTags, signal, onProgress });
      services.logger.info(`Uploaded ${file} as ${mediaId}${chosenTags.length ? ` with tags ${chosenTags.join(', ')}` : ''}.`);
      return mediaId;
    },
  );
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') result.uploaded.push({ path: paths[index], mediaId: outcome.value });
    else if (outcome.status === 'skipped' || isCancelled(outcome.reason)) cancelled = true;
    else result.failed.push({ name: path.basename(paths[index]), error: outcome.reason, path: paths[index] });
  });

  logFailures(services, 'Uploading', result.failed);
  report(services, result, paths.length, cancelled, chosenTags, request.retryable !== false);
  if (result.uploaded.length > 0) {
    await services.library.reload();
    await revealUploaded(services, result.uploaded[0].mediaId).catch((error: unknown) => {
      services.logger.warn(`Could not reveal the uploaded file in the Media view: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  return result;
}

/**
 * Selects the uploaded item in the Media view, showing the view first (without taking the
 * keyboard focus) when another one (e.g. the Explorer) is in front: a hidden view has not
 * loaded the rows the item would be revealed in.
 */
async function revealUploaded(services: Services, mediaId: string): Promise<void> {
  const { treeView } = services;
  if (!treeView.visible) {
    const shown = whenVisible(treeView, 5_000);
    await vscode.commands.executeCommand(`${VIEW_ID}.open`, { preserveFocus: true }).then(undefined, () =>
      vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`),
    );
    await shown;
  }
  await revealMedia(services, mediaId, 'own', false);
}

function report(services: Services, result: UploadResult, total: number, cancelled: boolean, tags: string[], retryable: boolean): void {
  reportUploads(services, {
    uploaded: result.uploaded.map(({ path: file, mediaId }) => ({ name: path.basename(file), id: mediaId })),
    failed: result.failed,
    total,
    cancelled,
    service: 'api.audio',
    tags,
    retry: retryable
      ? () => uploadFiles(services, { uris: result.failed.map((failure) => vscode.Uri.file(failure.path!)), tags })
      : undefined,
  });
}

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

export const API_AUDIO_ACCEPTS: UploadAccepts = { service: 'api.audio', extensions: UPLOAD_EXTENSIONS };

/** ".wav and .mp3", ".wav, .mp3, or .flac" — as the display language lists them (".wav, .mp3 oder .flac"). */
export function listExtensions(extensions: readonly string[], word: 'and' | 'or'): string {
  return formatList(vscode.env.language, extensions, word === 'and' ? 'conjunction' : 'disjunction');
}

/**
 * The local files to upload: explicit audio files the service takes, and those inside
 * folders (recursively, without node_modules and .git). Refuses unsaved editors and other
 * file types with one message each, before any request; undefined when nothing is left.
 */
export async function collectUploadPaths(uris: readonly vscode.Uri[], accepts: UploadAccepts = API_AUDIO_ACCEPTS): Promise<string[] | undefined> {
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

export function isUploadable(file: string): boolean {
  return isAccepted(file, API_AUDIO_ACCEPTS);
}

function isAccepted(file: string, accepts: UploadAccepts): boolean {
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

function tagOf(arg: unknown): string[] | undefined {
  const node = arg as MediaTreeNode | undefined;
  if (node?.kind === 'tag') return node.scope === 'own' && node.tag !== undefined ? [node.tag] : [];
  return undefined;
}
