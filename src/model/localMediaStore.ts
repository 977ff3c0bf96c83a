// Local copies of media for playing in VS Code's media preview. Pure Node: no `vscode`.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CancelledError, sanitizeFileName } from '../api';

/** Downloads `mediaId` into `dir` as `fileName` and resolves with the path written. */
export type DownloadInto = (dir: string, fileName: string, signal: AbortSignal) => Promise<string>;

interface Pending {
  promise: Promise<string>;
  controller: AbortController;
  waiters: number;
}

/**
 * Keeps one copy per media item under `<root>/<mediaId>/<sanitised file name>`, reuses it
 * when it is already there, and lets concurrent requests for the same item share one
 * download. The shared download is aborted only when every waiter has given up.
 */
export class LocalMediaStore {
  private readonly pending = new Map<string, Pending>();

  constructor(readonly root: string) {}

  pathFor(mediaId: string, filename: string): string {
    return path.join(this.root, sanitizeFileName(mediaId), sanitizeFileName(filename));
  }

  /** The local copy's path when it is already there. */
  async existing(mediaId: string, filename: string): Promise<string | undefined> {
    const target = this.pathFor(mediaId, filename);
    return (await isNonEmptyFile(target)) ? target : undefined;
  }

  async ensure(mediaId: string, filename: string, download: DownloadInto, signal?: AbortSignal): Promise<string> {
    const target = this.pathFor(mediaId, filename);
    if (await isNonEmptyFile(target)) return target;
    let entry = this.pending.get(target);
    // An entry every earlier waiter gave up on is being aborted: start afresh.
    if (!entry || entry.controller.signal.aborted) {
      const controller = new AbortController();
      const promise = (async () => {
        await fs.mkdir(path.dirname(target), { recursive: true });
        return download(path.dirname(target), path.basename(target), controller.signal);
      })();
      entry = { promise, controller, waiters: 0 };
      const settled = entry;
      this.pending.set(target, settled);
      void promise.then(
        () => this.pending.get(target) === settled && this.pending.delete(target),
        () => this.pending.get(target) === settled && this.pending.delete(target),
      );
    }
    return this.wait(entry, signal);
  }

  /** Removes the local copy of `mediaId` (after it was deleted on api.audio). */
  async forget(mediaId: string): Promise<void> {
    await fs.rm(path.join(this.root, sanitizeFileName(mediaId)), { recursive: true, force: true });
  }

  private wait(entry: Pending, signal: AbortSignal | undefined): Promise<string> {
    entry.waiters++;
    let release: () => void = () => undefined;
    const gaveUp = new Promise<never>((_resolve, reject) => {
      if (!signal) return;
      const onAbort = () => {
        entry.waiters--;
        if (entry.waiters <= 0) entry.controller.abort();
        reject(new CancelledError());
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      release = () => signal.removeEventListener('abort', onAbort);
    });
    return Promise.race([entry.promise, gaveUp]).finally(() => release());
  }
}

async function isNonEmptyFile(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() && stat.size > 0;
  } catch {
    return false;
  }
}
