import * as vscode from 'vscode';
import { isNotFound, type ApiAudioClient } from '../../api';
import type { MediaNode } from '../../tree/apiaudio/nodes';
import { mapWithConcurrency, type PoolResult } from '../../util/concurrency';
import { readSettings } from '../../util/config';
import { withCancellableProgress } from '../cancellableProgress';
import { describeFailures, firstLines, isCancelled, logFailures, notify, type Failure } from '../outcome';
import { formatCount, formatList } from '../../util/l10nFormat';
import { fileCount } from '../../util/text';
import type { Services } from '../services';
import { mediaTargets } from './targets';
import { rowAfterRemoval } from '../../tree/keepPlace';

const LISTED_IN_CONFIRMATION = 10;

export interface DeleteResult {
  deleted: string[];
  failed: Failure[];
}

/**
 * `apiAudio.delete` (context menu, Delete key, palette): confirms in a modal that names the files,
 * deletes them with bounded concurrency, and drops them from the listing.
 */
export async function deleteMedia(services: Services, ...args: unknown[]): Promise<DeleteResult | undefined> {
  const targets = await mediaTargets(services, args, { many: true, title: vscode.l10n.t('Delete api.audio Media…'), scopes: ['own'] });
  const own = refusePublic(targets);
  if (own.length === 0 || !(await confirmDelete(own))) return undefined;

  const client = await services.clients.get();
  // Read before anything goes: the rows around the one the command was given (the focused row, from the view).
  // From the Delete key the row comes as [focused row] (package.json's keybinding), from a menu as the row.
  const place = rowsAround(services, Array.isArray(args[0]) ? args[0][0] : args[0]);
  const outcomes = await deleteOnServer(client, own);
  const result: DeleteResult = { deleted: [], failed: [] };
  outcomes.forEach((outcome, index) => {
    const target = own[index];
    if (outcome.status === 'fulfilled') {
      result.deleted.push(target.item.mediaId);
      services.logger.info(`Deleted ${target.item.mediaId} (${target.item.filename}).`);
    } else if (outcome.status === 'rejected' && !isCancelled(outcome.reason)) {
      result.failed.push({ name: target.item.filename, error: outcome.reason });
    }
  });

  if (result.deleted.length > 0) {
    services.library.forget(result.deleted);
    // Copies kept for playing would otherwise outlive the media.
    await Promise.all(result.deleted.map((mediaId) => services.localMedia.forget(mediaId).catch(() => undefined)));
  }
  logFailures(services, 'Deleting', result.failed);
  report(services, own, result);
  if (result.deleted.length > 0) await services.library.reload();
  if (place) await keepPlace(services, place, new Set(result.deleted));
  return result;
}

/** The item rows shown beside `node` under its tag, when the command was given a row of the view. */
function rowsAround(services: Services, node: unknown): MediaNode[] | undefined {
  const row = node as Partial<MediaNode> | undefined;
  if (row?.kind !== 'media' || typeof row.id !== 'string' || !row.item) return undefined;
  const parent = services.tree.getParent(row as MediaNode);
  return services.tree.getChildren(parent).filter((row): row is MediaNode => row.kind === 'media');
}

/** Selects and focuses the row that took the deleted rows' place, as the Explorer does after Delete. */
async function keepPlace(services: Services, rows: readonly MediaNode[], deleted: ReadonlySet<string>): Promise<void> {
  const next = rowAfterRemoval(rows, (row) => deleted.has(row.item.mediaId));
  const node = next && services.tree.nodeById(next.id);
  if (!node) return;
  try {
    await services.treeView.reveal(node, { select: true, focus: true, expand: false });
  } catch {
    // The row went away meanwhile (a refresh): nothing to show.
  }
}

/** The organisation's own items; public ones cannot be deleted, which is said once. */
function refusePublic(targets: readonly MediaNode[]): MediaNode[] {
  const publicTargets = targets.filter((target) => target.scope === 'public');
  if (publicTargets.length > 0) {
    void vscode.window.showWarningMessage(
      publicTargets.length === 1
        ? vscode.l10n.t("'{0}' is from the public api.audio library, which cannot be deleted.", publicTargets[0].item.filename)
        : vscode.l10n.t({
            message: '{0} are from the public api.audio library, which cannot be deleted.',
            args: [names(publicTargets)],
            comment: ["{0} lists file names in quotes: 'a.wav', 'b.mp3'"],
          }),
    );
  }
  return targets.filter((target) => target.scope === 'own');
}

/** A modal naming the files (and, for one file, its media ID). */
async function confirmDelete(own: readonly MediaNode[]): Promise<boolean> {
  const confirm = vscode.l10n.t('Delete');
  const answer =
    own.length === 1
      ? await vscode.window.showWarningMessage(
          vscode.l10n.t("Delete '{0}' from api.audio? This cannot be undone.", own[0].item.filename),
          { modal: true, detail: vscode.l10n.t('Media ID {0}. Scripts that use this media ID will no longer find it.', own[0].item.mediaId) },
          confirm,
        )
      : await vscode.window.showWarningMessage(
          vscode.l10n.t('Delete {0} from api.audio? This cannot be undone.', fileCount(own.length)),
          { modal: true, detail: listForConfirmation(own) },
          confirm,
        );
  return answer === confirm;
}

/** Deletes with bounded concurrency under one cancellable notification; already gone counts as done. */
function deleteOnServer(client: ApiAudioClient, own: readonly MediaNode[]): Thenable<Array<PoolResult<void>>> {
  return withCancellableProgress(vscode.l10n.t('Deleting {0}', own.length === 1 ? own[0].item.filename : fileCount(own.length)), (signal, progress) =>
    mapWithConcurrency(
      own,
      readSettings().maxConcurrentTransfers,
      async (target) => {
        try {
          await client.deleteMedia(target.item.mediaId, { signal });
        } catch (error) {
          // Already gone (deleted elsewhere): what the person wanted.
          if (!isNotFound(error)) throw error;
        }
        progress.report({ increment: 100 / own.length });
      },
      signal,
    ),
  );
}

function report(services: Services, own: readonly MediaNode[], { deleted, failed }: DeleteResult): void {
  if (failed.length > 0) {
    notify(
      services,
      'error',
      own.length === 1
        ? vscode.l10n.t('Could not delete {0}.', describeFailures(failed, services.redactor))
        : vscode.l10n.t({
            message: 'Deleted {0} of {1} — {2} failed: {3}.',
            args: [formatCount(vscode.env.language, deleted.length), fileCount(own.length), formatCount(vscode.env.language, failed.length), describeFailures(failed, services.redactor)],
            comment: ['{0} and {2} are counts, {1} a count of files ("4 files"), {3} the failed files with their reasons'],
          }),
      [{ title: vscode.l10n.t('Show Log'), run: () => services.logger.show() }],
    );
  } else if (deleted.length > 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Deleted {0} from api.audio.', deleted.length === 1 ? own[0].item.filename : fileCount(deleted.length)), 5000);
  }
}

/** "'a.wav', 'b.mp3' and 'c.wav'", as the display language lists. */
function names(nodes: readonly MediaNode[]): string {
  return formatList(
    vscode.env.language,
    nodes.map((node) => `'${node.item.filename}'`),
  );
}

function listForConfirmation(nodes: readonly MediaNode[]): string {
  return firstLines(
    nodes.map((node) => `${node.item.filename} (${node.item.mediaId})`),
    LISTED_IN_CONFIRMATION,
  );
}
