import * as vscode from 'vscode';
import type { ApiAudioClient } from '../api';
import type { MediaNode } from '../tree/nodes';
import { mapWithConcurrency, type PoolResult } from '../util/concurrency';
import { readSettings } from '../util/config';
import { withCancellableProgress } from './cancellableProgress';
import { describeFailures, isCancelled, logFailures, notify, type Failure } from './outcome';
import { fileCount } from '../util/text';
import type { Services } from './services';
import { mediaTargets } from './targets';

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
  const targets = await mediaTargets(services, args, { many: true, title: 'Delete api.audio Media…', scopes: ['own'] });
  const own = refusePublic(targets);
  if (own.length === 0 || !(await confirmDelete(own))) return undefined;

  const client = await services.clients.get();
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
  return result;
}

/** The organisation's own items; public ones cannot be deleted, which is said once. */
function refusePublic(targets: readonly MediaNode[]): MediaNode[] {
  const publicTargets = targets.filter((target) => target.scope === 'public');
  if (publicTargets.length > 0) {
    void vscode.window.showWarningMessage(
      `${names(publicTargets)} ${publicTargets.length === 1 ? 'is' : 'are'} from the public api.audio library, which cannot be deleted.`,
    );
  }
  return targets.filter((target) => target.scope === 'own');
}

/** A modal naming the files (and, for one file, its media ID). */
async function confirmDelete(own: readonly MediaNode[]): Promise<boolean> {
  const confirm = 'Delete';
  const answer =
    own.length === 1
      ? await vscode.window.showWarningMessage(
          `Delete '${own[0].item.filename}' from api.audio? This cannot be undone.`,
          { modal: true, detail: `Media ID ${own[0].item.mediaId}. Scripts that use this media ID will no longer find it.` },
          confirm,
        )
      : await vscode.window.showWarningMessage(
          `Delete ${fileCount(own.length)} from api.audio? This cannot be undone.`,
          { modal: true, detail: listForConfirmation(own) },
          confirm,
        );
  return answer === confirm;
}

/** Deletes with bounded concurrency under one cancellable notification; already gone counts as done. */
function deleteOnServer(client: ApiAudioClient, own: readonly MediaNode[]): Thenable<Array<PoolResult<void>>> {
  return withCancellableProgress(`Deleting ${own.length === 1 ? own[0].item.filename : fileCount(own.length)}`, (signal, progress) =>
    mapWithConcurrency(
      own,
      readSettings().maxConcurrentTransfers,
      async (target) => {
        try {
          await client.deleteMedia(target.item.mediaId, { signal });
        } catch (error) {
          // Already gone (deleted elsewhere): what the person wanted.
          if ((error as { code?: string }).code !== 'not-found') throw error;
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
        ? `Could not delete ${describeFailures(failed, services.redactor)}.`
        : `Deleted ${deleted.length} of ${fileCount(own.length)} — ${failed.length} failed: ${describeFailures(failed, services.redactor)}.`,
      [{ title: 'Show Log', run: () => services.logger.show() }],
    );
  } else if (deleted.length > 0) {
    vscode.window.setStatusBarMessage(`Deleted ${deleted.length === 1 ? own[0].item.filename : fileCount(deleted.length)} from api.audio.`, 5000);
  }
}

function names(nodes: readonly MediaNode[]): string {
  return nodes.map((node) => `'${node.item.filename}'`).join(', ');
}

function listForConfirmation(nodes: readonly MediaNode[]): string {
  const lines = nodes.slice(0, LISTED_IN_CONFIRMATION).map((node) => `${node.item.filename} (${node.item.mediaId})`);
  if (nodes.length > LISTED_IN_CONFIRMATION) lines.push(`and ${nodes.length - LISTED_IN_CONFIRMATION} more`);
  return lines.join('\n');
}
