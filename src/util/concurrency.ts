// A bounded worker pool. Pure: no `vscode` import, unit-tested in plain Node.

export type PoolResult<R> =
  | { status: 'fulfilled'; value: R }
  | { status: 'rejected'; reason: unknown }
  /** Never started: the signal was aborted first. */
  | { status: 'skipped' };

/**
 * Runs `worker` over `items` with at most `limit` running at once and returns one result
 * per item, in input order. A failure does not stop the others; once `signal` is aborted
 * no further item starts.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<Array<PoolResult<R>>> {
  const results: Array<PoolResult<R>> = items.map(() => ({ status: 'skipped' }));
  let next = 0;
  const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await worker(items[index], index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
