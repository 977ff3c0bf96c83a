// api.audio Media's Upload: from the Explorer, the editor, the view, a tag or a drop; the
// tags asked for once; the uploaded item revealed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UPLOAD_EXTENSIONS } from '../../api';
import { VIEW_ID } from '../../constants';
import type { MediaTreeNode } from '../../tree/apiaudio/nodes';
import { whenVisible } from '../../tree/viewChrome';
import { revealMedia } from './findMedia';
import { isCancelled, logFailures, type Failure } from '../outcome';
import { fileCount } from '../../util/text';
import { pickTags } from './tagPicker';
import { runTransfers } from '../runTransfers';
import type { Services } from '../services';
import { activeEditorFile, collectUploadPaths, isAccepted, reportUploads, type UploadAccepts } from '../upload';

/** The activity-bar container of the Media view (package.json). */
const VIEW_CONTAINER_ID = 'apiAudio';

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

export const API_AUDIO_ACCEPTS: UploadAccepts = { service: 'api.audio', extensions: UPLOAD_EXTENSIONS };

export function isUploadable(file: string): boolean {
  return isAccepted(file, API_AUDIO_ACCEPTS);
}

function tagOf(arg: unknown): string[] | undefined {
  const node = arg as MediaTreeNode | undefined;
  if (node?.kind === 'tag') return node.scope === 'own' && node.tag !== undefined ? [node.tag] : [];
  return undefined;
}
