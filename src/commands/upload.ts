import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UPLOAD_EXTENSIONS } from '../api';
import { VIEW_ID } from '../constants';
import type { MediaTreeNode } from '../tree/nodes';
import { whenVisible } from '../tree/viewChrome';
import { revealMedia } from './findMedia';
import { describeFailures, isCancelled, logFailures, notify, type Failure } from './outcome';
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
      `${path.posix.basename(active.path)} is not a .wav or .mp3 file on this machine: choose the audio files to upload.`,
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
    title: presetTags?.length ? `Upload Audio Files Tagged "${presetTags[0]}"` : 'Upload Audio Files to api.audio',
    openLabel: 'Upload',
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { Audio: UPLOAD_EXTENSIONS.map((extension) => extension.slice(1)) },
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
      title: paths.length === 1 ? `Tags for ${path.basename(paths[0])}` : `Tags for ${fileCount(paths.length)}`,
      preset: request.presetTags,
    });
    if (!tags) return undefined;
  }
  const chosenTags = tags;

  const result: UploadResult = { uploaded: [], failed: [] };
  let cancelled = false;
  const outcomes = await runTransfers(
    paths.length === 1 ? `Uploading ${path.basename(paths[0])}` : `Uploading ${fileCount(paths.length)}`,
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
    idWords: { label: 'media ID', copy: 'Copy Media ID' },
    manyDetail: tags.length ? ` tagged ${tags.join(', ')}` : '',
    retry: retryable
      ? () => uploadFiles(services, { uris: result.failed.map((failure) => vscode.Uri.file(failure.path!)), tags })
      : undefined,
  });
}

export interface UploadSummary {
  uploaded: ReadonlyArray<{ name: string; id: string }>;
  failed: readonly Failure[];
  total: number;
  cancelled: boolean;
  /** How the service calls the new item's ID, and the button that copies it. */
  idWords: { label: string; copy: string };
  /** Where the files went (" to Music/Beds"), said for one file and for several. */
  destination?: string;
  /** Said after the count of several files (" tagged intro"). */
  manyDetail?: string;
  /** Uploads the failed files again (Retry / Retry Failed); absent: no Retry button. */
  retry?: () => Promise<unknown>;
}

/** The one message at the end of an upload, for either service. */
export function reportUploads(services: Services, summary: UploadSummary): void {
  const { uploaded, failed, total, idWords } = summary;
  const destination = summary.destination ?? '';
  if (summary.cancelled) {
    if (uploaded.length > 0) {
      notify(services, 'info', `Upload cancelled: ${uploaded.length} of ${fileCount(total)} were uploaded${destination}.`);
    }
    return;
  }
  const showLog = { title: 'Show Log', run: () => services.logger.show() };
  if (failed.length === 0) {
    if (uploaded.length === 1) {
      const { name, id } = uploaded[0];
      notify(services, 'info', `Uploaded ${name}${destination} (${idWords.label} ${id}).`, [
        { title: idWords.copy, run: () => vscode.env.clipboard.writeText(id) },
      ]);
    } else if (uploaded.length > 1) {
      notify(services, 'info', `Uploaded ${fileCount(uploaded.length)}${destination}${summary.manyDetail ?? ''}.`);
    }
    return;
  }
  const retry = summary.retry;
  const actions = retry
    ? [
        {
          title: total === 1 ? 'Retry' : 'Retry Failed',
          run: () =>
            retry().catch((error: unknown) => {
              if (!isCancelled(error)) reportError(services, 'Retrying the upload', error);
            }),
        },
        showLog,
      ]
    : [showLog];
  if (total === 1) {
    notify(services, 'error', `Could not upload ${describeFailures(failed, services.redactor)}.`, actions);
  } else {
    notify(services, 'error', `Uploaded ${uploaded.length} of ${fileCount(total)}${destination} — ${failed.length} failed: ${describeFailures(failed, services.redactor)}.`, actions);
  }
}

/** What a service takes: its name in messages and the file extensions (lower case, with the dot). */
export interface UploadAccepts {
  service: string;
  extensions: readonly string[];
}

export const API_AUDIO_ACCEPTS: UploadAccepts = { service: 'api.audio', extensions: UPLOAD_EXTENSIONS };

/** ".wav and .mp3", ".wav, .mp3 or .flac". */
export function listExtensions(extensions: readonly string[], word: 'and' | 'or'): string {
  return extensions.length <= 1 ? (extensions[0] ?? '') : `${extensions.slice(0, -1).join(', ')} ${word} ${extensions[extensions.length - 1]}`;
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
      void vscode.window.showWarningMessage(`${name} is not saved yet. Save it as a ${anyOf} file, then upload it.`);
      continue;
    }
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (document?.isDirty) {
      void vscode.window.showWarningMessage(`${name} has unsaved changes. Save it before uploading: ${accepts.service} receives the file on disk.`);
      continue;
    }
    if (uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(`${name} is not a file on this machine (${uri.scheme}:), so it cannot be uploaded.`);
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(uri.fsPath);
    } catch {
      refused.push(`${name} (not found)`);
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
      `Not uploaded: ${refused.join(', ')}. ${accepts.service} accepts only ${listExtensions(accepts.extensions, 'and')} files.`,
    );
  }
  if (emptyFolders.length > 0) {
    void vscode.window.showInformationMessage(`No ${anyOf} files in ${emptyFolders.join(', ')}.`);
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
