import type { TransferProgress } from '../api';
import { mapWithConcurrency, type PoolResult } from '../util/concurrency';
import { readSettings } from '../util/config';
import { TransferProgressReporter } from '../util/progress';
import { withCancellableProgress } from './cancellableProgress';

/**
 * Runs one transfer per item in a cancellable notification titled `title`, a few at a
 * time (`apiAudio.maxConcurrentTransfers`), with byte progress. Cancel aborts the running
 * transfers through their AbortSignal and starts no more. One result per item, in order.
 * `onStatus` replaces a transfer's bytes with what it waits for next (e.g. processing).
 */
export function runTransfers<T, R>(
  title: string,
  items: readonly T[],
  labelOf: (item: T) => string,
  transfer: (item: T, signal: AbortSignal, onProgress: (progress: TransferProgress) => void, onStatus: (text: string) => void) => Promise<R>,
): Thenable<Array<PoolResult<R>>> {
  return withCancellableProgress(title, (signal, progress) => {
    const reporter = new TransferProgressReporter((step) => progress.report(step), items.length);
    return mapWithConcurrency(
      items,
      readSettings().maxConcurrentTransfers,
      async (item, index) => {
        const key = String(index);
        const value = await transfer(
          item,
          signal,
          ({ transferred, total }) => reporter.update(key, labelOf(item), transferred, total),
          (text) => reporter.status(key, labelOf(item), text),
        );
        reporter.finish(key);
        return value;
      },
      signal,
    ).finally(() => reporter.dispose());
  });
}
